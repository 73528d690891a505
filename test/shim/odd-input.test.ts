// Property tests: whatever the config on stdin and whatever the daemon answers, the shim exits 0 or 1
// (never a signal) and, on 1, prints one CNI error object.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { buildShim, cniEnv, fakeDaemon, rawDaemon, runShim, type RunResult } from './helper.ts';

const skip = buildShim();

function assertSane(r: RunResult, what: string): void {
  assert.equal(r.signal, null, `${what}: killed by ${r.signal}`);
  assert.ok(r.code === 0 || r.code === 1, `${what}: exit ${r.code}`);
  if (r.code === 1) {
    const e = JSON.parse(r.stdout);
    assert.equal(typeof e.code, 'number', what);
    assert.equal(typeof e.msg, 'string', what);
  }
}

test('any JSON config with daemonSocketDir at the top level reaches that daemon, config intact', { skip, timeout: 120_000 }, async (t) => {
  const d = await fakeDaemon(t);
  await fc.assert(
    fc.asyncProperty(
      fc.dictionary(fc.string({ unit: 'binary' }), fc.jsonValue()),
      fc.boolean(),
      async (obj, slash) => {
        delete obj.daemonSocketDir;
        const entries = Object.entries(obj);
        // Put the key at a random position among the others.
        entries.splice(entries.length >> 1, 0, ['daemonSocketDir', slash ? `${d.dir}/` : d.dir]);
        const stdin = JSON.stringify(Object.fromEntries(entries), null, slash ? 2 : undefined);
        const before = d.requests.length;
        const r = await runShim({ env: cniEnv(undefined, { MULTUS_SHIM_CONNECT_TIMEOUT_MS: '0' }), stdin });
        assert.equal(r.code, 0, `${stdin}\n${r.stdout}`);
        assert.equal(d.requests.length, before + 1);
        assert.equal(Buffer.from(d.requests.at(-1)?.json?.config ?? '', 'base64').toString('utf8'), stdin);
      },
    ),
    { numRuns: 60 },
  );
});

test('arbitrary bytes on stdin: a sane exit and output', { skip, timeout: 120_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(fc.uint8Array({ maxLength: 600 }), fc.string({ unit: fc.constantFrom(...'{}[]":,\\u0aDd /\n') }).map((s) => Buffer.from(s))),
      async (bytes) => {
        // The scanner may pick any "directory" out of these bytes; a missing socket is the expected end.
        const r = await runShim({ env: cniEnv(undefined, { MULTUS_SHIM_CONNECT_TIMEOUT_MS: '0' }), stdin: Buffer.from(bytes) });
        assertSane(r, Buffer.from(bytes).toString('hex'));
      },
    ),
    { numRuns: 100 },
  );
});

test('arbitrary (or arbitrarily cut) HTTP answers: a sane exit and output', { skip, timeout: 120_000 }, async (t) => {
  let wire = Buffer.alloc(0);
  const d = await rawDaemon(t, (sock) => sock.end(wire));
  const header = fc.tuple(
    fc.constantFrom('Content-Length', 'content-length', 'Transfer-Encoding', 'Content-Type', 'X-Any'),
    fc.oneof(fc.constantFrom('0', '5', '99999999999999999999', 'chunked', 'gzip, chunked', 'application/vnd.multus-ts.cni-output+json', '-1'), fc.string()),
  );
  const chunked = fc.array(fc.string(), { maxLength: 5 }).map((parts) =>
    parts.map((p) => `${Buffer.byteLength(p).toString(16)}\r\n${p}\r\n`).join('') + '0\r\n\r\n');
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        fc.record({
          status: fc.integer({ min: 0, max: 999 }),
          headers: fc.array(header, { maxLength: 4 }),
          body: fc.oneof(fc.string(), chunked, fc.constant('{"Result":{"a":"}"}}'), fc.constant('{"code":1,"msg":"m"}')),
          cut: fc.option(fc.nat({ max: 300 })),
        }).map(({ status, headers, body, cut }) => {
          const full = Buffer.from(`HTTP/1.1 ${status} X\r\n${headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n${body}`);
          return cut === null ? full : full.subarray(0, cut);
        }),
        fc.uint8Array({ maxLength: 400 }).map((a) => Buffer.from(a)),
      ),
      async (answer) => {
        wire = answer;
        const r = await runShim({ env: cniEnv(d.socket, { MULTUS_SHIM_TIMEOUT_MS: '2000' }), stdin: '{}' });
        assertSane(r, JSON.stringify(answer.toString('latin1')));
      },
    ),
    { numRuns: 150 },
  );
});
