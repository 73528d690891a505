// Multus #1222: a plugin that declares the CNIDeviceInfoFile capability gets a path even without any
// deviceID (as up to Multus 3.7), writes its device info there itself, and it reaches network-status.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { devLab, fakeKubelet, ips, KUBE } from './helpers.ts';

test('no deviceID, no resourceName: the plugin writes the file, device-info appears; the kubelet is never asked', async (t) => {
  const l = devLab(t);
  const kubelet = await fakeKubelet(t, [], l.dir);
  l.source.addPod('test', 'testpod', 'testUID', { 'k8s.v1.cni.cncf.io/networks': 'iov' });
  l.source.addNad('test', 'iov', '{"cniVersion":"1.0.0","name":"iov","type":"hostdev","capabilities":{"CNIDeviceInfoFile":true}}');
  l.exec.hook = (type, command, stdin) => {
    if (type !== 'hostdev' || command !== 'ADD') return;
    // what such a plugin does: write the NPWG document at the path it was given
    const path = (stdin.runtimeConfig as { CNIDeviceInfoFile: string }).CNIDeviceInfoFile;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, '{"type":"vdpa","version":"1.1.0","vdpa":{"path":"/dev/vhost-vdpa0","driver":"vhost","parent-device":"vdpa2"}}');
  };
  l.exec.reply('weave-net', 'ADD', ips('10.0.0.2/24')).reply('hostdev', 'ADD', ips('10.1.1.2/24'));
  await l.addWithDevices(KUBE);

  const call = l.exec.calls.find((c) => c.type === 'hostdev');
  assert.deepEqual(call?.json.runtimeConfig, { CNIDeviceInfoFile: join(l.devices.cniDir, 'test-iov-123456789_net1') });
  assert.equal(call?.json.deviceID, undefined);
  // the cluster network declares no capability: libcni sends it no runtimeConfig at all
  assert.equal(l.exec.calls.find((c) => c.type === 'weave-net')?.json.runtimeConfig, undefined);
  assert.deepEqual(l.networkStatus()[1]['device-info'], { type: 'vdpa', version: '1.1.0', vdpa: { 'parent-device': 'vdpa2', driver: 'vhost', path: '/dev/vhost-vdpa0' } });
  assert.deepEqual(kubelet.calls, []);
});
