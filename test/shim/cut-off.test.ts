// A daemon killed mid-request (connection closed before a complete answer) is code 11: the runtime
// retries, and the daemon's start-up reconciliation finishes what the killed one began.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildShim, cniEnv, cniError, CONFIG, OUR_TYPE, rawDaemon, runShim } from './helper.ts';

const skip = buildShim();

const cuts = {
  'nothing at all': '',
  'half a status line': 'HTTP/1.1 20',
  'head without its end': 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n',
  'short Content-Length body': `HTTP/1.1 200 OK\r\nContent-Type: ${OUR_TYPE}\r\nContent-Length: 100\r\n\r\n{"cniVersion":`,
  'chunked body without its last chunk': 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n',
  'chunk cut inside its data': 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n50\r\nhello',
};

test('connection closed before a complete answer: code 11', { skip }, async (t) => {
  for (const [name, wire] of Object.entries(cuts)) {
    const d = await rawDaemon(t, (sock) => sock.end(wire));
    for (const cmd of ['ADD', 'DEL']) {
      const r = await runShim({ env: cniEnv(d.socket, { CNI_COMMAND: cmd }), stdin: CONFIG });
      assert.equal(r.code, 1, name);
      assert.deepEqual(cniError(r.stdout), {
        code: 11,
        msg: `multus-ts daemon not reachable at ${d.socket}: the connection closed before the answer was complete`,
        details: cniError(r.stdout).details,
      }, name);
    }
  }
});

test('closed at accept, before the request was read (send fails): code 11', { skip }, async (t) => {
  const d = await rawDaemon(t, (sock) => sock.destroy(), true);
  for (const stdin of [CONFIG, Buffer.alloc(4 << 20, 'x')]) {
    const r = await runShim({ env: cniEnv(d.socket), stdin });
    assert.equal(r.code, 1);
    assert.equal(cniError(r.stdout).code, 11, r.stdout);
  }
});

test('a complete answer followed by the close is fine (close-delimited body)', { skip }, async (t) => {
  const d = await rawDaemon(t, (sock) => sock.end(`HTTP/1.1 200 OK\r\nContent-Type: ${OUR_TYPE}\r\n\r\n{"ok":1}`));
  const r = await runShim({ env: cniEnv(d.socket), stdin: CONFIG });
  assert.equal(r.code, 0, r.stdout);
  assert.equal(r.stdout, '{"ok":1}');
});
