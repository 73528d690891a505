// cni.md §2.7 steps 2-3, §5.4 cases 23, 24, 26, §2.11: which version (and so which type) a result gets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseResult, parseResultText, resultToJSON } from '../../../src/cni/result/index.ts';
import { RESULT_VERSIONS } from '../../../src/cni/result/types.ts';
import { SUPPORTED_VERSIONS } from '../../../src/cni/version.ts';
import { CniError } from '../../../src/errors/catalogue.ts';

test('23: a result without cniVersion takes the config version', () => {
  const r = parseResultText('{"ips":[{"address":"10.1.2.3/24"}]}', '1.0.0');
  assert.equal(r.kind, '1.x');
  assert.deepEqual(resultToJSON(r), { cniVersion: '1.0.0', ips: [{ address: '10.1.2.3/24' }] });
});

test('an empty or non-string cniVersion is replaced by the config version too (not by 0.1.0)', () => {
  assert.equal(parseResult({ cniVersion: '' }, '0.4.0').cniVersion, '0.4.0');
  assert.equal(parseResult({ cniVersion: 1 }, '1.1.0').cniVersion, '1.1.0');
  assert.equal(parseResult({ cniVersion: null }, '0.3.1').cniVersion, '0.3.1');
  assert.equal(parseResult({ cniVersion: ['1.0.0'] }, '0.2.0').kind, 'legacy');
});

test('an empty config version means 0.1.0', () => {
  const r = parseResult({}, '');
  assert.equal(r.kind, 'legacy');
  assert.equal(r.cniVersion, '0.1.0');
});

test('24: null is an empty result', () => {
  assert.deepEqual(resultToJSON(parseResultText('null', '1.0.0')), { cniVersion: '1.0.0' });
  assert.deepEqual(resultToJSON(parseResult(null, '0.4.0')), { cniVersion: '0.4.0', dns: {} });
});

test('the result\'s own cniVersion wins over the config version and picks the type', () => {
  for (const v of SUPPORTED_VERSIONS) {
    const r = parseResult({ cniVersion: v }, '1.1.0');
    assert.equal(r.cniVersion, v);
    assert.ok(RESULT_VERSIONS[r.kind].includes(v));
  }
  assert.deepEqual([...RESULT_VERSIONS.legacy, ...RESULT_VERSIONS['0.4'], ...RESULT_VERSIONS['1.x']], [...SUPPORTED_VERSIONS]);
});

test('26: a version without a result type is refused, by exact string', () => {
  for (const [json, conf, v] of [
    ['{"cniVersion":"9.9.9"}', '1.0.0', '9.9.9'],
    ['{"cniVersion":"1.0"}', '1.0.0', '1.0'],
    ['{"cniVersion":"1.2.0"}', '1.0.0', '1.2.0'],
    ['{}', '1.0', '1.0'],
    ['{"cniVersion":""}', 'v1.0.0', 'v1.0.0'],
  ] as const) {
    assert.throws(() => parseResultText(json, conf), (e: unknown) => {
      assert.ok(e instanceof CniError);
      assert.equal(e.id, 'RESULT_VERSION_UNSUPPORTED');
      assert.equal(e.code, 1);
      assert.equal(e.msg, `unsupported CNI result version "${v}"`);
      return true;
    });
  }
});
