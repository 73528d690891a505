// §2.4 "Load + check": from cniVersion 0.4.0 on, the primary's cniVersion must be a string ≥ 0.4.0
// (blang/semver rules); errors carry Multus' exact start-up text (S109).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { checkPrimaryText, loadPrimary } from '../../../src/daemon/config/generate.ts';
import { CniError } from '../../../src/errors/catalogue.ts';
import { daemonConfig, put, tempDir } from './helpers.ts';

const P = 'failed to load the primary CNI configuration as a multus delegate with error';

test('S109: primary 0.3.1 under our 0.4.0', async (t) => {
  const dir = tempDir(t);
  const f = put(dir, '00-mycni.conf', '\n{\n  "cniVersion": "0.3.1",\n  "name": "mycni-name",\n  "type": "mycni",\n  "ipam": {},\n  "dns": {}\n}\n');
  await assert.rejects(loadPrimary(f, daemonConfig({ cniVersion: '0.4.0' })), (e: unknown) => {
    assert.ok(e instanceof CniError);
    assert.equal(e.message, `${P} 'delegate cni version is 0.3.1 while top level cni version is 0.4.0'`);
    return true;
  });
});

test('below 0.4.0 any primary version goes; from 0.4.0 on, newer ones and pre-release rules', () => {
  const f = '/x/10-a.conf';
  assert.doesNotThrow(() => checkPrimaryText(f, '{"cniVersion":"0.1.0"}', daemonConfig({ cniVersion: '0.3.1' })));
  assert.doesNotThrow(() => checkPrimaryText(f, '{}', daemonConfig({ cniVersion: '0.3.1' })));
  const c = daemonConfig({ cniVersion: '1.1.0' });
  assert.doesNotThrow(() => checkPrimaryText(f, '{"cniVersion":"1.0.0"}', c));
  assert.doesNotThrow(() => checkPrimaryText(f, '{"cniVersion":"0.4.0"}', c));
  assert.throws(() => checkPrimaryText(f, '{"cniVersion":"0.4.0-rc1"}', c), { message: `${P} 'delegate cni version is 0.4.0-rc1 while top level cni version is 1.1.0'` });
});

test('a missing or non-string primary version, or one that is not major.minor.patch', () => {
  const c = daemonConfig({ cniVersion: '0.4.0' });
  const f = '/x/10-a.conf';
  assert.throws(() => checkPrimaryText(f, '{"name":"a"}', c), { message: `${P} 'couldn't get cni version of delegate'` });
  assert.throws(() => checkPrimaryText(f, '{"cniVersion":1}', c), { message: `${P} 'couldn't get cni version of delegate'` });
  assert.throws(() => checkPrimaryText(f, '[1]', c), { message: `${P} 'couldn't get cni version of delegate'` });
  assert.throws(() => checkPrimaryText(f, '{"cniVersion":"1.0"}', c), { message: `${P} 'No Major.Minor.Patch elements found'` });
  assert.throws(() => checkPrimaryText(f, '{"cniVersion":"01.0.0"}', c), { message: `${P} 'Major number must not contain leading zeroes "01"'` });
});

test('unreadable and unparsable primaries (a half-written file) give Multus\' texts', async (t) => {
  const dir = tempDir(t);
  const c = daemonConfig({ cniVersion: '0.4.0' });
  const missing = path.join(dir, '10-gone.conf');
  await assert.rejects(loadPrimary(missing, c), {
    message: `${P} 'failed to access the primary CNI configuration from ${missing}: failed to read the cluster primary CNI config ${missing}: open ${missing}: no such file or directory'`,
  });
  const half = put(dir, '10-half.conflist', '{"cniVersion":"0.4.0","name":"k8s-pod-net');
  await assert.rejects(loadPrimary(half, c), {
    message: `${P} 'failed to access the primary CNI configuration from ${half}: failed to unmarshall primary CNI config: unexpected end of JSON input'`,
  });
  const empty = put(dir, '10-empty.conf', '');
  await assert.rejects(loadPrimary(empty, c), /unexpected end of JSON input/);
});

test('a primary that is itself Multus is refused (it would call itself, #1089)', () => {
  const c = daemonConfig({ cniVersion: '0.3.1' });
  assert.throws(() => checkPrimaryText('/x/70-multus.conf', '{"type":"multus","name":"m"}', c), /it is a Multus config \(type "multus"\)/);
  assert.throws(() => checkPrimaryText('/x/05-m.conflist', '{"plugins":[{"type":"multus-shim"}]}', c), /type "multus-shim"/);
});

test('overrideNetworkName needs a named primary (Multus\' texts)', () => {
  const c = daemonConfig({ cniVersion: '0.3.1', overrideNetworkName: true });
  assert.throws(() => checkPrimaryText('/x/a.conf', '{"type":"x"}', c), { message: 'could not override the network name: failed to access delegate CNI plugin name' });
  assert.throws(() => checkPrimaryText('/x/a.conf', '{"type":"x","name":""}', c), /^CniError: could not override the network name: the primary CNI Configuration does not feature the network name/);
});
