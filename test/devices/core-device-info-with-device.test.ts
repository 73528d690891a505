// Through the Multus core (multus.md §5): a resourceName NAD gets the pod's device from the kubelet,
// injected as deviceID/pciBusID and sent as capability args with its CNIDeviceInfoFile; the device
// plugin's file is copied there before the ADD, and becomes the entry's `device-info`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { devLab, fakeKubelet, ips, KUBE, podWithDevices, writeDpFile } from './helpers.ts';

test('device from PodResources → DP file copied before ADD → device-info in network-status (NAD client order)', async (t) => {
  const l = devLab(t);
  await fakeKubelet(t, [podWithDevices('test', 'testpod', { 'intel.com/sriov': ['0000:03:02.3'] })], l.dir);
  writeDpFile(l, 'intel.com/sriov', '0000:03:02.3', '{"pci":{"pf-pci-address":"0000:03:00.0","pci-address":"0000:03:02.3"},"version":"1.1.0","type":"pci"}');
  l.source.addPod('test', 'testpod', 'testUID', { 'k8s.v1.cni.cncf.io/networks': 'sriov-net' });
  l.source.addNad('test', 'sriov-net', '{"cniVersion":"1.0.0","name":"sriov-net","type":"sriov","capabilities":{"deviceID":true,"CNIDeviceInfoFile":true}}', { 'k8s.v1.cni.cncf.io/resourceName': 'intel.com/sriov' });
  const file = join(l.devices.cniDir, 'test-sriov-net-123456789_net1');
  let seenByPlugin: string | undefined;
  l.exec.hook = (type, command) => {
    if (type === 'sriov' && command === 'ADD') seenByPlugin = readFileSync(file, 'utf8');
  };
  l.exec.reply('weave-net', 'ADD', ips('10.0.0.2/24')).reply('sriov', 'ADD', ips('10.1.1.2/24'));
  await l.addWithDevices(KUBE);

  const sriov = l.exec.calls.find((c) => c.type === 'sriov' && c.command === 'ADD');
  assert.ok(sriov);
  assert.equal(sriov.json.deviceID, '0000:03:02.3');
  assert.equal(sriov.json.pciBusID, '0000:03:02.3');
  assert.deepEqual(sriov.json.runtimeConfig, { deviceID: '0000:03:02.3', CNIDeviceInfoFile: file });
  assert.equal(seenByPlugin, '{"type":"pci","version":"1.1.0","pci":{"pci-address":"0000:03:02.3","pf-pci-address":"0000:03:00.0"}}');

  const [weave, net1] = l.networkStatus();
  assert.equal(weave['device-info'], undefined);
  assert.equal(net1.name, 'test/sriov-net');
  assert.equal(JSON.stringify(net1['device-info']), '{"type":"pci","version":"1.1.0","pci":{"pci-address":"0000:03:02.3","pf-pci-address":"0000:03:00.0"}}');
  // the annotation text: device-info after dns, 4-space indentation as the NAD client writes it
  assert.match(l.source.statuses.get('test/testpod') ?? '', /"dns": \{\},\n {4}"device-info": \{\n {8}"type": "pci",\n {8}"version": "1.1.0",\n {8}"pci": \{\n {12}"pci-address": "0000:03:02.3",/);
});
