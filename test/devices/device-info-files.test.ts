// Device-info files (cni.md §3.6, multus.md §5): paths, the NAD client's re-encoding, the DP → CNI
// copy (0444, never over an existing file, never an error), read, remove.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyDpDeviceInfo, dpDeviceInfoPath, normaliseDeviceInfo, readCniDeviceInfo, removeCniDeviceInfo } from '../../src/multus/devices/device-info.ts';
import { cniDeviceInfoPath } from '../../src/multus/runtime-config.ts';
import { tempDir } from '../support/tmp.ts';

test('paths: every "/" becomes "-"', () => {
  assert.equal(dpDeviceInfoPath('intel.com/sriov', '0000:03:02.3'), '/var/run/k8s.cni.cncf.io/devinfo/dp/intel.com-sriov-0000:03:02.3-device.json');
  assert.equal(dpDeviceInfoPath('a/b', 'c/d', '/x'), '/x/a-b-c-d-device.json');
  assert.equal(cniDeviceInfoPath('test/sriov-net', 'cid123', 'net1'), '/var/run/k8s.cni.cncf.io/devinfo/cni/test-sriov-net-cid123_net1');
});

test('normalised as the NAD client re-encodes: type, version, then set sub-maps in struct order; unknown and empty keys dropped', () => {
  const n = normaliseDeviceInfo('{"pci":{"pf-pci-address":"0000:18:00.0","extra":1,"rdma-device":"","pci-address":"0000:18:02.5"},"version":"1.1.0","Type":"pci","memif":null,"x":[]}');
  assert.equal(JSON.stringify(n), '{"type":"pci","version":"1.1.0","pci":{"pci-address":"0000:18:02.5","pf-pci-address":"0000:18:00.0"}}');
  assert.equal(JSON.stringify(normaliseDeviceInfo('{"vhost-user":{"path":"/s","mode":"server"},"type":"vhost-user"}')), '{"type":"vhost-user","version":"","vhost-user":{"mode":"server","path":"/s"}}');
  assert.equal(JSON.stringify(normaliseDeviceInfo('{"memif":{"mode":"ethernet","role":"master","path":"/m"},"vdpa":{}}')), '{"type":"","version":"","vdpa":{},"memif":{"role":"master","path":"/m","mode":"ethernet"}}');
  assert.throws(() => normaliseDeviceInfo('{"type":1}'), /json: cannot unmarshal number into Go struct field DeviceInfo.type of type string/);
  assert.throws(() => normaliseDeviceInfo('{"pci":{"pci-address":true}}'), /PciDevice.pci.pci-address of type string/);
  assert.throws(() => normaliseDeviceInfo('[]'), /cannot unmarshal array into Go value of type v1.DeviceInfo/);
  assert.throws(() => normaliseDeviceInfo('null'), /Device Information is null/);
  assert.throws(() => normaliseDeviceInfo(''), /unexpected end of JSON input/);
});

test('copy: DP file re-encoded into a new 0444 CNI file (dir created); missing DP file or existing CNI file: a note, no error', async (t) => {
  const dir = tempDir(t);
  const dp = join(dir, 'dp');
  mkdirSync(dp);
  const cni = join(dir, 'cni', 'sub', 'test-net-c_net1');
  assert.deepEqual(await copyDpDeviceInfo('intel.com/sriov', 'dev0', cni, dp), { copied: false, note: `the device plugin of intel.com/sriov wrote no ${dp}/intel.com-sriov-dev0-device.json` });
  assert.equal(existsSync(cni), false);
  writeFileSync(join(dp, 'intel.com-sriov-dev0-device.json'), '{"version":"1.1.0","type":"pci","pci":{"pci-address":"0000:03:02.3"}}');
  assert.deepEqual(await copyDpDeviceInfo('intel.com/sriov', 'dev0', cni, dp), { copied: true, note: `copied from ${dp}/intel.com-sriov-dev0-device.json` });
  assert.equal(readFileSync(cni, 'utf8'), '{"type":"pci","version":"1.1.0","pci":{"pci-address":"0000:03:02.3"}}');
  assert.equal(statSync(cni).mode & 0o777, 0o444);
  assert.deepEqual(await copyDpDeviceInfo('intel.com/sriov', 'dev0', cni, dp), { copied: false, note: `Device Information file already exists: ${cni}` });
  writeFileSync(join(dp, 'r-bad-device.json'), '{"type":');
  assert.match((await copyDpDeviceInfo('r', 'bad', join(dir, 'other'), dp)).note, /r-bad-device\.json is not device-info: unexpected end of JSON input/);
});

test('read: the re-encoded info, or why there is none; remove: gone, a missing file is fine', async (t) => {
  const dir = tempDir(t);
  const f = join(dir, 'f');
  assert.deepEqual(await readCniDeviceInfo(f), { why: `no ${f} (a plugin gets this path only if it declares the CNIDeviceInfoFile capability)` });
  writeFileSync(f, 'garbage');
  const bad = await readCniDeviceInfo(f);
  assert.ok('why' in bad);
  assert.match(bad.why, /is not device-info: invalid character 'g'/);
  writeFileSync(f, '{"type":"pci","version":"1.1.0","pci":{"pci-address":"0000:03:02.3"}}');
  assert.deepEqual(await readCniDeviceInfo(f), { info: { type: 'pci', version: '1.1.0', pci: { 'pci-address': '0000:03:02.3' } } });
  await removeCniDeviceInfo(f);
  assert.equal(existsSync(f), false);
  await removeCniDeviceInfo(f);
});
