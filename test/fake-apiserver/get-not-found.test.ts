// GET of one object, and the 404 Status bodies byte for byte as kube-apiserver sends them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, fake, pod } from './client.ts';

test('GET a pod returns the stored object with kind, apiVersion and server-set metadata', async (t) => {
  const api = await fake(t);
  const created = api.createPod(pod('p1', { uid: '1111-2222' }));
  const r = await call(api, 'GET', '/api/v1/namespaces/default/pods/p1');
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-type'], 'application/json');
  assert.equal(r.json.kind, 'Pod');
  assert.equal(r.json.apiVersion, 'v1');
  assert.equal(r.json.metadata.uid, '1111-2222');
  assert.equal(r.json.metadata.resourceVersion, created.metadata.resourceVersion);
  assert.match(r.json.metadata.creationTimestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.deepEqual(r.json.spec, pod('p1').spec);
  assert.deepEqual(api.getPod('default', 'p1'), r.json);
  assert.equal(api.getPod('default', 'nope'), undefined);
});

test('a missing pod is the exact NotFound Status', async (t) => {
  const api = await fake(t);
  const r = await call(api, 'GET', '/api/v1/namespaces/default/pods/x');
  assert.equal(r.status, 404);
  assert.equal(r.headers['content-type'], 'application/json');
  assert.equal(r.text, '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \\"x\\" not found","reason":"NotFound","details":{"name":"x","kind":"pods"},"code":404}\n');
});

test('a missing NetworkAttachmentDefinition is qualified with its group', async (t) => {
  const api = await fake(t);
  const r = await call(api, 'GET', '/apis/k8s.cni.cncf.io/v1/namespaces/default/network-attachment-definitions/x');
  assert.equal(r.status, 404);
  assert.equal(r.text, '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"network-attachment-definitions.k8s.cni.cncf.io \\"x\\" not found","reason":"NotFound","details":{"name":"x","group":"k8s.cni.cncf.io","kind":"network-attachment-definitions"},"code":404}\n');
});
