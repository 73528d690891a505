// multus.md §6.7 S117 (pkg/checkpoint): the kubelet device checkpoint, matched by pod UID.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkpointResourceMap, parseCheckpoint } from '../../src/multus/devices/checkpoint.ts';
import type { PodInfo } from '../../src/multus/sources/types.ts';
import { tempDir } from '../support/tmp.ts';

const UID = '970a395d-bb3b-11e8-89df-408d5c537d23';
const CHECKPOINT = `{"Data":{"PodDeviceEntries":[{"PodUID":"${UID}","ContainerName":"appcntr1","ResourceName":"intel.com/sriov_net_A","DeviceIDs":{"-1":["0000:03:02.3","0000:03:02.0"]},"AllocResp":"CikKC3NyaW92X25ldF9BEhogMDAwMDowMzowMi4zIDAwMDA6MDM6MDIuMA=="}],"RegisteredDevices":{"intel.com/sriov_net_A":["0000:03:02.1","0000:03:02.2","0000:03:02.3","0000:03:02.0"],"intel.com/sriov_net_B":["0000:03:06.3","0000:03:06.0","0000:03:06.1","0000:03:06.2"]}},"Checksum":229855270}`;
const pod = (uid: string): PodInfo => ({ namespace: 'ns', name: 'p', uid, annotations: {} });

function file(t: Parameters<typeof tempDir>[0], text: string): string {
  const p = join(tempDir(t), 'kubelet_internal_checkpoint');
  writeFileSync(p, text);
  return p;
}

test('S117: the pod with that UID gets exactly its devices, in the file\'s order', async (t) => {
  const m = await checkpointResourceMap(pod(UID), file(t, CHECKPOINT));
  assert.deepEqual(Object.fromEntries(m), { 'intel.com/sriov_net_A': ['0000:03:02.3', '0000:03:02.0'] });
});

test('S117: bad path, bad JSON, empty UID are errors', async (t) => {
  await assert.rejects(checkpointResourceMap(pod(UID), join(tempDir(t), 'missing')), /error reading file .*missing: ENOENT/);
  await assert.rejects(checkpointResourceMap(pod(UID), file(t, '{"Data":')), /error parsing the device checkpoint/);
  await assert.rejects(checkpointResourceMap(pod(''), file(t, CHECKPOINT)), /needs the pod's UID/);
});

test('NUMA lists concatenate in node order; several containers of one resource add up; the pre-1.20 list form reads too', () => {
  const text = JSON.stringify({ Data: { PodDeviceEntries: [
    { PodUID: 'u', ContainerName: 'a', ResourceName: 'r', DeviceIDs: { 10: ['x10'], 1: ['x1'], '-1': ['xm'] } },
    { PodUID: 'u', ContainerName: 'b', ResourceName: 'r', DeviceIDs: ['y'] },
    { PodUID: 'other', ContainerName: 'a', ResourceName: 'r', DeviceIDs: { 0: ['z'] } },
  ] } });
  assert.deepEqual(Object.fromEntries(parseCheckpoint(text, 'u')), { r: ['xm', 'x1', 'x10', 'y'] });
  assert.deepEqual(Object.fromEntries(parseCheckpoint(text, 'nobody')), {});
});
