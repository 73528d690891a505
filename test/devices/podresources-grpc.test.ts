// The kubelet PodResources client over real gRPC on a unix socket: our hand-written codec reads what
// protobufjs (the fake kubelet, from our .proto) writes, skipping the fields Multus does not use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kubeletSocketPath, listPodResources } from '../../src/multus/devices/kubelet-client.ts';
import { fakeKubelet } from './helpers.ts';

test('List over the unix socket decodes pods, containers, devices and DRA claims; cpu/memory/topology are skipped', async (t) => {
  const k = await fakeKubelet(t, [
    { name: 'other', namespace: 'ns', containers: [] },
    {
      name: 'p', namespace: 'ns',
      containers: [
        {
          name: 'c1',
          devices: [{ resource_name: 'intel.com/sriov', device_ids: ['0000:03:02.3', '0000:03:02.0'], topology: { nodes: [{ ID: 1 }] } }],
          cpu_ids: [2, 3, 9007199254740993],
          memory: [{ memory_type: 'hugepages-1Gi', size: 1073741824 }],
          dynamic_resources: [{ claim_name: 'gpu-claim', claim_namespace: 'ns', claim_resources: [{ cdi_devices: [{ name: 'vendor.com/gpu=gpu0' }], driver_name: 'd', pool_name: 'p', device_name: 'gpu0' }] }],
        },
        { name: 'c2', devices: [{ resource_name: 'intel.com/sriov', device_ids: ['0000:03:02.7'] }] },
      ],
    },
  ]);
  const pods = await listPodResources(kubeletSocketPath(k.url));
  assert.deepEqual(k.calls, ['List']);
  assert.deepEqual(pods, [
    { name: 'other', namespace: 'ns', containers: [] },
    {
      name: 'p', namespace: 'ns',
      containers: [
        {
          name: 'c1',
          devices: [{ resourceName: 'intel.com/sriov', deviceIds: ['0000:03:02.3', '0000:03:02.0'] }],
          dynamicResources: [{ claimName: 'gpu-claim', claimNamespace: 'ns', claimResources: [{ cdiDevices: ['vendor.com/gpu=gpu0'] }] }],
        },
        { name: 'c2', devices: [{ resourceName: 'intel.com/sriov', deviceIds: ['0000:03:02.7'] }], dynamicResources: [] },
      ],
    },
  ]);
});

test('an empty node answers an empty list', async (t) => {
  const k = await fakeKubelet(t, []);
  assert.deepEqual(await listPodResources(k.socket), []);
});
