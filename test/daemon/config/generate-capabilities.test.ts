// S103: the primary's capabilities (every plugin's for a list, else its own), only `true` ones,
// merged with the daemon config's; written sorted, as Go marshals a map.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPrimaryText, generateMultusConf } from '../../../src/daemon/config/generate.ts';
import { CniError } from '../../../src/errors/catalogue.ts';
import { daemonConfig } from './helpers.ts';

const file = '/etc/cni/net.d/10-flannel.conf';
const c = daemonConfig({ cniVersion: '0.3.1' });

function capsOf(primary: string, conf = c): unknown {
  const text = generateMultusConf(conf, checkPrimaryText(file, primary, conf));
  return JSON.parse(text).capabilities;
}

test('S103: top-level capabilities', () => {
  assert.deepEqual(capsOf('{"capabilities":{"portMappings":true}}'), { portMappings: true });
  assert.deepEqual(capsOf('{"capabilities":{"portMappings":true,"tuning":true}}'), { portMappings: true, tuning: true });
  assert.deepEqual(capsOf('{"capabilities":{"portMappings":true,"tuning":false}}'), { portMappings: true });
});

test('S103: capabilities of a list\'s plugins', () => {
  assert.deepEqual(capsOf('{"plugins":[{"capabilities":{"portMappings":true,"tuning":true}}]}'), { portMappings: true, tuning: true });
  assert.deepEqual(capsOf('{"plugins":[{"capabilities":{"portMappings":true}},{"capabilities":{"tuning":true}}]}'), { portMappings: true, tuning: true });
  assert.deepEqual(capsOf('{"plugins":[{"capabilities":{"portMappings":true}},{"capabilities":{"tuning":false}}]}'), { portMappings: true });
});

test('a non-empty plugins list hides top-level capabilities; an empty one does not', () => {
  assert.deepEqual(capsOf('{"capabilities":{"a":true},"plugins":[{"type":"x","capabilities":{"b":true}}]}'), { b: true });
  assert.deepEqual(capsOf('{"capabilities":{"a":true},"plugins":[]}'), { a: true });
  assert.equal(capsOf('{"plugins":[{"type":"x"}]}'), undefined, 'no capabilities: key omitted');
});

test('the daemon config\'s capabilities are merged (kept as written), keys sorted in bytes', () => {
  const d = daemonConfig({ cniVersion: '0.3.1', capabilities: { zeta: true, Bandwidth: false, portMappings: false } });
  const text = generateMultusConf(d, checkPrimaryText(file, '{"plugins":[{"type":"p","capabilities":{"portMappings":true,"ips":true}}]}', d));
  assert.ok(text.startsWith('{"capabilities":{"Bandwidth":false,"ips":true,"portMappings":true,"zeta":true},'), text);
});

test('a non-boolean capability or a non-array plugins is an error naming it (Go panics)', () => {
  assert.throws(() => checkPrimaryText(file, '{"capabilities":{"portMappings":"yes"}}', c), (e: unknown) => e instanceof CniError && e.message.includes('capability "portMappings" in the config must be true or false'));
  assert.throws(() => checkPrimaryText(file, '{"plugins":{"type":"x"}}', c), /"plugins" must be an array/);
});

test('capabilities come from the current primary only (Go accumulates them across regenerations)', () => {
  assert.deepEqual(capsOf('{"capabilities":{"a":true}}'), { a: true });
  assert.deepEqual(capsOf('{"capabilities":{"b":true}}'), { b: true });
});
