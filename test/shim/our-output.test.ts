// Our daemon marks its answer with our content type: the body is exactly what the plugin must print,
// so the shim copies it byte for byte (no newline added, nothing parsed), for any status 200 body.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildShim, cniEnv, CONFIG, fakeDaemon, OUR_TYPE, runShim } from './helper.ts';

const skip = buildShim();

test('200 with our content type: the body is printed verbatim, exit 0', { skip }, async (t) => {
  const bodies = [
    '{"cniVersion":"1.0.0","interfaces":[{"name":"eth0"}],"ips":[{"address":"10.1.2.3/24"}]}\n',
    '  {"Result": "not unwrapped: it is ours"}  ',
    '',
    'plain text, even: ünï 🚀',
  ];
  let i = 0;
  const d = await fakeDaemon(t, (_q, res) => {
    res.writeHead(200, { 'Content-Type': `${OUR_TYPE}; charset=utf-8` });
    res.end(bodies[i++]);
  });
  for (const body of bodies) {
    const r = await runShim({ env: cniEnv(d.socket), stdin: CONFIG });
    assert.equal(r.code, 0);
    assert.equal(r.stdout, body);
  }
  assert.equal(d.requests.length, bodies.length);
});
