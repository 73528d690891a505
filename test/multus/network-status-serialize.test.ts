import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseResult } from '../../src/cni/result/index.ts';
import { networkStatusEntries, serializeNetworkStatus, type NetworkStatusEntry } from '../../src/multus/network-status.ts';

// multus.md §3.6, verified output of Multus 4.2.4.
const EXPECTED = `[{
    "name": "cbr0",
    "interface": "eth0",
    "ips": [
        "10.244.1.5"
    ],
    "mac": "0a:58:0a:f4:01:05",
    "default": true,
    "dns": {},
    "gateway": [
        "10.244.1.1"
    ]
},{
    "name": "test/macvlan-conf",
    "interface": "net1",
    "ips": [
        "192.168.1.10"
    ],
    "mac": "0a:58:0a:f4:01:05",
    "dns": {},
    "gateway": [
        "192.168.1.1"
    ]
}]`;

test('§3.6 example, byte for byte', () => {
  const cbr0 = parseResult({ cniVersion: '0.3.1', interfaces: [{ name: 'eth0', mac: '0a:58:0a:f4:01:05', sandbox: '/var/run/netns/x' }], ips: [{ version: '4', address: '10.244.1.5/24', gateway: '10.244.1.1', interface: 0 }], routes: [{ dst: '0.0.0.0/0', gw: '10.244.1.1' }] }, '0.3.1');
  const macvlan = parseResult({ cniVersion: '1.0.0', interfaces: [{ name: 'net1', mac: '0a:58:0a:f4:01:05', sandbox: '/var/run/netns/x' }], ips: [{ address: '192.168.1.10/24', gateway: '192.168.1.1', interface: 0 }], routes: [{ dst: '0.0.0.0/0', gw: '192.168.1.1' }] }, '1.0.0');
  const entries = [...networkStatusEntries(cbr0, 'cbr0', true), ...networkStatusEntries(macvlan, 'test/macvlan-conf', false)];
  assert.equal(serializeNetworkStatus(entries), EXPECTED);
});

test('field order name, interface, ips, mac, mtu, default, dns, device-info, gateway; Go\'s HTML escaping', () => {
  const e: NetworkStatusEntry = {
    gateway: ['10.0.0.1'], deviceInfo: { type: 'pci' }, dns: { options: ['a&b'], search: ['s'], domain: 'd', nameservers: ['1.1.1.1'] },
    default: true, mtu: 9000, mac: 'm', ips: ['10.0.0.2'], interface: 'i', name: '<n>',
  };
  const text = serializeNetworkStatus([e]);
  assert.deepEqual(Object.keys(JSON.parse(text)[0]), ['name', 'interface', 'ips', 'mac', 'mtu', 'default', 'dns', 'device-info', 'gateway']);
  assert.deepEqual(Object.keys(JSON.parse(text)[0].dns), ['nameservers', 'domain', 'search', 'options']);
  assert.match(text, /"name": "\\u003cn\\u003e"/);
  assert.match(text, /"a\\u0026b"/);
  assert.equal(serializeNetworkStatus([]), '[]');
});
