// Bearer-token authentication: a wrong token is 401; no credentials is system:anonymous, which
// may read the health and version endpoints and nothing else (403 with the RBAC wording).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, fake, pod } from './client.ts';

test('right token 200, wrong token 401 with the Unauthorized Status', async (t) => {
  const api = await fake(t, { token: 'sekret' });
  api.createPod(pod('p1'));
  assert.equal((await call(api, 'GET', '/api/v1/namespaces/default/pods/p1', { token: 'sekret' })).status, 200);
  const bad = await call(api, 'GET', '/api/v1/namespaces/default/pods/p1', { token: 'wrong' });
  assert.equal(bad.status, 401);
  assert.equal(bad.text, '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}\n');
  assert.equal((await call(api, 'GET', '/healthz', { token: 'wrong' })).status, 401, 'a bad token is rejected everywhere');
});

test('anonymous: health and version answer, resources are 403', async (t) => {
  const api = await fake(t, { token: 'sekret' });
  assert.equal((await call(api, 'GET', '/healthz')).text, 'ok');
  assert.equal((await call(api, 'GET', '/version')).status, 200);
  const get = await call(api, 'GET', '/api/v1/namespaces/default/pods/p1');
  assert.equal(get.status, 403);
  assert.equal(get.text, '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \\"p1\\" is forbidden: User \\"system:anonymous\\" cannot get resource \\"pods\\" in API group \\"\\" in the namespace \\"default\\"","reason":"Forbidden","details":{"name":"p1","kind":"pods"},"code":403}\n');
  const list = await call(api, 'GET', '/apis/k8s.cni.cncf.io/v1/network-attachment-definitions');
  assert.equal(list.json.message, 'network-attachment-definitions.k8s.cni.cncf.io is forbidden: User "system:anonymous" cannot list resource "network-attachment-definitions" in API group "k8s.cni.cncf.io" at the cluster scope');
  assert.equal((await call(api, 'GET', '/api')).json.message, 'forbidden: User "system:anonymous" cannot get path "/api"');
});

test('anonymous: false makes missing credentials 401; setToken rotates the accepted token', async (t) => {
  const api = await fake(t, { token: 'one', anonymous: false });
  assert.equal((await call(api, 'GET', '/version')).status, 401);
  api.setToken('two');
  assert.equal((await call(api, 'GET', '/version', { token: 'one' })).status, 401);
  assert.equal((await call(api, 'GET', '/version', { token: 'two' })).status, 200);
});
