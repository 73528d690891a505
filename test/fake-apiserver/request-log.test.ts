// The request log: every request with method, path, query, the apiserver's verb, status and time,
// and countRequests() for the "API requests per ADD" figure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, fake, pod, watch } from './client.ts';

test('requests are logged with verb and resource; countRequests filters', async (t) => {
  const api = await fake(t);
  api.createPod(pod('p1'));
  await call(api, 'GET', '/api/v1/namespaces/default/pods/p1');
  await call(api, 'GET', '/api/v1/namespaces/default/pods/nope');
  await call(api, 'PUT', '/api/v1/namespaces/default/pods/p1/status', { body: api.getPod('default', 'p1') });
  await call(api, 'GET', '/api/v1/pods?fieldSelector=spec.nodeName%3Dn1');
  const w = watch(api, '/api/v1/pods?watch=1&fieldSelector=spec.nodeName%3Dn1');
  await w.status;
  w.close();
  await call(api, 'GET', '/healthz');
  assert.equal(api.requests.length, 6);
  const [get, miss, put, list, wat, health] = api.requests;
  assert.deepEqual({ ...get, ms: 0 }, { method: 'GET', path: '/api/v1/namespaces/default/pods/p1', query: {}, verb: 'get', resource: 'pods', subresource: undefined, namespace: 'default', name: 'p1', watch: false, status: 200, ms: 0 });
  assert.ok(get.ms > 0);
  assert.equal(miss.status, 404);
  assert.deepEqual([put.verb, put.subresource], ['update', 'status']);
  assert.deepEqual([list.verb, list.query.fieldSelector], ['list', 'spec.nodeName=n1']);
  assert.deepEqual([wat.verb, wat.watch, wat.status], ['watch', true, 200]);
  assert.equal(health.verb, 'get');
  assert.equal(api.countRequests({ resource: 'pods' }), 5);
  assert.equal(api.countRequests({ verb: 'get', resource: 'pods' }), 2);
  assert.equal(api.countRequests({ method: 'PUT', pathRegex: /\/status$/ }), 1);
  assert.equal(api.countRequests((r) => r.status >= 400), 1);
  api.clearRequests();
  assert.equal(api.countRequests(), 0);
});
