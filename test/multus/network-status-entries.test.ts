import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseResult } from '../../src/cni/result/index.ts';
import { networkStatusEntries, networkStatusEntry, serializeNetworkStatus } from '../../src/multus/network-status.ts';

const pci = { type: 'pci', version: '1.1.0', pci: { 'pci-address': '0000:18:02.5', 'pf-pci-address': '0000:18:00.0' } };

test('cni.md 73: one sandbox interface among three; a gw-less default route goes via the IP\'s gateway (deviation: Go "<nil>")', () => {
  const r = parseResult(JSON.parse('{"interfaces":[{"name":"cni0","mac":"00:11:22:33:44:55"},{"name":"veth3243","mac":"55:44:33:22:11:11"},{"name":"eth0","mac":"99:88:77:66:55:44","mtu":1450,"sandbox":"/var/run/netns/blue"}],"ips":[{"address":"10.1.0.5/16","gateway":"10.1.0.1","interface":2}],"routes":[{"dst":"0.0.0.0/0"}],"dns":{"nameservers":["10.1.0.1"]}}'), '1.0.0');
  const expected = { name: 'ns1/net-a', interface: 'eth0', ips: ['10.1.0.5'], mac: '99:88:77:66:55:44', mtu: 1450, dns: { nameservers: ['10.1.0.1'] }, 'device-info': pci, gateway: ['10.1.0.1'] };
  assert.deepEqual(JSON.parse(serializeNetworkStatus(networkStatusEntries(r, 'ns1/net-a', false, pci))), [expected]);
  assert.deepEqual(JSON.parse(serializeNetworkStatus([networkStatusEntry(r, 'ns1/net-a', false, pci)])), [expected]);
});

test('cni.md 75: several sandbox interfaces, IPs by index, unindexed IPs to the last, default by gateway', () => {
  const r = parseResult(JSON.parse('{"interfaces":[{"name":"host0"},{"name":"net1","mac":"02:00:00:00:00:01","sandbox":"/ns"},{"name":"net2","mac":"02:00:00:00:00:02","sandbox":"/ns"}],"ips":[{"address":"10.1.0.5/16","interface":1},{"address":"10.2.0.5/16","gateway":"10.2.0.1","interface":2},{"address":"10.3.0.5/16"}],"routes":[{"dst":"0.0.0.0/0","gw":"10.2.0.1"}]}'), '1.0.0');
  assert.deepEqual(JSON.parse(serializeNetworkStatus(networkStatusEntries(r, 'ns1/net-a', true))), [
    { name: 'ns1/net-a', interface: 'net1', ips: ['10.1.0.5'], mac: '02:00:00:00:00:01', dns: {}, gateway: ['10.2.0.1'] },
    { name: 'ns1/net-a', interface: 'net2', ips: ['10.2.0.5', '10.3.0.5'], mac: '02:00:00:00:00:02', default: true, dns: {}, gateway: ['10.2.0.1'] },
  ]);
  // Without a gateway-bearing indexed IP the first sandbox interface is the default one.
  const noGw = parseResult(JSON.parse('{"interfaces":[{"name":"a","sandbox":"/ns"},{"name":"b","sandbox":"/ns"}],"ips":[{"address":"10.0.0.1/8"}]}'), '1.1.0');
  assert.deepEqual(networkStatusEntries(noGw, 'n', true).map((e) => [e.interface, e.default, e.ips]), [['a', true, undefined], ['b', false, ['10.0.0.1']]]);
});

test('cni.md 76: a 0.2.0 result has no interfaces, so no entries; the single form still describes it', () => {
  const r = parseResult(JSON.parse('{"cniVersion":"0.2.0","ip4":{"ip":"10.1.2.3/24","gateway":"10.1.2.1","routes":[{"dst":"0.0.0.0/0","gw":"10.1.2.1"}]}}'), '0.2.0');
  assert.deepEqual(networkStatusEntries(r, 'ns1/net-a', false), []);
  assert.equal(serializeNetworkStatus([networkStatusEntry(r, 'ns1/net-a', false)]),
    '[{\n    "name": "ns1/net-a",\n    "ips": [\n        "10.1.2.3"\n    ],\n    "dns": {},\n    "gateway": [\n        "10.1.2.1"\n    ]\n}]');
});

test('a gw-less default route without any gateway in the result adds no gateway', () => {
  const r = parseResult(JSON.parse('{"interfaces":[{"name":"eth0","sandbox":"/ns"}],"ips":[{"address":"10.0.0.5/24"}],"routes":[{"dst":"0.0.0.0/0"}]}'), '1.0.0');
  assert.deepEqual(networkStatusEntries(r, 'n', true), [{ name: 'n', default: true, interface: 'eth0', ips: ['10.0.0.5'], dns: {} }]);
});

test('the single-interface form takes the LAST sandbox interface and every IP', () => {
  const r = parseResult(JSON.parse('{"interfaces":[{"name":"eth0","sandbox":"/ns"}],"ips":[{"address":"10.0.0.1/8","interface":5},{"address":"fd00::1/64"}],"routes":[{"dst":"::/0","gw":"fd00::ff"},{"dst":"10.0.0.0/8","gw":"10.0.0.254"}]}'), '1.0.0');
  assert.deepEqual(networkStatusEntries(r, 'cbr0', true), [{ name: 'cbr0', default: true, interface: 'eth0', ips: ['10.0.0.1', 'fd00::1'], dns: {}, gateway: ['fd00::ff'] }]);
});
