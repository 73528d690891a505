import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { arrayElements, memberRaw, objectMembers, spliceObject } from '../../src/cni/raw-json.ts';

test('members and elements are returned exactly as written', () => {
  const t = ' { "a" : 12345678901234567890 , "b\\u0041":{"x":[1, "]}"]},"c":"}\\"", "a":1.0 } ';
  assert.deepEqual(objectMembers(t).map((m) => [m.key, m.raw]), [
    ['a', '12345678901234567890'], ['bA', '{"x":[1, "]}"]}'], ['c', '"}\\""'], ['a', '1.0'],
  ]);
  assert.equal(memberRaw(t, 'a'), '1.0');
  assert.deepEqual(arrayElements('[ {"a":[]} , 2,"x" ,[[]]]'), ['{"a":[]}', '2', '"x"', '[[]]']);
  assert.deepEqual(arrayElements('[ ]'), []);
  assert.deepEqual(objectMembers('{}'), []);
});

test('spliceObject sets owned keys in place, appends new ones, drops duplicates of set keys', () => {
  const t = '{"name":"old","big":12345678901234567890,"name":"dup","keep":"\\u003c"}';
  assert.equal(
    spliceObject(t, { name: '"net1"', cniVersion: '"1.0.0"', gone: undefined }),
    '{"name":"net1","big":12345678901234567890,"keep":"\\u003c","cniVersion":"1.0.0"}',
  );
  assert.equal(spliceObject('{"a":1,"b":2}', { a: undefined }), '{"b":2}');
});

test('property: splicing never changes a member it was not asked to touch', () => {
  const key = fc.string({ maxLength: 6 });
  fc.assert(fc.property(fc.dictionary(key, fc.jsonValue()), fc.dictionary(key, fc.jsonValue()), (obj, set) => {
    const text = JSON.stringify(obj, null, 1);
    const raw: Record<string, string> = {};
    for (const [k, v] of Object.entries(set)) raw[k] = JSON.stringify(v);
    const out = spliceObject(text, raw);
    const before = new Map(objectMembers(text).map((m) => [m.key, m.raw]));
    for (const m of objectMembers(out)) {
      if (Object.hasOwn(set, m.key)) assert.equal(m.raw, raw[m.key]);
      else assert.equal(m.raw, before.get(m.key));
    }
    assert.deepEqual(JSON.parse(out), { ...JSON.parse(text), ...JSON.parse(JSON.stringify(set)) });
  }));
});
