// The socket comes from the config's top-level daemonSocketDir (as Multus' shim reads it), with or
// without a trailing slash and with JSON escapes; nested keys of that name do not count; the
// MULTUS_SHIM_SOCKET override wins; without either the default /run/multus/multus.sock is used.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { buildShim, cniEnv, cniError, fakeDaemon, runShim } from './helper.ts';

const skip = buildShim();

// JSON-escape every '/' as '\/' and one letter as \u00XX: the shim must decode, not copy.
function escaped(dir: string): string {
  return JSON.stringify(dir).slice(1, -1).replaceAll('/', '\\/').replace('m', '\\u006d');
}

test('daemonSocketDir from stdin, with and without a trailing slash, escaped', { skip }, async (t) => {
  const d = await fakeDaemon(t);
  for (const dir of [d.dir, `${d.dir}/`]) {
    const stdin = `{"cniVersion":"1.0.0","name":"n","type":"multus-shim","daemonSocketDir":"${escaped(dir)}"}`;
    const r = await runShim({ env: cniEnv(undefined), stdin });
    assert.equal(r.code, 0, r.stdout);
  }
  assert.equal(d.requests.length, 2);
});

test('only the top-level key counts, and the last one wins (as JSON.parse in the daemon)', { skip }, async (t) => {
  const d = await fakeDaemon(t);
  const decoy = '/nonexistent-decoy';
  const stdin = JSON.stringify({
    cniVersion: '1.0.0',
    daemonSocketDir: decoy, // overridden by the later duplicate below
    nested: { daemonSocketDir: decoy, list: [{ daemonSocketDir: decoy }, '"daemonSocketDir":"x"'] },
    'daemonSocketDir"': decoy,
    s: '{"daemonSocketDir":"/decoy"} \\" }',
  }).replace(/}$/, `,"daemonSocketDir":${JSON.stringify(d.dir)}}`);
  const r = await runShim({ env: cniEnv(undefined), stdin });
  assert.equal(r.code, 0, r.stdout);
  assert.equal(d.requests.length, 1);
});

test('MULTUS_SHIM_SOCKET overrides daemonSocketDir', { skip }, async (t) => {
  const d = await fakeDaemon(t);
  const stdin = '{"cniVersion":"1.0.0","daemonSocketDir":"/nonexistent-dir"}';
  const r = await runShim({ env: cniEnv(d.socket), stdin });
  assert.equal(r.code, 0, r.stdout);
  assert.equal(d.requests.length, 1);
});

test('a malformed config still reaches the daemon named before the error', { skip }, async (t) => {
  const d = await fakeDaemon(t);
  const stdin = `{"daemonSocketDir":${JSON.stringify(d.dir)}, "name": oops [}`;
  const r = await runShim({ env: cniEnv(undefined), stdin });
  assert.equal(r.code, 0, r.stdout);
  assert.equal(d.requests[0].json?.config, Buffer.from(stdin).toString('base64'));
});

const defaultSocket = '/run/multus/multus.sock';
test('without daemonSocketDir (or a non-string one) the default socket is used', {
  skip: skip ?? (existsSync(defaultSocket) ? `${defaultSocket} exists: a real daemon may be listening` : undefined),
}, async () => {
  for (const stdin of ['{"cniVersion":"1.0.0"}', '{"daemonSocketDir":5}', '{"daemonSocketDir":""}', 'not json']) {
    const r = await runShim({ env: cniEnv(undefined, { MULTUS_SHIM_CONNECT_TIMEOUT_MS: '0' }), stdin });
    assert.equal(r.code, 1);
    assert.match(cniError(r.stdout).msg, /^multus-ts daemon not reachable at \/run\/multus\/multus\.sock: /);
  }
});
