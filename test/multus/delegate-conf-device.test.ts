import { test } from 'node:test';
import assert from 'node:assert/strict';
import { injectDeviceId } from '../../src/multus/delegate-conf.ts';

test('S16, S17: deviceID (and pciBusID) in every plugin of a conflist', () => {
  const one = JSON.parse(injectDeviceId('{"name":"second-network","plugins":[{"type":"sriov"}]}', '0000:00:00.1'));
  assert.equal(one.plugins[0].deviceID, '0000:00:00.1');
  const two = JSON.parse(injectDeviceId('{"name":"second-network","plugins":[{"type":"sriov"},{"type":"other-cni"}]}', '0000:00:00.1'));
  assert.deepEqual(two.plugins.map((p: { deviceID: string; pciBusID: string }) => [p.deviceID, p.pciBusID]),
    [['0000:00:00.1', '0000:00:00.1'], ['0000:00:00.1', '0000:00:00.1']]);
});

test('S18: pciBusID for a single host-device config; other bytes untouched', () => {
  const out = injectDeviceId('{"name":"n","type":"host-device","x":1.50}', '0000:00:00.2');
  assert.equal(out, '{"name":"n","type":"host-device","x":1.50,"deviceID":"0000:00:00.2","pciBusID":"0000:00:00.2"}');
});
