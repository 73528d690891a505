// cni.md §2.2 rule 5, §6 item 10: list booleans accept JSON bools and "true"/"false" in any case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfList } from '../../../src/cni/config/index.ts';
import { cniErr } from './helpers.ts';

const KEYS = ['disableCheck', 'disableGC', 'loadOnlyInlinedPlugins'] as const;
const parse = (key: string, v: string) => parseConfList(`{"name":"n","${key}":${v},"plugins":[{"type":"a"}]}`);

test('absent, bool and case-insensitive string values', () => {
  const none = parseConfList('{"name":"n","plugins":[{"type":"a"}]}');
  for (const key of KEYS) {
    assert.equal(none[key], false);
    assert.equal(parse(key, 'true')[key], true);
    assert.equal(parse(key, 'false')[key], false);
    assert.equal(parse(key, '"true"')[key], true);
    assert.equal(parse(key, '"True"')[key], true);
    assert.equal(parse(key, '"TRUE"')[key], true);
    assert.equal(parse(key, '"false"')[key], false);
    assert.equal(parse(key, '"FaLsE"')[key], false);
  }
});

test('other strings and other types are rejected, naming the key', () => {
  for (const key of KEYS) {
    assert.throws(() => parse(key, '"Yes"'), cniErr('CONFIG_INVALID', `error parsing configuration list: invalid value "yes" for ${key}`));
    assert.throws(() => parse(key, '1'), cniErr('CONFIG_PARSE', `error parsing configuration list: invalid type number for ${key}`));
    assert.throws(() => parse(key, 'null'), cniErr('CONFIG_PARSE', `error parsing configuration list: invalid type null for ${key}`));
  }
});
