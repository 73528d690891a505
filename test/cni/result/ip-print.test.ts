// cni.md §1.9 "Typed-parse consequences": addresses are re-printed the way Go's net.IP / net.IPNet print.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { canonicalCidr, canonicalIp } from '../../../src/cni/result/index.ts';
import { cidrSpelling, ipSpelling, isMappedGroups, spellV6, v6Groups } from './arbitraries.ts';

test('IPv6 is printed lower-case, without leading zeros, with the longest zero run as "::"', () => {
  assert.equal(canonicalCidr('2001:DB8::0003/64'), '2001:db8::3/64');
  assert.equal(canonicalIp('2001:0DB8:0000:0000:0000:0000:0000:0001'), '2001:db8::1');
  assert.equal(canonicalIp('0:0:0:0:0:0:0:0'), '::');
  assert.equal(canonicalIp('0:0:0:0:0:0:0:1'), '::1');
  assert.equal(canonicalIp('1:0:0:0:0:0:0:0'), '1::');
  // a single zero group is never compressed
  assert.equal(canonicalIp('2001:db8:0:1:1:1:1:1'), '2001:db8:0:1:1:1:1:1');
  assert.equal(canonicalIp('2001:db8::1:1:1:1:1'), '2001:db8:0:1:1:1:1:1');
  // longest run wins; on a tie the leftmost
  assert.equal(canonicalIp('1:0:0:2:0:0:0:3'), '1:0:0:2::3');
  assert.equal(canonicalIp('1:0:0:2:3:0:0:4'), '1::2:3:0:0:4');
  // an IPv4 tail on a non-mapped address is printed in hex
  assert.equal(canonicalIp('::10.1.2.3'), '::a01:203');
  assert.equal(canonicalIp('64:ff9b::192.0.2.33'), '64:ff9b::c000:221');
});

test('IPv4 and IPv4-mapped IPv6 are printed as dotted IPv4, with the mapped prefix shortened by 96', () => {
  assert.equal(canonicalIp('10.1.2.3'), '10.1.2.3');
  assert.equal(canonicalIp('::ffff:10.1.2.3'), '10.1.2.3');
  assert.equal(canonicalIp('::FFFF:a01:203'), '10.1.2.3');
  assert.equal(canonicalIp('0:0:0:0:0:ffff:0:0'), '0.0.0.0');
  assert.equal(canonicalCidr('::ffff:10.1.2.3/120'), '10.1.2.3/24');
  assert.equal(canonicalCidr('::ffff:10.1.2.3/128'), '10.1.2.3/32');
  assert.equal(canonicalCidr('::ffff:10.1.2.3/100'), '10.1.2.3/4');
  assert.equal(canonicalCidr('::ffff:10.1.2.3/90'), '10.1.2.3/0');
});

test('CIDR host bits are kept and the prefix is printed in decimal', () => {
  assert.equal(canonicalCidr('10.1.2.3/24'), '10.1.2.3/24');
  assert.equal(canonicalCidr('10.1.2.3/024'), '10.1.2.3/24');
  assert.equal(canonicalCidr('0.0.0.0/0'), '0.0.0.0/0');
  assert.equal(canonicalCidr('::/0'), '::/0');
  assert.equal(canonicalCidr('2001:db8::3/128'), '2001:db8::3/128');
});

test('property: IPv6 printing agrees with the WHATWG URL serialiser (RFC 5952) for non-mapped addresses', () => {
  fc.assert(fc.property(v6Groups.filter((g) => !isMappedGroups(g)), fc.boolean(), fc.boolean(), fc.option(fc.nat(7), { nil: undefined }), (g, upper, pad, compressAt) => {
    const spelled = spellV6(g, { upper, pad, compressAt });
    const oracle = new URL(`http://[${g.map((x) => x.toString(16)).join(':')}]/`).hostname.slice(1, -1);
    assert.equal(canonicalIp(spelled), oracle);
  }));
});

test('property: canonical printing is idempotent and independent of the spelling', () => {
  fc.assert(fc.property(ipSpelling, (s) => {
    const c = canonicalIp(s);
    assert.equal(canonicalIp(c), c);
    assert.equal(c, c.toLowerCase());
  }));
  fc.assert(fc.property(cidrSpelling, (s) => {
    const c = canonicalCidr(s);
    assert.equal(canonicalCidr(c), c);
    const [addr, prefix] = c.split('/');
    assert.equal(addr, canonicalIp(s.slice(0, s.indexOf('/'))));
    assert.ok(Number(prefix) <= (addr.includes(':') ? 128 : 32));
  }));
});
