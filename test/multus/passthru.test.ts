// src/bin/passthru.ts, the head of the auxiliary chain (Multus' cmd/passthru-cni): ADD prints an empty
// result of the config's version (0.3.0–1.1.0), other versions fail; DEL, CHECK print nothing; VERSION.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const PASSTHRU = fileURLToPath(new URL('../../src/bin/passthru.ts', import.meta.url));
const run = (command: string, stdin: string) => spawnSync(process.execPath, [PASSTHRU], { input: stdin, env: { CNI_COMMAND: command }, encoding: 'utf8' });

test('ADD: an empty result of the config\'s version', () => {
  for (const v of ['0.3.0', '0.3.1', '0.4.0', '1.0.0', '1.1.0']) {
    const r = run('ADD', JSON.stringify({ cniVersion: v, name: 'aux', type: 'passthru' }));
    assert.equal(r.status, 0, r.stdout);
    assert.deepEqual(JSON.parse(r.stdout), { cniVersion: v, interfaces: [], ips: [], routes: [], dns: {} });
  }
  const old = run('ADD', '{"cniVersion":"0.2.0"}');
  assert.equal(old.status, 1);
  assert.equal((JSON.parse(old.stdout) as { code: number }).code, 1);
  const bad = run('ADD', 'not json');
  assert.equal(bad.status, 1);
  assert.equal((JSON.parse(bad.stdout) as { code: number }).code, 6);
});

test('DEL and CHECK do nothing; VERSION lists 0.3.0–1.1.0', () => {
  for (const c of ['DEL', 'CHECK']) {
    const r = run(c, '{"cniVersion":"1.0.0"}');
    assert.equal(r.status, 0);
    assert.equal(r.stdout, '');
  }
  const v = run('VERSION', '');
  assert.deepEqual(JSON.parse(v.stdout), { cniVersion: '1.1.0', supportedVersions: ['0.3.0', '0.3.1', '0.4.0', '1.0.0', '1.1.0'] });
});
