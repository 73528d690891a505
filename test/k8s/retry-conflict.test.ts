// A status write that meets a 409 reads the pod again, reapplies the change and succeeds; the other
// writer's change survives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeApiServer } from '../support/fake-apiserver/index.ts';
import { KubeClient } from '../../src/k8s/client.ts';
import { updatePodStatusWithRetry } from '../../src/k8s/pod-status.ts';
import { testAccess } from './helpers.ts';

const NS_KEY = 'k8s.v1.cni.cncf.io/network-status';

test('409 conflict → re-GET → PUT again succeeds, keeping the concurrent change', async (t) => {
  const fake = await startFakeApiServer();
  t.after(() => fake.close());
  fake.createPod({ metadata: { name: 'p', namespace: 'ns1', annotations: { keep: 'me' } }, spec: { nodeName: 'node1' } });
  const client = new KubeClient(testAccess(fake.url));
  t.after(() => client.close());

  // the cached copy goes stale: someone (the kubelet) writes the pod after we read it
  const cached = await client.getPod('ns1', 'p');
  fake.patchPod('ns1', 'p', { metadata: { labels: { kubelet: 'was-here' } } });
  fake.clearRequests();

  let calls = 0;
  const written = await updatePodStatusWithRetry(
    client,
    'ns1',
    'p',
    (pod) => {
      calls++;
      pod.metadata.annotations = { ...pod.metadata.annotations, [NS_KEY]: '[]' };
    },
    { initial: cached },
  );
  assert.equal(calls, 2);
  assert.equal(written?.metadata.annotations?.[NS_KEY], '[]');
  const live = fake.getPod('ns1', 'p')!;
  assert.equal(live.metadata.annotations?.[NS_KEY], '[]');
  assert.equal(live.metadata.annotations?.keep, 'me');
  assert.equal(live.metadata.labels?.kubelet, 'was-here');
  // PUT (409), GET, PUT (200): the first attempt used the cached pod without a GET
  assert.deepEqual(
    fake.requests.map((r) => `${r.method} ${r.subresource ?? ''} ${r.status}`),
    ['PUT status 409', 'GET  200', 'PUT status 200'],
  );
});

test('conflicts that never end give up after the attempts with K8S_CONFLICT; mutate=false skips the write', async (t) => {
  const fake = await startFakeApiServer();
  t.after(() => fake.close());
  fake.createPod({ metadata: { name: 'p', namespace: 'ns1' } });
  const client = new KubeClient(testAccess(fake.url));
  t.after(() => client.close());
  fake.failNext(10, { status: 409, match: { method: 'PUT', subresource: 'status' } });
  await assert.rejects(
    updatePodStatusWithRetry(client, 'ns1', 'p', () => {}, { attempts: 3, initialDelayMs: 1 }),
    (e: any) => e.id === 'K8S_CONFLICT' && e.status === 409,
  );
  assert.equal(fake.countRequests({ method: 'PUT' }), 3);

  fake.clearFaults();
  fake.clearRequests();
  assert.equal(await updatePodStatusWithRetry(client, 'ns1', 'p', () => false), undefined);
  assert.equal(fake.countRequests({ method: 'PUT' }), 0);
});
