// cni.md §1.9 "Typed-parse consequences", §5.3 case 17 (R_A → R_canon), §6 item 2: the typed parse drops
// unknown keys, re-prints addresses and leaves out what Go's omitempty leaves out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseResult, parseResultText, resultToJSON } from '../../../src/cni/result/index.ts';

const R_A = '{"cniVersion":"1.0.0","interfaces":[{"name":"eth0","mac":"00:11:22:33:44:55","sandbox":"/var/run/netns/x","extra":"dropped"}],"ips":[{"interface":0,"address":"10.1.2.3/24","gateway":"10.1.2.1"},{"address":"2001:DB8::0003/64"}],"routes":[{"dst":"0.0.0.0/0","gw":"10.1.2.1"}],"dns":{},"extraTop":1}';
const R_canon = {
  cniVersion: '1.0.0',
  interfaces: [{ mac: '00:11:22:33:44:55', name: 'eth0', sandbox: '/var/run/netns/x' }],
  ips: [{ address: '10.1.2.3/24', gateway: '10.1.2.1', interface: 0 }, { address: '2001:db8::3/64' }],
  routes: [{ dst: '0.0.0.0/0', gw: '10.1.2.1' }],
};

test('17: R_A becomes R_canon (unknown keys gone, IPv6 canonical, empty dns omitted)', () => {
  assert.deepEqual(resultToJSON(parseResultText(R_A, '1.0.0')), R_canon);
});

test('unknown keys are dropped at every level, in every version', () => {
  const r04 = parseResult({
    cniVersion: '0.4.0', x: 1,
    interfaces: [{ name: 'eth0', mtu: 1500, socketPath: '/s', x: 1 }],
    ips: [{ version: '4', address: '10.1.2.3/24', x: 1 }],
    routes: [{ dst: '0.0.0.0/0', x: 1 }],
    dns: { domain: 'd', x: 1 },
    ip4: { ip: '10.0.0.1/8' },
  }, '');
  assert.deepEqual(resultToJSON(r04), {
    cniVersion: '0.4.0',
    interfaces: [{ name: 'eth0' }],
    ips: [{ version: '4', address: '10.1.2.3/24' }],
    routes: [{ dst: '0.0.0.0/0' }],
    dns: { domain: 'd' },
  });
  const legacy = parseResult({ cniVersion: '0.2.0', ips: [{ address: '10.0.0.1/8' }], ip4: { ip: '10.1.2.3/24', x: 1, interface: 0 }, x: 1 }, '');
  assert.deepEqual(resultToJSON(legacy), { cniVersion: '0.2.0', ip4: { ip: '10.1.2.3/24' }, dns: {} });
  const r1 = parseResult({ cniVersion: '1.1.0', ips: [{ version: '4', address: '10.1.2.3/24' }], ip4: { ip: '10.0.0.1/8' } }, '');
  assert.deepEqual(resultToJSON(r1), { cniVersion: '1.1.0', ips: [{ address: '10.1.2.3/24' }] });
});

test('every address field is re-printed canonically; host bits are kept', () => {
  const r = parseResult({
    cniVersion: '1.1.0',
    ips: [{ address: '::FFFF:10.1.2.3/120', gateway: '::ffff:10.1.2.1' }, { address: '2001:0db8:0:0:0:0:0:0003/64', gateway: 'FE80::0001' }],
    routes: [{ dst: '2001:DB8:0::/48', gw: '2001:db8:0:0:0:0:0:1' }],
  }, '');
  assert.deepEqual(resultToJSON(r), {
    cniVersion: '1.1.0',
    ips: [{ address: '10.1.2.3/24', gateway: '10.1.2.1' }, { address: '2001:db8::3/64', gateway: 'fe80::1' }],
    routes: [{ dst: '2001:db8::/48', gw: '2001:db8::1' }],
  });
  const legacy = parseResult({ cniVersion: '0.1.0', ip6: { ip: '2001:DB8::3/64', gateway: '2001:DB8::1', routes: [{ dst: '::0/0', gw: '2001:DB8::1' }] } }, '');
  assert.deepEqual(resultToJSON(legacy), {
    cniVersion: '0.1.0', ip6: { ip: '2001:db8::3/64', gateway: '2001:db8::1', routes: [{ dst: '::/0', gw: '2001:db8::1' }] }, dns: {},
  });
});

