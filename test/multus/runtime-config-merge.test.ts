import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deepFreeze } from '../../src/multus/freeze.ts';
import { capabilityArgs, cniDeviceInfoPath, delegateRuntime, mergeRuntimeConfig, type DelegateRequests, type RuntimeConfig } from '../../src/multus/runtime-config.ts';

// The selection of S27/S28.
const req: DelegateRequests = deepFreeze({
  portMappingsRequest: [{ hostPort: 8080, containerPort: 80, protocol: 'tcp' }],
  bandwidthRequest: { ingressRate: 2048, ingressBurst: 1600, egressRate: 4096, egressBurst: 1600 },
  ipRequest: ['10.2.2.2/24'],
  macRequest: 'c2:11:22:33:44:66',
  infinibandGuidRequest: '24:8a:07:03:00:8d:ae:2e',
});

test('S27: the master gets the pod-level runtime config untouched', () => {
  const base: RuntimeConfig = deepFreeze({});
  const m = mergeRuntimeConfig(base, req, true);
  assert.deepEqual(m, {});
  assert.deepEqual(capabilityArgs(m), {});
});

test('S28: other delegates get their own requests laid over it; inputs unchanged (frozen)', () => {
  const base: RuntimeConfig = deepFreeze({ portMappings: [{ hostPort: 1, containerPort: 2 }], mac: 'aa:aa:aa:aa:aa:aa', ips: ['9.9.9.9'] });
  const m = mergeRuntimeConfig(base, req, false);
  assert.deepEqual(m, {
    portMappings: [{ hostPort: 8080, containerPort: 80, protocol: 'tcp' }],
    bandwidth: { ingressRate: 2048, ingressBurst: 1600, egressRate: 4096, egressBurst: 1600 },
    ips: ['10.2.2.2/24'], mac: 'c2:11:22:33:44:66', infinibandGUID: '24:8a:07:03:00:8d:ae:2e',
  });
  assert.deepEqual(base, { portMappings: [{ hostPort: 1, containerPort: 2 }], mac: 'aa:aa:aa:aa:aa:aa', ips: ['9.9.9.9'] });
});

test('S77 / §3.1: the pod-level portMappings reach every delegate without a request of its own', () => {
  const base: RuntimeConfig = { portMappings: [{ hostPort: 8080, containerPort: 80, protocol: 'tcp' }] };
  assert.deepEqual(capabilityArgs(mergeRuntimeConfig(base, {}, false)), { portMappings: [{ hostPort: 8080, containerPort: 80, protocol: 'tcp' }] });
  assert.deepEqual(capabilityArgs(mergeRuntimeConfig(base, {}, true)), { portMappings: [{ hostPort: 8080, containerPort: 80, protocol: 'tcp' }] });
});

test('empty values are not sent; an empty request list still replaces the pod-level one', () => {
  const base: RuntimeConfig = { portMappings: [{ hostPort: 1, containerPort: 2 }], ips: ['1.1.1.1'] };
  assert.deepEqual(capabilityArgs(mergeRuntimeConfig(base, { portMappingsRequest: [], ipRequest: [], macRequest: '' }, false)), {});
});

test('every delegate gets its CNIDeviceInfoFile path, with or without a deviceID (§5, #1222); the master ignores a selection deviceID', () => {
  const at = { isMaster: false, delegateName: 'test/sriov-net', containerId: 'cid123', ifName: 'net1' };
  const file = '/var/run/k8s.cni.cncf.io/devinfo/cni/test-sriov-net-cid123_net1';
  assert.deepEqual(delegateRuntime(undefined, { deviceId: '0000:03:02.3' }, at), {
    capabilityArgs: { deviceID: '0000:03:02.3', CNIDeviceInfoFile: file },
    deviceInfoFile: file,
  });
  assert.deepEqual(delegateRuntime(undefined, {}, at), { capabilityArgs: { CNIDeviceInfoFile: file }, deviceInfoFile: file });
  assert.deepEqual(delegateRuntime(undefined, { deviceId: 'x' }, { ...at, isMaster: true }), { capabilityArgs: { CNIDeviceInfoFile: file }, deviceInfoFile: file });
  // a path the runtime sent is replaced by the attachment's own
  assert.deepEqual(delegateRuntime({ CNIDeviceInfoFile: '/elsewhere' }, {}, { ...at, deviceInfoDir: '/tmp' }).capabilityArgs, { CNIDeviceInfoFile: '/tmp/test-sriov-net-cid123_net1' });
  assert.equal(cniDeviceInfoPath('a/b', 'c', 'd', '/tmp'), '/tmp/a-b-c_d');
});
