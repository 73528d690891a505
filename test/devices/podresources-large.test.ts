// List returns every pod of the node: answers beyond grpc's 4 MiB default are read (Multus allows 16 MiB).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listPodResources } from '../../src/multus/devices/kubelet-client.ts';
import { fakeKubelet, podWithDevices } from './helpers.ts';

test('a 6 MiB List answer is accepted', async (t) => {
  const ids = Array.from({ length: 64 }, (_, i) => `0000:${String(i).padStart(2, '0')}:00.0-${'x'.repeat(200)}`);
  const pods = Array.from({ length: 500 }, (_, i) => podWithDevices('ns', `pod-${i}`, { 'vendor.com/dev': ids }));
  const k = await fakeKubelet(t, pods);
  const got = await listPodResources(k.socket);
  assert.equal(got.length, 500);
  assert.equal(got[499].containers[0].devices[0].deviceIds.length, 64);
});
