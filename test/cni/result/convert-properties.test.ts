// cni.md §2.8, §6 item 12: what a round trip through another version keeps and loses, for arbitrary results.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { convertResult, type CniResult, type Result1 } from '../../../src/cni/result/index.ts';
import { legacyConvertible, result04, result04Of, ipConfig04Labelled, result1 } from './arbitraries.ts';

/** What libcni's 1.x → 0.4 step drops: the 1.1.0 interface fields. */
function without04Losses(r: Result1, cniVersion: string): Result1 {
  const out: Result1 = { ...structuredClone(r), cniVersion };
  for (const i of out.interfaces ?? []) {
    delete i.mtu;
    delete i.socketPath;
    delete i.pciID;
  }
  return out;
}

test('property: 1.x → 0.4.0 → 1.0.0 loses exactly interface mtu/socketPath/pciID', () => {
  fc.assert(fc.property(result1, fc.constantFrom('0.3.0', '0.3.1', '0.4.0'), (r, mid) => {
    const back = convertResult(convertResult(r, mid), '1.0.0');
    assert.deepEqual(back, without04Losses(r, '1.0.0'));
  }), { numRuns: 300 });
});

test('property: 0.4 → 1.x → 0.4 is the identity when ips[].version matches the address family', () => {
  fc.assert(fc.property(result04Of(ipConfig04Labelled), fc.constantFrom('1.0.0', '1.1.0'), (r, mid) => {
    assert.deepEqual(convertResult(convertResult(r, mid), r.cniVersion), r);
  }), { numRuns: 300 });
});

test('property: versions of one type relabel only (0.3.0/0.3.1/0.4.0, 1.0.0/1.1.0, 0.1.0/0.2.0)', () => {
  const relabelled = (r: CniResult, v: string): CniResult => ({ ...r, cniVersion: v });
  fc.assert(fc.property(result04, fc.constantFrom('0.3.0', '0.3.1', '0.4.0'), (r, to) => {
    assert.deepEqual(convertResult(r, to), relabelled(r, to));
  }));
  fc.assert(fc.property(result1, fc.constantFrom('1.0.0', '1.1.0'), (r, to) => {
    assert.deepEqual(convertResult(r, to), relabelled(r, to));
    assert.deepEqual(convertResult(convertResult(r, '1.1.0'), '1.0.0'), relabelled(r, '1.0.0'));
  }));
  fc.assert(fc.property(legacyConvertible, fc.constantFrom('0.1.0', '0.2.0'), (r, to) => {
    assert.deepEqual(convertResult(r, to), relabelled(r, to));
  }));
});

test('property: legacy → 0.4 (or 1.x) → legacy is the identity for legacy results', () => {
  fc.assert(fc.property(legacyConvertible, fc.constantFrom('0.3.0', '0.3.1', '0.4.0', '1.0.0', '1.1.0'), (r, mid) => {
    assert.deepEqual(convertResult(convertResult(r, mid), r.cniVersion), r);
  }), { numRuns: 300 });
});

test('property: 1.x → legacy equals 1.x → 0.4.0 → legacy (Go converts through 0.4.0), failures included', () => {
  const attempt = (f: () => CniResult): CniResult | string => {
    try {
      return f();
    } catch (e) {
      return (e as Error).message;
    }
  };
  fc.assert(fc.property(result1, fc.constantFrom('0.1.0', '0.2.0'), (r, to) => {
    assert.deepEqual(attempt(() => convertResult(r, to)), attempt(() => convertResult(convertResult(r, '0.4.0'), to)));
  }), { numRuns: 300 });
});

test('property: converting to legacy keeps the first address of each family and only dst/gw of routes', () => {
  fc.assert(fc.property(result1, (r) => {
    const v4 = r.ips?.find((c) => !c.address.includes(':'));
    const v6 = r.ips?.find((c) => c.address.includes(':'));
    if (!v4 && !v6) return;
    const l = convertResult(r, '0.2.0');
    assert.equal(l.kind, 'legacy');
    if (l.kind !== 'legacy') return;
    assert.equal(l.ip4?.ip, v4?.address);
    assert.equal(l.ip4?.gateway, v4?.gateway);
    assert.equal(l.ip6?.ip, v6?.address);
    const routes = [...(l.ip4?.routes ?? []), ...(l.ip6?.routes ?? [])];
    for (const rt of routes) assert.deepEqual(Object.keys(rt).filter((k) => k !== 'dst' && k !== 'gw'), []);
    const kept = (r.routes ?? []).filter((rt) => (rt.dst.includes(':') ? v6 : v4) !== undefined);
    assert.equal(routes.length, kept.length);
  }), { numRuns: 300 });
});
