// Kubelet first, checkpoint when the kubelet cannot answer (Multus' order; Multus falls back only
// when the socket is missing, we also when the call fails). Both failing: one error naming both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { resourceMap } from '../../src/multus/devices/resource-map.ts';
import type { PodInfo } from '../../src/multus/sources/types.ts';
import { tempDir } from '../support/tmp.ts';
import { fakeKubelet, podWithDevices, recordingLogger } from './helpers.ts';

const POD: PodInfo = { namespace: 'ns', name: 'p', uid: 'uid-1', annotations: {} };

function checkpoint(dir: string): string {
  const p = join(dir, 'kubelet_internal_checkpoint');
  writeFileSync(p, JSON.stringify({ Data: { PodDeviceEntries: [{ PodUID: 'uid-1', ContainerName: 'c', ResourceName: 'r', DeviceIDs: { 0: ['from-checkpoint'] } }] }, Checksum: 1 }));
  return p;
}

test('a working kubelet wins over the checkpoint', async (t) => {
  const dir = tempDir(t);
  const k = await fakeKubelet(t, [podWithDevices('ns', 'p', { r: ['from-kubelet'] })], dir);
  assert.deepEqual(Object.fromEntries(await resourceMap(POD, { kubeletSocket: k.url, checkpointFile: checkpoint(dir) })), { r: ['from-kubelet'] });
});

test('no socket: the checkpoint, by UID', async (t) => {
  const dir = tempDir(t);
  const m = await resourceMap(POD, { kubeletSocket: `unix://${join(dir, 'none.sock')}`, checkpointFile: checkpoint(dir) });
  assert.deepEqual(Object.fromEntries(m), { r: ['from-checkpoint'] });
});

test('a failing kubelet call: the checkpoint, and a log line with the kubelet\'s error', async (t) => {
  const dir = tempDir(t);
  const k = await fakeKubelet(t, [], dir);
  k.failWith = { code: grpc.status.UNAVAILABLE, details: 'kubelet is restarting' };
  const log = recordingLogger();
  const m = await resourceMap(POD, { kubeletSocket: k.url, checkpointFile: checkpoint(dir), log });
  assert.deepEqual(Object.fromEntries(m), { r: ['from-checkpoint'] });
  assert.ok(log.lines.some((l) => l.msg.includes('reading the device checkpoint instead') && String(l.fields?.error).includes('kubelet is restarting')));
});

test('both failing: the error says why for each', async (t) => {
  const dir = tempDir(t);
  const k = await fakeKubelet(t, [], dir);
  k.failWith = { code: grpc.status.PERMISSION_DENIED, details: 'no' };
  await assert.rejects(resourceMap(POD, { kubeletSocket: k.url, checkpointFile: join(dir, 'missing') }), (e: Error & { id?: string }) => {
    assert.match(e.message, /^kubelet pod-resources List on .* failed: no; checkpoint fallback: error reading file .*missing/);
    return true;
  });
});
