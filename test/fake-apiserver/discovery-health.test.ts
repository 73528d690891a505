// /version, the health endpoints and the discovery documents clients probe before anything else;
// JSON is answered whenever the Accept header allows it (protobuf-first clients included).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, fake } from './client.ts';

test('/version, /healthz, /readyz and /livez', async (t) => {
  const api = await fake(t);
  const v = await call(api, 'GET', '/version');
  assert.equal(v.status, 200);
  assert.equal(v.json.major, '1');
  assert.equal(v.json.minor, '34');
  assert.equal(v.json.gitVersion, 'v1.34.0-fake');
  assert.equal(v.json.platform, 'linux/amd64');
  for (const p of ['/healthz', '/readyz', '/livez']) {
    const r = await call(api, 'GET', p);
    assert.equal(r.status, 200, p);
    assert.equal(r.text, 'ok');
    assert.equal(r.headers['content-type'], 'text/plain; charset=utf-8');
  }
  assert.match((await call(api, 'GET', '/readyz?verbose')).text, /\[\+\]etcd ok\nreadyz check passed\n$/);
});

test('discovery: /api, /apis, /api/v1 and /apis/k8s.cni.cncf.io/v1', async (t) => {
  const api = await fake(t);
  const core = await call(api, 'GET', '/api');
  assert.equal(core.json.kind, 'APIVersions');
  assert.deepEqual(core.json.versions, ['v1']);
  const groups = await call(api, 'GET', '/apis');
  assert.equal(groups.json.kind, 'APIGroupList');
  const cni = groups.json.groups.find((g: { name: string }) => g.name === 'k8s.cni.cncf.io');
  assert.deepEqual(cni.preferredVersion, { groupVersion: 'k8s.cni.cncf.io/v1', version: 'v1' });
  const res = await call(api, 'GET', '/apis/k8s.cni.cncf.io/v1');
  assert.equal(res.json.kind, 'APIResourceList');
  assert.equal(res.json.groupVersion, 'k8s.cni.cncf.io/v1');
  const nad = res.json.resources[0];
  assert.equal(nad.name, 'network-attachment-definitions');
  assert.equal(nad.kind, 'NetworkAttachmentDefinition');
  assert.equal(nad.namespaced, true);
  assert.ok(nad.verbs.includes('watch'));
  const v1 = await call(api, 'GET', '/api/v1');
  assert.deepEqual(v1.json.resources.map((r: { name: string }) => r.name), ['pods', 'pods/status', 'events']);
  assert.equal((await call(api, 'GET', '/apis/k8s.cni.cncf.io')).json.kind, 'APIGroup');
});

test('a protobuf-first Accept header still gets JSON; an Accept without JSON gets 406', async (t) => {
  const api = await fake(t);
  api.createPod({ metadata: { name: 'p' }, spec: {} });
  const r = await call(api, 'GET', '/api/v1/namespaces/default/pods/p', { headers: { Accept: 'application/vnd.kubernetes.protobuf, application/json' } });
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-type'], 'application/json');
  assert.equal(r.json.kind, 'Pod');
  const table = await call(api, 'GET', '/api/v1/namespaces/default/pods/p', { headers: { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' } });
  assert.equal(table.json.kind, 'Pod', 'the plain JSON fallback is served');
  const pb = await call(api, 'GET', '/api/v1/namespaces/default/pods/p', { headers: { Accept: 'application/vnd.kubernetes.protobuf' } });
  assert.equal(pb.status, 406);
  assert.equal(pb.json.reason, 'NotAcceptable');
});
