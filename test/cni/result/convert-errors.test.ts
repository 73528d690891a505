// cni.md §2.8 and §5.5 case 35: the conversion registry's edges: same version, "" target, unknown
// targets, and legacy targets that cannot hold the result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convertResult, parseResult, parseResultText, resultToJSON, type CniResult } from '../../../src/cni/result/index.ts';
import { SUPPORTED_VERSIONS } from '../../../src/cni/version.ts';
import { CniError } from '../../../src/errors/catalogue.ts';

function convertFails(r: CniResult, to: string, msg: string): void {
  assert.throws(() => convertResult(r, to), (e: unknown) => {
    assert.ok(e instanceof CniError);
    assert.equal(e.id, 'RESULT_CONVERT');
    assert.equal(e.code, 1);
    assert.equal(e.msg, msg);
    return true;
  }, `${r.cniVersion} → ${to}`);
}

const samples: CniResult[] = [
  parseResult({ cniVersion: '0.1.0', ip4: { ip: '10.1.2.3/24' } }, ''),
  parseResult({ cniVersion: '0.2.0', ip6: { ip: '::1/128' } }, ''),
  parseResult({ cniVersion: '0.3.0', ips: [{ version: '4', address: '10.1.2.3/24' }] }, ''),
  parseResult({ cniVersion: '0.3.1', ips: [{ version: '6', address: '::1/128' }] }, ''),
  parseResult({ cniVersion: '0.4.0', ips: [{ version: '4', address: '10.1.2.3/24' }] }, ''),
  parseResult({ cniVersion: '1.0.0', ips: [{ address: '10.1.2.3/24' }] }, ''),
  parseResult({ cniVersion: '1.1.0', ips: [{ address: '::1/128' }] }, ''),
];

test('35: an unknown target has no converter', () => {
  for (const r of samples) {
    for (const to of ['1.2.0', '1.0', '0.5.0', 'x']) convertFails(r, to, `no converter for CNI result version ${r.cniVersion} to ${to}`);
  }
});

test('every pair of supported versions converts (for a result with an address)', () => {
  for (const r of samples) {
    for (const to of SUPPORTED_VERSIONS) assert.equal(convertResult(r, to).cniVersion, to);
  }
});

test('35: target "" means 0.1.0', () => {
  const r = convertResult(parseResultText('{"cniVersion":"1.0.0","ips":[{"address":"10.1.2.3/24"}]}', ''), '');
  assert.deepEqual(resultToJSON(r), { cniVersion: '0.1.0', ip4: { ip: '10.1.2.3/24' }, dns: {} });
  const legacy = samples[0];
  assert.equal(convertResult(legacy, ''), legacy);
  convertFails(parseResult({ cniVersion: '1.0.0' }, ''), '', 'cannot convert: no valid IP addresses');
});

test('the same version returns the very same value; a relabel returns a new one', () => {
  for (const r of samples) assert.equal(convertResult(r, r.cniVersion), r);
  const r = samples[5];
  const relabelled = convertResult(r, '1.1.0');
  assert.notEqual(relabelled, r);
  assert.deepEqual(resultToJSON(relabelled), { cniVersion: '1.1.0', ips: [{ address: '10.1.2.3/24' }] });
});

test('legacy targets need at least one address labelled "4" or "6"', () => {
  const msg = 'cannot convert: no valid IP addresses';
  for (const to of ['0.1.0', '0.2.0']) {
    convertFails(parseResult({ cniVersion: '1.1.0', interfaces: [{ name: 'eth0' }], routes: [{ dst: '0.0.0.0/0' }] }, ''), to, msg);
    convertFails(parseResult({ cniVersion: '0.4.0', ips: [{ address: '10.1.2.3/24' }, { version: 'v4', address: '10.1.2.4/24' }] }, ''), to, msg);
    convertFails(parseResult({ cniVersion: '0.3.0' }, ''), to, msg);
  }
});

test('a result whose label does not belong to its type has no converter', () => {
  const odd: CniResult = { kind: '1.x', cniVersion: '0.4.0' };
  convertFails(odd, '1.0.0', 'no converter for CNI result version 0.4.0 to 1.0.0');
  assert.equal(convertResult(odd, '0.4.0'), odd);
});

test('conversions never share mutable parts with their input', () => {
  const r = parseResultText('{"cniVersion":"1.1.0","interfaces":[{"name":"eth0"}],"ips":[{"address":"10.1.2.3/24"}],"routes":[{"dst":"0.0.0.0/0"}],"dns":{"nameservers":["a"]}}', '');
  const before = resultToJSON(r);
  for (const to of ['1.0.0', '0.4.0', '0.2.0']) {
    const c = convertResult(r, to);
    // poke every array and object reachable from the converted value
    const stack: unknown[] = [c];
    while (stack.length > 0) {
      const v = stack.pop();
      if (Array.isArray(v)) { stack.push(...v); v.push('junk'); } else if (v && typeof v === 'object') {
        stack.push(...Object.values(v));
        (v as Record<string, unknown>).junk = 1;
      }
    }
    assert.deepEqual(resultToJSON(r), before, to);
  }
});
