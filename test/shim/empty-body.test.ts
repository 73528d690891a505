// Go Multus answers DEL/CHECK/GC/STATUS with 200 and an empty body: the shim prints nothing, exit 0.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildShim, cniEnv, CONFIG, fakeDaemon, runShim } from './helper.ts';

const skip = buildShim();

test('200 with an empty (or blank) body: nothing on stdout, exit 0', { skip }, async (t) => {
  const bodies = ['', '', '\r\n  '];
  let i = 0;
  const d = await fakeDaemon(t, (_q, res) => {
    // Go sets Content-Type only after the status line is written, so it may be missing.
    res.writeHead(200, i === 0 ? {} : { 'Content-Type': 'application/json' });
    res.end(bodies[i++]);
  });
  for (const cmd of ['DEL', 'CHECK', 'GC']) {
    const r = await runShim({ env: cniEnv(d.socket, { CNI_COMMAND: cmd }), stdin: CONFIG });
    assert.equal(r.code, 0, r.stdout);
    assert.equal(r.stdout, '');
  }
  assert.deepEqual(d.requests.map((q) => q.json?.env.CNI_COMMAND), ['DEL', 'CHECK', 'GC']);
});
