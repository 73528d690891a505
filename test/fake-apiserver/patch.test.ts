// PATCH with the three patch types: merge (RFC 7386), strategic (as a merge for maps) and JSON patch
// (RFC 6902); the status subresource and the main resource each keep to their half of the pod.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, fake, pod } from './client.ts';

const P = '/api/v1/namespaces/default/pods/p1';

test('merge patch adds and removes annotations (null deletes) and bumps the resourceVersion', async (t) => {
  const api = await fake(t);
  const p = api.createPod({ ...pod('p1'), metadata: { name: 'p1', namespace: 'default', annotations: { keep: '1', drop: '2' } } });
  const r = await call(api, 'PATCH', P, { body: { metadata: { annotations: { drop: null, added: 'x' } } }, contentType: 'application/merge-patch+json' });
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.metadata.annotations, { keep: '1', added: 'x' });
  assert.ok(Number(r.json.metadata.resourceVersion) > Number(p.metadata.resourceVersion));
  const stale = await call(api, 'PATCH', P, { body: { metadata: { resourceVersion: p.metadata.resourceVersion, labels: { a: 'b' } } }, contentType: 'application/merge-patch+json' });
  assert.equal(stale.status, 409, 'a resourceVersion in the patch is a precondition');
});

test('strategic merge patch on the status subresource merges maps and leaves spec alone', async (t) => {
  const api = await fake(t);
  api.createPod({ ...pod('p1'), status: { phase: 'Running', hostIP: '192.0.2.1' } });
  const r = await call(api, 'PATCH', `${P}/status`, {
    body: { metadata: { annotations: { 'k8s.v1.cni.cncf.io/network-status': '[]' } }, status: { podIP: '10.0.0.9' }, spec: { nodeName: 'ignored' } },
    contentType: 'application/strategic-merge-patch+json',
  });
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.status, { phase: 'Running', hostIP: '192.0.2.1', podIP: '10.0.0.9' });
  assert.equal(r.json.spec.nodeName, undefined);
  assert.equal(r.json.metadata.annotations['k8s.v1.cni.cncf.io/network-status'], '[]');
});

test('JSON patch: add, replace, remove, test; a failed test is the 422 the apiserver sends', async (t) => {
  const api = await fake(t);
  api.createPod({ ...pod('p1', { labels: { a: '1', b: '2' } }) });
  const ops = [
    { op: 'test', path: '/metadata/labels/a', value: '1' },
    { op: 'replace', path: '/metadata/labels/a', value: '10' },
    { op: 'remove', path: '/metadata/labels/b' },
    { op: 'add', path: '/metadata/annotations', value: { 'x~y/z': 'v' } },
    { op: 'add', path: '/spec/containers/-', value: { name: 'd', image: 'busybox' } },
  ];
  const r = await call(api, 'PATCH', P, { body: ops, contentType: 'application/json-patch+json' });
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.metadata.labels, { a: '10' });
  assert.deepEqual(r.json.metadata.annotations, { 'x~y/z': 'v' });
  assert.deepEqual(r.json.spec.containers.map((c: { name: string }) => c.name), ['c', 'd']);
  const esc = await call(api, 'PATCH', P, { body: [{ op: 'remove', path: '/metadata/annotations/x~0y~1z' }], contentType: 'application/json-patch+json' });
  assert.deepEqual(esc.json.metadata.annotations, {});
  const failed = await call(api, 'PATCH', P, { body: [{ op: 'test', path: '/metadata/labels/a', value: 'nope' }], contentType: 'application/json-patch+json' });
  assert.equal(failed.status, 422);
  assert.equal(failed.text, '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server rejected our request due to an error in our request","reason":"Invalid","details":{},"code":422}\n');
});

test('unsupported patch types are 415; custom resources refuse strategic merge patch', async (t) => {
  const api = await fake(t);
  api.createPod(pod('p1'));
  api.createNad('default', 'n1', '{"cniVersion":"1.0.0","type":"macvlan"}');
  const bad = await call(api, 'PATCH', P, { body: {}, contentType: 'application/json' });
  assert.equal(bad.status, 415);
  assert.equal(bad.json.reason, 'UnsupportedMediaType');
  const nad = '/apis/k8s.cni.cncf.io/v1/namespaces/default/network-attachment-definitions/n1';
  const smp = await call(api, 'PATCH', nad, { body: { metadata: { labels: { a: 'b' } } }, contentType: 'application/strategic-merge-patch+json' });
  assert.equal(smp.status, 415);
  assert.equal(smp.json.message, 'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml');
  const merge = await call(api, 'PATCH', nad, { body: { metadata: { labels: { a: 'b' } } }, contentType: 'application/merge-patch+json' });
  assert.equal(merge.status, 200);
  assert.deepEqual(merge.json.metadata.labels, { a: 'b' });
  assert.equal(merge.json.metadata.generation, 1, 'metadata-only changes keep the generation');
});
