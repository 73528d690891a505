// A plugin that writes no device info: its entry has no `device-info`, the ADD succeeds, and one log
// line says why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { devLab, fakeKubelet, ips, KUBE, podWithDevices } from './helpers.ts';

test('declared capability, nothing written: entry without device-info, no error, the reason logged', async (t) => {
  const l = devLab(t);
  l.source.addPod('test', 'testpod', 'testUID', { 'k8s.v1.cni.cncf.io/networks': 'iov' });
  l.source.addNad('test', 'iov', '{"cniVersion":"1.0.0","name":"iov","type":"hostdev","capabilities":{"CNIDeviceInfoFile":true}}');
  l.exec.reply('weave-net', 'ADD', ips('10.0.0.2/24')).reply('hostdev', 'ADD', ips('10.1.1.2/24'));
  await l.addWithDevices(KUBE);
  const entry = l.networkStatus()[1];
  assert.equal(entry.name, 'test/iov');
  assert.equal('device-info' in entry, false);
  const file = join(l.devices.cniDir, 'test-iov-123456789_net1');
  const why = l.log.lines.filter((x) => x.msg.startsWith('no device-info for test/iov'));
  assert.deepEqual(why.map((x) => `${x.level} ${x.msg}`), [`debug no device-info for test/iov: no device; no ${file} (a plugin gets this path only if it declares the CNIDeviceInfoFile capability)`]);
});

test('a device whose device plugin wrote no file: entry without device-info, the reason names the DP file', async (t) => {
  const l = devLab(t);
  await fakeKubelet(t, [podWithDevices('test', 'testpod', { 'intel.com/sriov': ['0000:03:02.3'] })], l.dir);
  l.source.addPod('test', 'testpod', 'testUID', { 'k8s.v1.cni.cncf.io/networks': 'sriov-net' });
  l.source.addNad('test', 'sriov-net', '{"cniVersion":"1.0.0","name":"sriov-net","type":"sriov"}', { 'k8s.v1.cni.cncf.io/resourceName': 'intel.com/sriov' });
  l.exec.reply('weave-net', 'ADD', ips('10.0.0.2/24')).reply('sriov', 'ADD', ips('10.1.1.2/24'));
  await l.addWithDevices(KUBE);
  assert.equal('device-info' in l.networkStatus()[1], false);
  const line = l.log.lines.find((x) => x.msg.startsWith('no device-info for test/sriov-net'));
  assert.equal(line?.level, 'verbose');
  assert.match(line?.msg ?? '', /^no device-info for test\/sriov-net: device 0000:03:02\.3 of intel\.com\/sriov, the device plugin of intel\.com\/sriov wrote no .*\/dp\/intel\.com-sriov-0000:03:02\.3-device\.json; no .*test-sriov-net-123456789_net1/);
});