test('a negative interface index is accepted and kept; index 0 is kept', () => {
  const r = parseResult({ cniVersion: '1.0.0', ips: [{ interface: -1, address: '10.1.2.3/24' }, { interface: 0, address: '10.1.2.4/24' }] }, '');
  assert.deepEqual(resultToJSON(r), { cniVersion: '1.0.0', ips: [{ interface: -1, address: '10.1.2.3/24' }, { interface: 0, address: '10.1.2.4/24' }] });
});

test('zero values Go omits disappear; *int route fields keep 0; interface name is always printed', () => {
  const r = parseResult({
    cniVersion: '1.1.0',
    interfaces: [{ mac: '', mtu: 0, sandbox: '', socketPath: '', pciID: '' }],
    ips: [{ address: '10.1.2.3/24', gateway: '' }],
    routes: [{ dst: '0.0.0.0/0', gw: '', mtu: 0, advmss: -0, priority: 0, table: 0, scope: 0 }],
    dns: { nameservers: [], domain: '', search: [], options: [] },
  }, '');
  assert.deepEqual(resultToJSON(r), {
    cniVersion: '1.1.0',
    interfaces: [{ name: '' }],
    ips: [{ address: '10.1.2.3/24' }],
    routes: [{ dst: '0.0.0.0/0', table: 0, scope: 0 }],
  });
  assert.deepEqual(parseResult({ cniVersion: '1.0.0', interfaces: [], ips: [], routes: [] }, ''), { kind: '1.x', cniVersion: '1.0.0' });
});

test('null means "absent" for optional fields and "" inside string lists, as Go\'s decoder leaves zero values', () => {
  const r = parseResult({
    cniVersion: '1.0.0', interfaces: null, dns: { nameservers: ['8.8.8.8', null], domain: null },
    ips: [{ interface: null, address: '10.1.2.3/24', gateway: null }],
    routes: [{ dst: '0.0.0.0/0', gw: null, table: null }],
  }, '');
  assert.deepEqual(resultToJSON(r), {
    cniVersion: '1.0.0', ips: [{ address: '10.1.2.3/24' }], routes: [{ dst: '0.0.0.0/0' }], dns: { nameservers: ['8.8.8.8', ''] },
  });
  assert.deepEqual(resultToJSON(parseResult({ cniVersion: '0.2.0', ip4: null, ip6: { ip: '::1/128' }, dns: null }, '')), {
    cniVersion: '0.2.0', ip6: { ip: '::1/128' }, dns: {},
  });
});

test('legacy routes keep the route extras (Go\'s legacy type shares types.Route)', () => {
  const r = parseResult({ cniVersion: '0.2.0', ip4: { ip: '10.1.2.3/24', routes: [{ dst: '0.0.0.0/0', mtu: 1400, table: 5 }] } }, '');
  assert.deepEqual(resultToJSON(r), { cniVersion: '0.2.0', ip4: { ip: '10.1.2.3/24', routes: [{ dst: '0.0.0.0/0', mtu: 1400, table: 5 }] }, dns: {} });
});

test('field names match case-insensitively, the last matching key winning, as Go\'s decoder does', () => {
  const r = parseResult({ cniVersion: '1.0.0', IPs: [{ Address: '10.1.2.3/24', GATEWAY: '10.1.2.1' }], Routes: [{ dst: '0.0.0.0/0' }], routes: [{ dst: '::/0' }] }, '');
  assert.deepEqual(resultToJSON(r), { cniVersion: '1.0.0', ips: [{ address: '10.1.2.3/24', gateway: '10.1.2.1' }], routes: [{ dst: '::/0' }] });
});

test('the typed value is canonical: no undefined-valued keys, so deepEqual means "prints the same"', () => {
  const r = parseResult({ cniVersion: '1.0.0', ips: [{ address: '10.1.2.3/24' }], dns: {} }, '');
  assert.deepEqual(r, { kind: '1.x', cniVersion: '1.0.0', ips: [{ address: '10.1.2.3/24' }] });
});
