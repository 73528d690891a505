// failNext: canned error answers with the Status bodies (and Retry-After) clients branch on,
// consumed one per matching request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, fake, pod } from './client.ts';

const GET = '/api/v1/namespaces/default/pods/p1';

test('500 InternalError twice, then the real answer', async (t) => {
  const api = await fake(t);
  api.createPod(pod('p1'));
  api.failNext(2, { status: 500 });
  for (let i = 0; i < 2; i++) {
    const r = await call(api, 'GET', GET);
    assert.equal(r.status, 500);
    assert.equal(r.text, '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Internal error occurred: fake apiserver: injected failure","reason":"InternalError","details":{"causes":[{"message":"fake apiserver: injected failure"}]},"code":500}\n');
  }
  assert.equal((await call(api, 'GET', GET)).status, 200);
});

test('429 TooManyRequests carries Retry-After in the header and the details', async (t) => {
  const api = await fake(t);
  api.failNext(1, { status: 429, retryAfterSeconds: 3 });
  const r = await call(api, 'GET', GET);
  assert.equal(r.status, 429);
  assert.equal(r.headers['retry-after'], '3');
  assert.equal(r.json.reason, 'TooManyRequests');
  assert.equal(r.json.message, 'Too many requests, please try again later.');
  assert.deepEqual(r.json.details, { retryAfterSeconds: 3 });
  api.failNext(1, { status: 429, plainText: true });
  const apf = await call(api, 'GET', GET);
  assert.equal(apf.headers['retry-after'], '1');
  assert.equal(apf.headers['content-type'], 'text/plain; charset=utf-8');
  assert.equal(apf.text, 'Too many requests, please try again later.\n');
});

test('match limits the fault to some requests; 503 and 409 bodies', async (t) => {
  const api = await fake(t);
  api.createPod(pod('p1'));
  api.failNext(1, { status: 503, match: { method: 'PUT', pathRegex: /\/status$/ } });
  api.failNext(1, { status: 409, match: { verb: 'patch' } });
  assert.equal((await call(api, 'GET', GET)).status, 200, 'a GET does not match');
  const put = await call(api, 'PUT', `${GET}/status`, { body: api.getPod('default', 'p1') });
  assert.equal(put.status, 503);
  assert.deepEqual([put.json.reason, put.json.message], ['ServiceUnavailable', 'the server is currently unable to handle the request']);
  const patch = await call(api, 'PATCH', GET, { body: {}, contentType: 'application/merge-patch+json' });
  assert.equal(patch.status, 409);
  assert.equal(patch.json.message, 'Operation cannot be fulfilled on pods "p1": the object has been modified; please apply your changes to the latest version and try again');
  assert.equal((await call(api, 'PUT', `${GET}/status`, { body: api.getPod('default', 'p1') })).status, 200);
});
