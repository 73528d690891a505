// The attachment's CNI device-info file goes with the attachment: DEL removes it (the device
// plugin's file stays), and so does the rollback of a failed ADD.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { devLab, fakeKubelet, ips, KUBE, podWithDevices, writeDpFile } from './helpers.ts';

async function sriovLab(t: Parameters<typeof devLab>[0]) {
  const l = devLab(t);
  await fakeKubelet(t, [podWithDevices('test', 'testpod', { 'intel.com/sriov': ['0000:03:02.3'] })], l.dir);
  const dp = writeDpFile(l, 'intel.com/sriov', '0000:03:02.3', '{"type":"pci","version":"1.1.0","pci":{"pci-address":"0000:03:02.3"}}');
  l.source.addPod('test', 'testpod', 'testUID', { 'k8s.v1.cni.cncf.io/networks': 'sriov-net' });
  l.source.addNad('test', 'sriov-net', '{"cniVersion":"1.0.0","name":"sriov-net","type":"sriov"}', { 'k8s.v1.cni.cncf.io/resourceName': 'intel.com/sriov' });
  l.exec.reply('weave-net', 'ADD', ips('10.0.0.2/24'));
  return { l, dp, file: join(l.devices.cniDir, 'test-sriov-net-123456789_net1') };
}

test('DEL removes the CNI device-info file, not the device plugin\'s', async (t) => {
  const { l, dp, file } = await sriovLab(t);
  l.exec.reply('sriov', 'ADD', ips('10.1.1.2/24'));
  await l.addWithDevices(KUBE);
  assert.ok(existsSync(file));
  await l.delWithDevices(KUBE);
  assert.equal(existsSync(file), false);
  assert.ok(existsSync(dp));
  // the cached delegate kept its device: DEL ran the plugin with the same deviceID
  assert.equal(l.exec.calls.find((c) => c.type === 'sriov' && c.command === 'DEL')?.json.deviceID, '0000:03:02.3');
});

test('a failed ADD rolls the file back', async (t) => {
  const { l, dp, file } = await sriovLab(t);
  l.exec.reply('sriov', 'ADD', { stdout: '{"code":11,"msg":"no VF"}', exit: 1 });
  await assert.rejects(l.addWithDevices(KUBE), /no VF/);
  assert.equal(existsSync(file), false);
  assert.ok(existsSync(dp));
});

test('a DEL that fails keeps the file with the cached attachment; the retry removes it', async (t) => {
  const { l, file } = await sriovLab(t);
  l.exec.reply('sriov', 'ADD', ips('10.1.1.2/24'));
  await l.addWithDevices(KUBE);
  l.exec.reply('sriov', 'DEL', { stdout: '{"code":11,"msg":"busy"}', exit: 1 });
  await assert.rejects(l.delWithDevices(KUBE), /busy/);
  assert.ok(existsSync(file));
  l.exec.reply('sriov', 'DEL', {});
  await l.delWithDevices(KUBE);
  assert.equal(existsSync(file), false);
});
