// Which address strings Go's net.ParseIP / net.ParseCIDR accept, and libcni's error texts for the rest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalCidr, canonicalIp } from '../../../src/cni/result/index.ts';
import { CniError } from '../../../src/errors/catalogue.ts';

function rejectsIp(s: string): void {
  assert.throws(() => canonicalIp(s), (e: unknown) => {
    assert.ok(e instanceof CniError);
    assert.equal(e.id, 'RESULT_DECODE');
    assert.equal(e.msg, `invalid IP address: ${s}`);
    return true;
  }, s);
}

function rejectsCidr(s: string): void {
  assert.throws(() => canonicalCidr(s), (e: unknown) => {
    assert.ok(e instanceof CniError);
    assert.equal(e.id, 'RESULT_DECODE');
    assert.equal(e.msg, `invalid CIDR address: ${s}`);
    return true;
  }, s);
}

test('IPv4 must be four decimal fields 0-255 without leading zeros', () => {
  for (const s of ['bad', '', '1.2.3', '1.2.3.4.5', '1.2.3.256', '01.2.3.4', '1.2.3.04', '1..2.3', '.1.2.3', '1.2.3.4.', ' 1.2.3.4', '1.2.3.4 ', '0x1.2.3.4', '1.2.3.-4', '+1.2.3.4']) {
    rejectsIp(s);
  }
  assert.equal(canonicalIp('0.0.0.0'), '0.0.0.0');
  assert.equal(canonicalIp('255.255.255.255'), '255.255.255.255');
});

test('IPv6 grammar: one "::", at most four hex digits per group, IPv4 tail only at the end, no zone', () => {
  for (const s of [
    ':', ':::', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '1::2::3', '12345::1', '1:2:3:4:5:6:7:8::', '::1:2:3:4:5:6:7:8',
    '1:2:3:4:5:6:7::8', '1:', ':1', '1:2:3:4:5:6:7:', 'g::1', 'fe80::1%eth0', '%eth0', '::1%', '1.2.3.4::',
    '::1.2.3.4:5', '1:2:3:4:5:6:7:1.2.3.4', '1:2:3:4:5:1.2.3.4', '1:2:3:4:5:6::1.2.3.4', '::ffff:01.2.3.4', '::ffff:1.2.3',
  ]) {
    rejectsIp(s);
  }
  assert.equal(canonicalIp('1:2:3:4:5:6:7::'), '1:2:3:4:5:6:7:0');
  assert.equal(canonicalIp('::2:3:4:5:6:7:8'), '0:2:3:4:5:6:7:8');
  assert.equal(canonicalIp('1:2:3:4:5:6:1.2.3.4'), '1:2:3:4:5:6:102:304');
  assert.equal(canonicalIp('1:2:3:4:5::1.2.3.4'), '1:2:3:4:5:0:102:304');
  assert.equal(canonicalIp('::'), '::');
});

test('a CIDR needs an address, one "/", and a decimal prefix within the family size', () => {
  for (const s of [
    '10.1.2.3', '10.1.2.3/', '10.1.2.3/33', '10.1.2.3/-1', '10.1.2.3/+8', '10.1.2.3/24/1', '10.1.2.3/ 24', '10.1.2.3/0x10',
    '2001:db8::/129', '::ffff:10.1.2.3/129', 'fe80::1%eth0/64', '/24', 'bad/24', '10.1.2.3/24 ', '10.1.2.3/99999999999999999999',
  ]) {
    rejectsCidr(s);
  }
});
