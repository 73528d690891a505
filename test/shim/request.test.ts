// The request the shim sends is Multus' Go shim's (POST /cni, Host dummy, {"env","config"}), plus our
// Accept and Connection headers; every env var arrives intact and config is the stdin bytes in base64.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildShim, cniEnv, fakeDaemon, OUR_TYPE, runShim } from './helper.ts';

const skip = buildShim();

test('the request: method, path, headers, the whole environment and base64 stdin', { skip }, async (t) => {
  const d = await fakeDaemon(t);
  // Values a JSON escaper gets wrong: quotes, backslashes, control characters, non-ASCII, '=' in a value.
  const env = cniEnv(d.socket, {
    QUOTES: 'say "hi"',
    BACKSLASH: 'C:\\path\\',
    CONTROL: 'tab\there\nnewline\r\x01\x1f\x7f',
    UNICODE: 'grüße 日本 🚀',
    EQUALS: 'a=b=c',
    EMPTY: '',
  });
  // Non-ASCII and NUL bytes in stdin must survive: config is a byte array, not a string.
  const stdin = Buffer.concat([Buffer.from('{"cniVersion":"1.0.0","name":"ünï"}'), Buffer.from([0, 0xff, 0xfe, 0x80, 10])]);
  const r = await runShim({ env, stdin });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(d.requests.length, 1);
  const q = d.requests[0];
  assert.equal(q.method, 'POST');
  assert.equal(q.url, '/cni');
  assert.equal(q.httpVersion, '1.1');
  assert.equal(q.headers.host, 'dummy');
  assert.equal(q.headers['content-type'], 'application/json');
  assert.equal(q.headers.accept, `${OUR_TYPE}, application/json`);
  assert.equal(q.headers.connection, 'close');
  assert.equal(q.headers['content-length'], String(q.body.length));
  assert.ok(q.json, `body is JSON: ${q.body.toString()}`);
  assert.deepEqual(Object.keys(q.json).sort(), ['config', 'env']);
  assert.deepEqual(q.json.env, env);
  assert.equal(q.json.config, stdin.toString('base64'));
  assert.deepEqual(Buffer.from(q.json.config, 'base64'), stdin);
});

test('base64 padding is right for every length mod 3, and an empty stdin is ""', { skip }, async (t) => {
  const d = await fakeDaemon(t);
  for (const stdin of ['', 'a', 'ab', 'abc', 'abcd']) {
    const r = await runShim({ env: cniEnv(d.socket), stdin });
    assert.equal(r.code, 0, r.stdout);
    assert.equal(d.requests.at(-1)?.json?.config, Buffer.from(stdin).toString('base64'));
  }
});
