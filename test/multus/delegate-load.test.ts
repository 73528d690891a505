import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDelegate } from '../../src/multus/delegate.ts';
import { parseNetworkSelection } from '../../src/multus/selection.ts';

test('a NAD delegate is named <namespace>/<nad> and records the selection\'s requests', () => {
  const [sel] = parseNetworkSelection('[{"name":"macvlan-conf","interface":"net5","mac":"c2:11:22:33:44:66","ips":["192.168.1.10/24"],"default-route":["192.168.1.1"],"infiniband-guid":"24:8a:07:03:00:8d:ae:2e","portMappings":[{"hostPort":1,"containerPort":2}],"bandwidth":{"ingressRate":1},"cni-args":{"a":"b"},"deviceID":"sel-dev"}]', 'test');
  const d = loadDelegate('{"cniVersion":"0.3.1","name":"macvlan-conf","type":"macvlan"}', { selection: sel });
  assert.deepEqual(d, {
    bytes: '{"cniVersion":"0.3.1","name":"macvlan-conf","type":"macvlan","args":{"cni":{"a":"b"}}}',
    isConfList: false, name: 'test/macvlan-conf', confName: 'macvlan-conf', confType: 'macvlan', cniVersion: '0.3.1',
    filterV4Gateway: false, filterV6Gateway: false,
    ifnameRequest: 'net5', macRequest: 'c2:11:22:33:44:66', ipRequest: ['192.168.1.10/24'], gatewayRequest: ['192.168.1.1'],
    infinibandGuidRequest: '24:8a:07:03:00:8d:ae:2e', portMappingsRequest: [{ hostPort: 1, containerPort: 2 }],
    bandwidthRequest: { ingressRate: 1, ingressBurst: 0, egressRate: 0, egressBurst: 0 }, deviceId: 'sel-dev',
  });
  assert.ok(Object.isFrozen(d));
});

test('a resource-map device wins over a selection deviceID and is injected into the config', () => {
  const [sel] = parseNetworkSelection('[{"name":"sriov","deviceID":"sel-dev"}]', 'test');
  const d = loadDelegate('{"name":"sriov","plugins":[{"type":"sriov"}]}', { selection: sel, deviceId: '0000:03:02.3', resourceName: 'intel.com/sriov' });
  assert.equal(d.deviceId, '0000:03:02.3');
  assert.equal(d.resourceName, 'intel.com/sriov');
  assert.equal(d.isConfList, true);
  assert.equal(JSON.parse(d.bytes).plugins[0].pciBusID, '0000:03:02.3');
});

test('without a selection the CNI name is the display name and the config is untouched', () => {
  const text = '{"name":"weave1","cniVersion":"0.2.0","type":"weave-net"}';
  const d = loadDelegate(text);
  assert.equal(d.name, 'weave1');
  assert.equal(d.bytes, text);
});
