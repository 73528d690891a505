// PUT .../pods/<name>/status, the call Multus makes to write the network-status annotation: the whole
// pod goes up, labels/annotations and status are taken, spec stays, and a stale resourceVersion is a
// 409 Conflict with the apiserver's exact wording.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, fake, pod } from './client.ts';

const STATUS = '/api/v1/namespaces/default/pods/p1/status';

test('a status PUT keeps the annotation, takes status, ignores spec and bumps the resourceVersion', async (t) => {
  const api = await fake(t);
  api.createPod({ ...pod('p1'), status: { phase: 'Running' } });
  const live = (await call(api, 'GET', '/api/v1/namespaces/default/pods/p1')).json;
  live.metadata.annotations = { 'k8s.v1.cni.cncf.io/network-status': '[{"name":"cbr0"}]' };
  live.spec.nodeName = 'sneaky';
  live.status.podIP = '10.0.0.5';
  const r = await call(api, 'PUT', STATUS, { body: live });
  assert.equal(r.status, 200);
  assert.equal(r.json.metadata.annotations['k8s.v1.cni.cncf.io/network-status'], '[{"name":"cbr0"}]');
  assert.equal(r.json.status.podIP, '10.0.0.5');
  assert.equal(r.json.spec.nodeName, undefined, 'spec comes from the stored pod');
  assert.ok(Number(r.json.metadata.resourceVersion) > Number(live.metadata.resourceVersion));
  assert.deepEqual(api.getPod('default', 'p1'), r.json);
});

test('a stale resourceVersion is a 409 Conflict; none at all is an unconditional update', async (t) => {
  const api = await fake(t);
  api.createPod(pod('p1'));
  const stale = (await call(api, 'GET', '/api/v1/namespaces/default/pods/p1')).json;
  api.patchPod('default', 'p1', { metadata: { labels: { moved: 'on' } } });
  const r = await call(api, 'PUT', STATUS, { body: stale });
  assert.equal(r.status, 409);
  assert.equal(r.text, '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Operation cannot be fulfilled on pods \\"p1\\": the object has been modified; please apply your changes to the latest version and try again","reason":"Conflict","details":{"name":"p1","kind":"pods"},"code":409}\n');
  delete stale.metadata.resourceVersion;
  stale.metadata.annotations = { a: 'b' };
  const ok = await call(api, 'PUT', STATUS, { body: stale });
  assert.equal(ok.status, 200);
  assert.deepEqual(ok.json.metadata.annotations, { a: 'b' });
});

test('an unchanged PUT is not written: same resourceVersion', async (t) => {
  const api = await fake(t);
  const p = api.createPod(pod('p1'));
  const before = api.resourceVersion;
  const r = await call(api, 'PUT', STATUS, { body: p });
  assert.equal(r.status, 200);
  assert.equal(r.json.metadata.resourceVersion, p.metadata.resourceVersion);
  assert.equal(api.resourceVersion, before);
});

test('the main resource PUT cannot change status; name and namespace must match the URL', async (t) => {
  const api = await fake(t);
  const p = api.createPod({ ...pod('p1'), status: { phase: 'Running' } });
  const main = await call(api, 'PUT', '/api/v1/namespaces/default/pods/p1', { body: { ...p, status: { phase: 'Failed' }, metadata: { ...p.metadata, labels: { x: 'y' } } } });
  assert.equal(main.status, 200);
  assert.deepEqual(main.json.status, { phase: 'Running' });
  assert.deepEqual(main.json.metadata.labels, { x: 'y' });
  const wrongName = await call(api, 'PUT', STATUS, { body: { ...p, metadata: { ...p.metadata, name: 'other' } } });
  assert.equal(wrongName.status, 400);
  assert.equal(wrongName.json.message, 'the name of the object (other) does not match the name on the URL (p1)');
  const missing = await call(api, 'PUT', '/api/v1/namespaces/default/pods/nope/status', { body: { metadata: { name: 'nope' } } });
  assert.equal(missing.status, 404);
  assert.equal(missing.json.message, 'pods "nope" not found');
});
