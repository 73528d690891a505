// A non-200 answer whose body is a CNI error object (non-empty msg) is the plugin's error: printed on
// stdout as it is (code and details kept), exit 1.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildShim, cniEnv, CONFIG, fakeDaemon, runShim } from './helper.ts';

const skip = buildShim();

test('400 with a CNI error JSON: passed through, exit 1', { skip }, async (t) => {
  const bodies = [
    '{"code":7,"msg":"no \\"name\\" in config","details":"see docs/errors.md"}',
    '{"cniVersion":"1.0.0","code":11,"msg":"try again"}\n',
    '{"Code":3,"Msg":"Go matches field names case-insensitively"}',
  ];
  let i = 0;
  const d = await fakeDaemon(t, (_q, res) => {
    res.writeHead(i === 1 ? 500 : 400, { 'Content-Type': 'application/json' });
    res.end(bodies[i++]);
  });
  for (const body of bodies) {
    const r = await runShim({ env: cniEnv(d.socket), stdin: CONFIG });
    assert.equal(r.code, 1);
    assert.equal(r.stdout, body);
  }
});
