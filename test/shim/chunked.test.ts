// A chunked answer (Node's default when the length is not known up front) is decoded, whatever the
// chunk boundaries, extensions and trailers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildShim, cniEnv, CONFIG, fakeDaemon, OUR_TYPE, rawDaemon, runShim } from './helper.ts';

const skip = buildShim();

test('chunked bodies from an HTTP server: ours verbatim, Go-style unwrapped', { skip }, async (t) => {
  const result = '{"cniVersion":"1.0.0","ips":[{"address":"10.0.0.2/24"}]}';
  let i = 0;
  const d = await fakeDaemon(t, (_q, res) => {
    const ours = i++ === 0;
    res.writeHead(200, { 'Content-Type': ours ? OUR_TYPE : 'application/json' });
    const body = ours ? result : `{"Result":${result}}`;
    // Several writes with pauses: separate chunks, and separate reads on the shim's side.
    let k = 0;
    const step = () => {
      if (k >= body.length) return res.end();
      res.write(body.slice(k, k + 7));
      k += 7;
      setTimeout(step, 1);
    };
    step();
  });
  for (let n = 0; n < 2; n++) {
    const r = await runShim({ env: cniEnv(d.socket), stdin: CONFIG });
    assert.equal(r.code, 0, r.stdout);
    assert.equal(r.stdout, n === 0 ? result : `${result}\n`);
  }
});

test('chunk extensions, upper-case hex, trailers; the answer ends at the last chunk', { skip }, async (t) => {
  const body = 'x'.repeat(26) + '{}';
  const wire =
    'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: ' + OUR_TYPE + '\r\n\r\n' +
    '1A;name=value\r\n' + 'x'.repeat(26) + '\r\n2\r\n{}\r\n0\r\nX-Trailer: 1\r\n\r\n';
  // The connection stays open: the shim must stop at the terminal chunk, not wait for the close.
  const d = await rawDaemon(t, (sock) => sock.write(wire));
  const r = await runShim({ env: cniEnv(d.socket, { MULTUS_SHIM_TIMEOUT_MS: '5000' }), stdin: CONFIG });
  assert.equal(r.code, 0, r.stdout);
  assert.equal(r.stdout, body);
  assert.ok(r.ms < 4000);
});
