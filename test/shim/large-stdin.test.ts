// A 1 MiB config (random bytes, so every byte value and base64 boundary occurs) is forwarded intact;
// above the 16 MiB cap the shim refuses with a CNI error instead of buffering without end.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { buildShim, cniEnv, cniError, fakeDaemon, runShim } from './helper.ts';

const skip = buildShim();

test('1 MiB of stdin arrives byte for byte', { skip }, async (t) => {
  const d = await fakeDaemon(t);
  const stdin = randomBytes(1 << 20);
  const r = await runShim({ env: cniEnv(d.socket), stdin });
  assert.equal(r.code, 0, r.stdout);
  assert.ok(Buffer.from(d.requests[0].json?.config ?? '', 'base64').equals(stdin));
});

test('more than 16 MiB of stdin: code 7, the daemon is not contacted', { skip }, async (t) => {
  const d = await fakeDaemon(t);
  const r = await runShim({ env: cniEnv(d.socket), stdin: Buffer.alloc((16 << 20) + 1, 'x') });
  assert.equal(r.code, 1);
  assert.deepEqual(cniError(r.stdout), { code: 7, msg: 'multus-shim: the CNI config on stdin is larger than 16 MiB' });
  assert.equal(d.requests.length, 0);
});
