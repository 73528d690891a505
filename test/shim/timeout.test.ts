// A daemon that accepts and never answers: after MULTUS_SHIM_TIMEOUT_MS the shim gives up with code 11.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildShim, cniEnv, cniError, CONFIG, rawDaemon, runShim } from './helper.ts';

const skip = buildShim();

test('accepts, reads the request, never answers: code 11 "timed out after 300 ms"', { skip }, async (t) => {
  const d = await rawDaemon(t, () => {});
  const r = await runShim({ env: cniEnv(d.socket, { MULTUS_SHIM_TIMEOUT_MS: '300' }), stdin: CONFIG });
  assert.equal(r.code, 1);
  const e = cniError(r.stdout);
  assert.equal(e.code, 11);
  assert.equal(e.msg, `multus-ts daemon not reachable at ${d.socket}: timed out after 300 ms`);
  assert.ok(r.ms >= 290 && r.ms < 2000, `took ${r.ms} ms`);
});

test('a daemon that never reads a large request times out too (send side)', { skip }, async (t) => {
  const d = await rawDaemon(t, () => {});
  // The socket buffer fills long before 8 MiB and rawDaemon only answers after the whole body.
  const r = await runShim({
    env: cniEnv(d.socket, { MULTUS_SHIM_TIMEOUT_MS: '300' }),
    stdin: Buffer.alloc(8 << 20, 'a'),
  });
  assert.equal(cniError(r.stdout).code, 11);
});
