// cni.md §1.9: wrong JSON types and bad addresses are decode errors; the message names the field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseResult } from '../../../src/cni/result/index.ts';
import { CniError } from '../../../src/errors/catalogue.ts';

function fails(json: unknown, msg: string, details?: string): void {
  assert.throws(() => parseResult(json, '1.0.0'), (e: unknown) => {
    assert.ok(e instanceof CniError);
    assert.equal(e.id, 'RESULT_DECODE');
    assert.equal(e.code, 6);
    assert.equal(e.msg, msg);
    assert.equal(e.details, details);
    return true;
  }, JSON.stringify(json));
}

test('an address without a prefix or a bad gateway gives libcni\'s message, the field in details', () => {
  fails({ ips: [{ address: '10.1.2.3' }] }, 'invalid CIDR address: 10.1.2.3', 'ips[0].address');
  fails({ ips: [{ address: '10.1.2.3/24', gateway: 'bad' }] }, 'invalid IP address: bad', 'ips[0].gateway');
  fails({ ips: [{ address: '10.1.2.3/24', gateway: '10.1.2.1/24' }] }, 'invalid IP address: 10.1.2.1/24', 'ips[0].gateway');
  fails({ routes: [{ dst: '0.0.0.0/0' }, { dst: '::/0', gw: 'fe80::1%eth0' }] }, 'invalid IP address: fe80::1%eth0', 'routes[1].gw');
  fails({ routes: [{ dst: 'default' }] }, 'invalid CIDR address: default', 'routes[0].dst');
  fails({ cniVersion: '0.2.0', ip4: { ip: '10.1.2.3' } }, 'invalid CIDR address: 10.1.2.3', 'ip4.ip');
  fails({ cniVersion: '0.1.0', ip6: { ip: '::1/64', routes: [{ dst: '::/0', gw: 'x' }] } }, 'invalid IP address: x', 'ip6.routes[0].gw');
  // types.IPNet turns null into "" and fails on it
  fails({ ips: [{ address: null }] }, 'invalid CIDR address: ', 'ips[0].address');
});

test('a missing required CIDR is refused rather than printed as "<nil>" like Go would', () => {
  fails({ ips: [{ gateway: '10.1.2.1' }] }, 'ips[0].address: required field missing');
  fails({ routes: [{ gw: '10.1.2.1' }] }, 'routes[0].dst: required field missing');
  fails({ cniVersion: '0.2.0', ip4: {} }, 'ip4.ip: required field missing');
});

test('wrong JSON types name the field', () => {
  fails({ ips: [{ address: 5 }] }, 'ips[0].address: expected string');
  fails({ ips: [{ address: '10.1.2.3/24', gateway: 1 }] }, 'ips[0].gateway: expected string');
  fails({ ips: [{ address: '10.1.2.3/24', interface: '0' }] }, 'ips[0].interface: expected integer');
  fails({ ips: [{ address: '10.1.2.3/24', interface: 1.5 }] }, 'ips[0].interface: expected integer');
  fails({ ips: {} }, 'ips: expected array');
  fails({ ips: [null] }, 'ips[0]: expected object');
  fails({ ips: [[]] }, 'ips[0]: expected object');
  fails({ interfaces: [{ name: 1 }] }, 'interfaces[0].name: expected string');
  fails({ interfaces: [{ name: 'a', mtu: '1500' }] }, 'interfaces[0].mtu: expected integer');
  fails({ interfaces: [{ name: 'a' }, { name: 'b', pciID: false }] }, 'interfaces[1].pciID: expected string');
  fails({ routes: [{ dst: '0.0.0.0/0', table: true }] }, 'routes[0].table: expected integer');
  fails({ routes: [{ dst: '0.0.0.0/0', scope: 2 ** 60 }] }, 'routes[0].scope: expected integer');
  fails({ dns: [] }, 'dns: expected object');
  fails({ dns: { nameservers: '8.8.8.8' } }, 'dns.nameservers: expected array');
  fails({ dns: { search: ['a', 1] } }, 'dns.search[1]: expected string');
  fails({ dns: { domain: 1 } }, 'dns.domain: expected string');
  fails({ cniVersion: '0.4.0', ips: [{ version: 4, address: '10.1.2.3/24' }] }, 'ips[0].version: expected string');
  fails({ cniVersion: '0.2.0', ip4: 'x' }, 'ip4: expected object');
  fails({ cniVersion: '0.2.0', ip4: { ip: '10.1.2.3/24', routes: {} } }, 'ip4.routes: expected array');
});

test('fields the version does not have are not type-checked (they are unknown keys)', () => {
  assert.doesNotThrow(() => parseResult({ cniVersion: '0.2.0', ips: 5, interfaces: 'x' }, ''));
  assert.doesNotThrow(() => parseResult({ cniVersion: '0.4.0', ips: [{ address: '10.1.2.3/24' }], interfaces: [{ name: 'a', mtu: 'x' }] }, ''));
  assert.doesNotThrow(() => parseResult({ cniVersion: '1.0.0', ips: [{ version: 4, address: '10.1.2.3/24' }] }, ''));
});
