// Each call Multus makes, against the fake API server: the path, verb and body shape the real API
// expects (pods/status PUT and merge patch, NADs, events, list options, /version).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeApiServer } from '../support/fake-apiserver/index.ts';
import { KubeClient } from '../../src/k8s/client.ts';
import { testAccess } from './helpers.ts';

async function setup(t: any) {
  const fake = await startFakeApiServer();
  t.after(() => fake.close());
  const client = new KubeClient(testAccess(fake.url));
  t.after(() => client.close());
  return { fake, client };
}

test('pods: get, PUT status, merge-patch status annotations (a null removes a key)', async (t) => {
  const { fake, client } = await setup(t);
  fake.createPod({ metadata: { name: 'p', namespace: 'ns', annotations: { old: 'x', drop: 'y' } }, spec: { nodeName: 'node1' } });
  const p = await client.getPod('ns', 'p');
  assert.equal(p.spec?.nodeName, 'node1');
  p.metadata.annotations = { ...p.metadata.annotations, 'k8s.v1.cni.cncf.io/network-status': '[]' };
  const put = await client.updatePodStatus(p);
  assert.equal(put.metadata.annotations?.['k8s.v1.cni.cncf.io/network-status'], '[]');
  assert.notEqual(put.metadata.resourceVersion, p.metadata.resourceVersion);

  const patched = await client.patchPodStatusAnnotations('ns', 'p', { 'k8s.v1.cni.cncf.io/network-status': '[{}]', drop: null });
  assert.deepEqual(patched.metadata.annotations, { old: 'x', 'k8s.v1.cni.cncf.io/network-status': '[{}]' });
  // with a resourceVersion the patch is conditional: a stale one conflicts
  await assert.rejects(client.patchPodStatusAnnotations('ns', 'p', { a: 'b' }, p.metadata.resourceVersion), (e: any) => e.id === 'K8S_CONFLICT');
  assert.deepEqual(
    fake.requests.map((r) => `${r.method} ${r.path}`),
    [
      'GET /api/v1/namespaces/ns/pods/p',
      'PUT /api/v1/namespaces/ns/pods/p/status',
      'PATCH /api/v1/namespaces/ns/pods/p/status',
      'PATCH /api/v1/namespaces/ns/pods/p/status',
    ],
  );
});

test('list options reach the server; paging follows continue', async (t) => {
  const { fake, client } = await setup(t);
  for (const n of ['a', 'b', 'c']) fake.createPod({ metadata: { name: n, namespace: 'ns', labels: { app: 'web' } }, spec: { nodeName: 'node1' } });
  fake.createPod({ metadata: { name: 'd', namespace: 'other' }, spec: { nodeName: 'node2' } });
  const page1 = await client.listPods({ fieldSelector: 'spec.nodeName=node1', labelSelector: 'app=web', limit: 2 });
  assert.deepEqual(page1.items.map((p) => p.metadata.name), ['a', 'b']);
  assert.ok(page1.metadata?.continue);
  const page2 = await client.listPods({ fieldSelector: 'spec.nodeName=node1', labelSelector: 'app=web', limit: 2, continue: page1.metadata?.continue });
  assert.deepEqual(page2.items.map((p) => p.metadata.name), ['c']);
  assert.equal((await client.listPods({ namespace: 'other' })).items.length, 1);
  const q = fake.requests[0].query;
  assert.deepEqual({ ...q }, { fieldSelector: 'spec.nodeName=node1', labelSelector: 'app=web', limit: '2' });
});

test('NADs: get one, list a namespace and all namespaces', async (t) => {
  const { fake, client } = await setup(t);
  fake.createNad('ns1', 'macvlan', '{"cniVersion":"0.3.1","type":"macvlan"}', { 'k8s.v1.cni.cncf.io/resourceName': 'x/y' });
  fake.createNad('ns2', 'bridge', '{"type":"bridge"}');
  const nad = await client.getNad('ns1', 'macvlan');
  assert.equal(nad.spec?.config, '{"cniVersion":"0.3.1","type":"macvlan"}');
  assert.equal(nad.metadata.annotations?.['k8s.v1.cni.cncf.io/resourceName'], 'x/y');
  assert.deepEqual((await client.listNads('ns2')).items.map((n) => n.metadata.name), ['bridge']);
  assert.equal((await client.listNads()).items.length, 2);
});

test('events are created in the pod namespace; /version answers', async (t) => {
  const { fake, client } = await setup(t);
  fake.createPod({ metadata: { name: 'p', namespace: 'ns' } });
  const pod = fake.getPod('ns', 'p')!;
  const now = new Date().toISOString();
  await client.createEvent('ns', {
    metadata: { generateName: 'p.', namespace: 'ns' },
    involvedObject: { apiVersion: 'v1', kind: 'Pod', namespace: 'ns', name: 'p', uid: pod.metadata.uid, resourceVersion: pod.metadata.resourceVersion },
    reason: 'AddedInterface',
    message: 'Add eth0 [10.244.1.5/24] from cbr0',
    type: 'Normal',
    source: { component: 'multus' },
    firstTimestamp: now,
    lastTimestamp: now,
    count: 1,
  });
  const [ev] = fake.events({ namespace: 'ns' });
  assert.equal((ev as any).reason, 'AddedInterface');
  assert.equal((ev as any).involvedObject.name, 'p');
  const v = await client.getVersion();
  assert.match(v.gitVersion, /^v1\./);
});
