// cni.md §5.1 cases 2 and 3, §2.2 rule 4: version selection from cniVersion ∪ cniVersions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfList } from '../../../src/cni/config/index.ts';
import { cniErr } from './helpers.ts';

const P = '"plugins":[{"type":"a"}]';
const version = (head: string) => parseConfList(`{"name":"n",${head}${head ? ',' : ''}${P}}`).cniVersion;

test('cniVersions without cniVersion selects the highest entry (case 2)', () => {
  assert.equal(version('"cniVersions":["0.3.1","1.0.0"]'), '1.0.0');
  assert.equal(version('"cniVersions":["0.10.0","0.4.0"]'), '0.10.0'); // numeric, not lexical
});

test('versions above the implementation are dropped only when cniVersions is present (case 3)', () => {
  assert.equal(version('"cniVersion":"2.0.0","cniVersions":["1.0.0"]'), '1.0.0');
  assert.equal(version('"cniVersion":"2.0.0"'), '2.0.0');
  assert.equal(version('"cniVersion":"1.0.0","cniVersions":[]'), '1.0.0');
  assert.equal(version('"cniVersion":"0.4.0","cniVersions":["1.1.0","9.0.0"]'), '1.1.0');
  assert.equal(version('"cniVersion":"1.1.0","cniVersions":["0.3.1"]'), '1.1.0');
  // Every candidate too high: the version stays what cniVersion was.
  assert.equal(version('"cniVersion":"3.0.0","cniVersions":["2.0.0"]'), '3.0.0');
  assert.equal(version('"cniVersions":["2.0.0"]'), '');
  assert.equal(version(''), '');
  assert.equal(version('"cniVersion":"not-a-version"'), 'not-a-version'); // not validated without cniVersions
});

test('bad cniVersion / cniVersions are reported with libcni messages', () => {
  const parse = (head: string) => () => parseConfList(`{"name":"n",${head},${P}}`);
  assert.throws(parse('"cniVersion":1'), cniErr('CONFIG_PARSE', 'error parsing configuration list: invalid cniVersion type number'));
  assert.throws(parse('"cniVersions":"1.0.0"'), cniErr('CONFIG_PARSE', 'error parsing configuration list: invalid type for cniVersions: string'));
  assert.throws(parse('"cniVersions":["1.0.0",1]'), cniErr('CONFIG_PARSE', 'error parsing configuration list: invalid type for cniVersions index 1: number'));
  assert.throws(parse('"cniVersions":["1.0.0","v1"]'), cniErr('CONFIG_INVALID',
    'error parsing configuration list: invalid cniVersions entry v1 at index 1: failed to convert major version part "v1": strconv.Atoi: parsing "v1": invalid syntax'));
  assert.throws(parse('"cniVersion":"1.0.0.0","cniVersions":["1.0.0"]'), cniErr('CONFIG_INVALID',
    'error parsing configuration list: invalid cniVersion 1.0.0.0: invalid version "1.0.0.0": too many parts'));
});
