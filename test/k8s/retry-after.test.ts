// 429 Too Many Requests: the retry waits at least the server's Retry-After; one that would end past the
// total time budget fails at once instead of retrying early.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeApiServer } from '../support/fake-apiserver/index.ts';
import { KubeClient } from '../../src/k8s/client.ts';
import { patchPodStatusAnnotationsWithRetry } from '../../src/k8s/pod-status.ts';
import { testAccess } from './helpers.ts';

test('Retry-After: 1 is honoured before the next attempt', async (t) => {
  const fake = await startFakeApiServer();
  t.after(() => fake.close());
  fake.createPod({ metadata: { name: 'p', namespace: 'default' } });
  const client = new KubeClient(testAccess(fake.url));
  t.after(() => client.close());
  fake.failNext(1, { status: 429, retryAfterSeconds: 1, match: { method: 'PATCH' } });

  const t0 = performance.now();
  const pod = await patchPodStatusAnnotationsWithRetry(client, 'default', 'p', { a: 'b' }, { initialDelayMs: 10 });
  const waited = performance.now() - t0;
  assert.equal(pod.metadata.annotations?.a, 'b');
  assert.ok(waited >= 1000, `waited only ${waited} ms`);
  assert.ok(waited < 2500, `waited ${waited} ms`);
  assert.equal(fake.countRequests({ method: 'PATCH' }), 2);
});

test('a Retry-After beyond the total budget fails now with the 429', async (t) => {
  const fake = await startFakeApiServer();
  t.after(() => fake.close());
  fake.createPod({ metadata: { name: 'p', namespace: 'default' } });
  const client = new KubeClient(testAccess(fake.url));
  t.after(() => client.close());
  fake.failNext(1, { status: 429, retryAfterSeconds: 30, match: { method: 'PATCH' } });
  const t0 = performance.now();
  await assert.rejects(
    patchPodStatusAnnotationsWithRetry(client, 'default', 'p', { a: 'b' }, { totalTimeoutMs: 2000 }),
    (e: any) => e.id === 'K8S_UNAVAILABLE' && e.status === 429 && e.retryAfterMs === 30_000,
  );
  assert.ok(performance.now() - t0 < 500);
  assert.equal(fake.countRequests({ method: 'PATCH' }), 1);
});
