// A daemon that is restarting has no socket for a moment: the shim retries the connect every 100 ms
// within MULTUS_SHIM_CONNECT_TIMEOUT_MS and succeeds once it is back.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tempDir } from '../support/tmp.ts';
import { buildShim, cniEnv, CONFIG, fakeDaemon, runShim } from './helper.ts';

const skip = buildShim();

test('the daemon appears 300 ms after the shim started: the call succeeds', { skip }, async (t) => {
  const dir = tempDir(t, 'mts-shim-');
  const run = runShim({ env: cniEnv(`${dir}/multus.sock`, { MULTUS_SHIM_CONNECT_TIMEOUT_MS: '3000' }), stdin: CONFIG });
  await new Promise((r) => setTimeout(r, 300));
  const d = await fakeDaemon(t, undefined, dir);
  const r = await run;
  assert.equal(r.code, 0, r.stdout);
  assert.equal(r.stdout, '{}');
  assert.equal(d.requests.length, 1);
  assert.ok(r.ms >= 300 && r.ms < 2500, `took ${r.ms} ms`);
});
