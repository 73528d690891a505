// LIST with field and label selectors: the node-filtered pod list a Multus daemon makes, the
// field labels the pod registry supports, and the 400 for one it does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, fake, pod } from './client.ts';

async function seeded(t: Parameters<typeof fake>[0]) {
  const api = await fake(t);
  api.createPod(pod('a', { nodeName: 'node1', labels: { app: 'web', tier: 'front' } }));
  api.createPod(pod('b', { nodeName: 'node2', labels: { app: 'web' } }));
  api.createPod(pod('c', { namespace: 'kube-system', nodeName: 'node1', labels: { app: 'dns' } }));
  api.createPod(pod('d', { namespace: 'kube-system' }));
  return api;
}

const names = (r: { json: { items: Array<{ metadata: { namespace: string; name: string } }> } }) => r.json.items.map((i) => `${i.metadata.namespace}/${i.metadata.name}`);

test('fieldSelector spec.nodeName across all namespaces, as a PodList', async (t) => {
  const api = await seeded(t);
  const r = await call(api, 'GET', '/api/v1/pods?fieldSelector=spec.nodeName%3Dnode1');
  assert.equal(r.status, 200);
  assert.equal(r.json.kind, 'PodList');
  assert.equal(r.json.apiVersion, 'v1');
  assert.equal(r.json.metadata.resourceVersion, api.resourceVersion);
  assert.deepEqual(names(r), ['default/a', 'kube-system/c']);
  assert.equal(r.json.items[0].kind, undefined, 'built-in list items carry no kind');
  assert.deepEqual(names(await call(api, 'GET', '/api/v1/pods?fieldSelector=spec.nodeName%3D')), ['kube-system/d'], 'empty value: unscheduled pods');
  assert.deepEqual(names(await call(api, 'GET', '/api/v1/pods?fieldSelector=spec.host%3Dnode2')), ['default/b'], 'spec.host is the legacy alias');
});

test('namespaced lists, != and comma-joined (AND) field requirements', async (t) => {
  const api = await seeded(t);
  assert.deepEqual(names(await call(api, 'GET', '/api/v1/namespaces/kube-system/pods')), ['kube-system/c', 'kube-system/d']);
  assert.deepEqual(names(await call(api, 'GET', '/api/v1/pods?fieldSelector=spec.nodeName%3Dnode1,metadata.namespace!%3Ddefault')), ['kube-system/c']);
  assert.deepEqual(names(await call(api, 'GET', '/api/v1/namespaces/default/pods?fieldSelector=metadata.name%3D%3Db')), ['default/b']);
});

test('an unsupported field label is a 400 BadRequest', async (t) => {
  const api = await seeded(t);
  const r = await call(api, 'GET', '/api/v1/pods?fieldSelector=spec.bogus%3Dx');
  assert.equal(r.status, 400);
  assert.equal(r.text, '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"field label not supported: spec.bogus","reason":"BadRequest","code":400}\n');
  const nad = await call(api, 'GET', '/apis/k8s.cni.cncf.io/v1/network-attachment-definitions?fieldSelector=spec.config%3Dx');
  assert.equal(nad.json.message, 'field label not supported: spec.config');
});

test('labelSelector: k=v, k!=v, k, !k, in', async (t) => {
  const api = await seeded(t);
  const q = async (sel: string) => names(await call(api, 'GET', `/api/v1/pods?labelSelector=${encodeURIComponent(sel)}`));
  assert.deepEqual(await q('app=web'), ['default/a', 'default/b']);
  assert.deepEqual(await q('app!=web'), ['kube-system/c', 'kube-system/d']);
  assert.deepEqual(await q('tier'), ['default/a']);
  assert.deepEqual(await q('!app'), ['kube-system/d']);
  assert.deepEqual(await q('app in (dns, web),tier notin (front)'), ['default/b', 'kube-system/c']);
  assert.equal((await call(api, 'GET', '/api/v1/pods?labelSelector=a%20b')).status, 400);
});
