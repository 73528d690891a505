// A kubelet that does not answer in time fails the call with grpc's deadline error (Multus: 10 s).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listPodResources } from '../../src/multus/devices/kubelet-client.ts';
import { fakeKubelet } from './helpers.ts';

test('the call deadline bounds a slow kubelet', async (t) => {
  const k = await fakeKubelet(t, []);
  k.delayMs = 2000;
  const start = Date.now();
  await assert.rejects(listPodResources(k.socket, { timeoutMs: 200 }), (e: Error & { id?: string }) => {
    assert.equal(e.id, 'K8S_UNAVAILABLE');
    assert.match(e.message, /kubelet pod-resources List on .*kubelet\.sock failed: Deadline exceeded/);
    return true;
  });
  assert.ok(Date.now() - start < 1500);
});

test('a socket nobody listens on fails fast', async (t) => {
  const k = await fakeKubelet(t, []);
  await assert.rejects(listPodResources(`${k.socket}.missing`, { timeoutMs: 5000 }), /kubelet pod-resources List on .*failed: /);
});
