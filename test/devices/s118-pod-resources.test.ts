// multus.md §6.7 S118 (pkg/kubeletclient): the resource map of a pod from the PodResources API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { resourceMap } from '../../src/multus/devices/resource-map.ts';
import type { PodInfo } from '../../src/multus/sources/types.ts';
import { tempDir } from '../support/tmp.ts';
import { fakeKubelet, podWithDevices, recordingLogger } from './helpers.ts';

const pod = (namespace: string, name: string): PodInfo => ({ namespace, name, uid: 'uid-1', annotations: {} });

test('S118: a pod\'s device-plugin devices by resource name', async (t) => {
  const k = await fakeKubelet(t, [podWithDevices('pod-namespace', 'pod-name', { resource: ['dev0', 'dev1'] })]);
  const m = await resourceMap(pod('pod-namespace', 'pod-name'), { kubeletSocket: k.url });
  assert.deepEqual(Object.fromEntries(m), { resource: ['dev0', 'dev1'] });
});

test('S118: DRA devices under the claim name, the CDI name cut after "="; malformed names logged', async (t) => {
  const k = await fakeKubelet(t, [{
    name: 'dynamic-resource-pod-name', namespace: 'dynamic-resource-pod-namespace',
    containers: [{ name: 'c', dynamic_resources: [{ claim_name: 'resource-claim', claim_namespace: 'dynamic-resource-pod-namespace', claim_resources: [{ cdi_devices: [{ name: 'cdi-kind=cdi-resource' }, { name: 'no-equals' }] }] }] }],
  }]);
  const log = recordingLogger();
  const m = await resourceMap(pod('dynamic-resource-pod-namespace', 'dynamic-resource-pod-name'), { kubeletSocket: k.url, log });
  assert.deepEqual(Object.fromEntries(m), { 'resource-claim': ['cdi-resource'] });
  assert.ok(log.lines.some((l) => l.level === 'error' && l.msg.includes('malformed CDI device name') && l.fields?.cdiDevice === 'no-equals'));
});

test('S118: an empty pod name or namespace is an error, before the kubelet is asked', async (t) => {
  const k = await fakeKubelet(t, []);
  await assert.rejects(resourceMap(pod('ns', ''), { kubeletSocket: k.url }), /needs the pod's name and namespace/);
  await assert.rejects(resourceMap(pod('', 'p'), { kubeletSocket: k.url }), /needs the pod's name and namespace/);
  assert.deepEqual(k.calls, []);
});

test('S118: a pod the kubelet does not know has an empty map', async (t) => {
  const k = await fakeKubelet(t, [podWithDevices('pod-namespace', 'pod-name', { resource: ['dev0'] })]);
  assert.deepEqual(Object.fromEntries(await resourceMap(pod('pod-namespace', 'unknown'), { kubeletSocket: k.url })), {});
});

test('S118: without a socket, the checkpoint fallback fails with "error reading file"', async (t) => {
  const dir = tempDir(t);
  await assert.rejects(resourceMap(pod('ns', 'p'), { kubeletSocket: 'unix:/sampleSocketString', checkpointFile: join(dir, 'none') }), /error reading file/);
});

test('S118: a socket URL that is not a unix socket is an error (no fallback)', async () => {
  for (const url of ['http://127.0.0.1:10250', 'unix://relative/kubelet.sock', 'kubelet.sock', 'unix:']) {
    await assert.rejects(resourceMap(pod('ns', 'p'), { kubeletSocket: url }), /invalid kubelet pod-resources socket/);
  }
});
