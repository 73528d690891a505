// NetworkAttachmentDefinitions as apiextensions serves them: POST/GET/PUT/DELETE, namespaced and
// all-namespaces lists whose items keep kind/apiVersion, 409 AlreadyExists, and the custom-resource
// rule that an update must carry a resourceVersion.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, fake, watch } from './client.ts';

const BASE = '/apis/k8s.cni.cncf.io/v1';
const macvlan = '{"cniVersion":"1.0.0","type":"macvlan","master":"eth0"}';

test('POST creates (201), a second POST is 409 AlreadyExists', async (t) => {
  const api = await fake(t);
  const body = { apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', metadata: { name: 'macvlan-conf' }, spec: { config: macvlan } };
  const r = await call(api, 'POST', `${BASE}/namespaces/default/network-attachment-definitions`, { body });
  assert.equal(r.status, 201);
  assert.equal(r.json.metadata.namespace, 'default');
  assert.equal(r.json.metadata.generation, 1);
  assert.match(r.json.metadata.uid, /^[0-9a-f-]{36}$/);
  assert.equal(r.json.spec.config, macvlan);
  assert.deepEqual(Object.keys(r.json), ['apiVersion', 'kind', 'metadata', 'spec'], 'unstructured objects serialise with sorted keys');
  const again = await call(api, 'POST', `${BASE}/namespaces/default/network-attachment-definitions`, { body });
  assert.equal(again.status, 409);
  assert.equal(again.text, '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"network-attachment-definitions.k8s.cni.cncf.io \\"macvlan-conf\\" already exists","reason":"AlreadyExists","details":{"name":"macvlan-conf","group":"k8s.cni.cncf.io","kind":"network-attachment-definitions"},"code":409}\n');
});

test('lists: namespaced and all namespaces, items with kind and apiVersion', async (t) => {
  const api = await fake(t);
  api.createNad('default', 'a', macvlan);
  api.createNad('kube-system', 'b', undefined, { 'k8s.v1.cni.cncf.io/resourceName': 'intel.com/sriov' });
  const all = await call(api, 'GET', `${BASE}/network-attachment-definitions`);
  assert.equal(all.json.kind, 'NetworkAttachmentDefinitionList');
  assert.equal(all.json.apiVersion, 'k8s.cni.cncf.io/v1');
  assert.deepEqual(all.json.items.map((i: { metadata: { name: string } }) => i.metadata.name), ['a', 'b']);
  assert.equal(all.json.items[0].kind, 'NetworkAttachmentDefinition');
  assert.deepEqual(all.json.items[1].spec, {});
  assert.equal(all.json.items[1].metadata.annotations['k8s.v1.cni.cncf.io/resourceName'], 'intel.com/sriov');
  const ns = await call(api, 'GET', `${BASE}/namespaces/kube-system/network-attachment-definitions`);
  assert.deepEqual(ns.json.items.map((i: { metadata: { name: string } }) => i.metadata.name), ['b']);
});

test('PUT needs a resourceVersion; with one it updates; DELETE returns the object and watchers see it', async (t) => {
  const api = await fake(t);
  const nad = api.createNad('default', 'a', macvlan);
  const url = `${BASE}/namespaces/default/network-attachment-definitions/a`;
  const w = watch(api, `${BASE}/namespaces/default/network-attachment-definitions?watch=1&resourceVersion=${nad.metadata.resourceVersion}`);
  t.after(() => w.close());
  const { resourceVersion: _rv, ...meta } = nad.metadata;
  const noRv = await call(api, 'PUT', url, { body: { ...nad, metadata: meta } });
  assert.equal(noRv.status, 422);
  assert.equal(noRv.json.message, 'network-attachment-definitions.k8s.cni.cncf.io "a" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update');
  const put = await call(api, 'PUT', url, { body: { ...nad, spec: { config: '{"type":"bridge"}' } } });
  assert.equal(put.status, 200);
  assert.equal(put.json.metadata.generation, 2, 'a spec change bumps the generation');
  const del = await call(api, 'DELETE', url);
  assert.equal(del.status, 200);
  assert.equal(del.json.kind, 'NetworkAttachmentDefinition');
  assert.deepEqual([(await w.next()).type, (await w.next()).type], ['MODIFIED', 'DELETED']);
  assert.equal(api.getNad('default', 'a'), undefined);
});
