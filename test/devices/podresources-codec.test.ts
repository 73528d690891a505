// The hand-written decoder against protobufjs' encoder of the same .proto (no network): every field we
// read, unknown fields of every wire type skipped, malformed bytes refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeListResponse } from '../../src/multus/devices/podresources-codec.ts';
import { podResourcesPackage } from './helpers.ts';

const list = (podResourcesPackage()['v1.PodResourcesLister'] as unknown as Record<string, { responseSerialize(v: unknown): Buffer }>).List;

test('decodes what protobufjs encodes', () => {
  const buf = list.responseSerialize({
    pod_resources: [{
      name: 'p', namespace: 'ns',
      containers: [{
        name: 'c', cpu_ids: [1, 2], memory: [{ memory_type: 'memory', size: 5, topology: { nodes: [{ ID: 0 }] } }],
        devices: [{ resource_name: 'r', device_ids: ['a', 'b'], topology: { nodes: [{ ID: 3 }] } }, { resource_name: 'r2', device_ids: [] }],
        dynamic_resources: [{ claim_name: 'cl', claim_namespace: 'ns', claim_resources: [{ cdi_devices: [{ name: 'k=v' }, { name: 'k=w' }] }, { cdi_devices: [] }] }],
      }],
    }],
  });
  assert.deepEqual(decodeListResponse(buf), [{
    name: 'p', namespace: 'ns',
    containers: [{
      name: 'c',
      devices: [{ resourceName: 'r', deviceIds: ['a', 'b'] }, { resourceName: 'r2', deviceIds: [] }],
      dynamicResources: [{ claimName: 'cl', claimNamespace: 'ns', claimResources: [{ cdiDevices: ['k=v', 'k=w'] }, { cdiDevices: [] }] }],
    }],
  }]);
});

test('unknown fields of every wire type are skipped; UTF-8 names survive', () => {
  // field 9 varint, field 10 fixed64, field 11 length-delimited, field 12 fixed32, then pod_resources
  const pod = Buffer.concat([Buffer.from([0x0a, 4]), Buffer.from('pöd', 'utf8')]);
  const buf = Buffer.concat([
    Buffer.from([0x48, 0x96, 0x01]), Buffer.from([0x51, 1, 2, 3, 4, 5, 6, 7, 8]), Buffer.from([0x5a, 2, 0xff, 0xff]),
    Buffer.from([0x65, 1, 2, 3, 4]), Buffer.from([0x0a, pod.length]), pod,
  ]);
  assert.deepEqual(decodeListResponse(buf), [{ name: 'pöd', namespace: '', containers: [] }]);
});

test('truncated or mistyped messages are errors', () => {
  assert.throws(() => decodeListResponse(Buffer.from([0x0a, 5, 0x0a])), /truncated field/);
  assert.throws(() => decodeListResponse(Buffer.from([0x0a])), /truncated varint/);
  assert.throws(() => decodeListResponse(Buffer.from([0x08, 1])), /field 1: wire type 0, expected length-delimited/);
  assert.throws(() => decodeListResponse(Buffer.from([0x4b])), /unsupported wire type 3/);
});
