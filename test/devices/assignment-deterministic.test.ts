// Device assignment (multus.md §5, #1481): per resource the IDs are sorted and handed out in delegate
// order, one each; more delegates than devices → no device, no error; the map is built once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DeviceAllocator, resourceMap } from '../../src/multus/devices/resource-map.ts';
import type { PodInfo } from '../../src/multus/sources/types.ts';
import { devLab, fakeKubelet, ips, KUBE, podWithDevices } from './helpers.ts';

const POD: PodInfo = { namespace: 'test', name: 'testpod', uid: 'testUID', annotations: {} };

test('the map sorts each resource\'s IDs whatever order the kubelet lists them in', async (t) => {
  const k = await fakeKubelet(t, [{
    name: 'testpod', namespace: 'test',
    containers: [
      { name: 'a', devices: [{ resource_name: 'r', device_ids: ['0000:03:02.5', '0000:03:02.3'] }] },
      { name: 'b', devices: [{ resource_name: 'r', device_ids: ['0000:03:02.1'] }] },
    ],
  }]);
  assert.deepEqual(Object.fromEntries(await resourceMap(POD, { kubeletSocket: k.url })), { r: ['0000:03:02.1', '0000:03:02.3', '0000:03:02.5'] });
});

test('the allocator: one device each in request order, then none; the map built once, on first use', async () => {
  let builds = 0;
  const a = new DeviceAllocator(async () => (builds++, new Map([['r', ['d1', 'd2']], ['s', ['e1']]])));
  assert.equal(a.used, false);
  assert.equal(builds, 0);
  assert.deepEqual(await Promise.all([a.take('r'), a.take('s'), a.take('r'), a.take('r'), a.take('unknown')]), [
    { deviceId: 'd1', total: 2 }, { deviceId: 'e1', total: 1 }, { deviceId: 'd2', total: 2 }, { total: 2 }, { total: 0 },
  ]);
  assert.equal(builds, 1);
  assert.equal(a.used, true);
});

test('through ADD: two NADs of one resource get the sorted devices in annotation order, one kubelet call', async (t) => {
  const l = devLab(t);
  const k = await fakeKubelet(t, [podWithDevices('test', 'testpod', { 'intel.com/sriov': ['0000:03:02.5', '0000:03:02.3'] })], l.dir);
  l.source.addPod('test', 'testpod', 'testUID', { 'k8s.v1.cni.cncf.io/networks': 'net-b,net-a,net-c' });
  for (const n of ['net-a', 'net-b', 'net-c']) l.source.addNad('test', n, `{"cniVersion":"1.0.0","name":"${n}","type":"sriov"}`, { 'k8s.v1.cni.cncf.io/resourceName': 'intel.com/sriov' });
  l.exec.reply('sriov', 'ADD', ips('10.1.1.2/24'));
  await l.addWithDevices(KUBE);
  assert.deepEqual(k.calls, ['List']);
  const adds = l.exec.calls.filter((c) => c.type === 'sriov');
  assert.deepEqual(adds.map((c) => [c.json.name, c.json.deviceID, c.json.pciBusID]), [
    ['net-b', '0000:03:02.3', '0000:03:02.3'],
    ['net-a', '0000:03:02.5', '0000:03:02.5'],
    ['net-c', undefined, undefined],
  ]);
  assert.ok(l.log.lines.some((x) => x.msg === 'no device of resource intel.com/sriov left for test/net-c (the pod has 2)'));
});
