// cni.md §5.1 case 9: libcni re-serialises plugin objects with sorted keys; we keep each object's
// original text instead (semantically the same object), and the list's text is the input unchanged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfList } from '../../../src/cni/config/index.ts';

test('plugin raw text is the element as written; list raw is the input', () => {
  const text = '{"cniVersion":"1.0.0","name":"n","plugins":[ {"type":"a","zeta":1,"alpha":{"b":2,"a":1}} ,\n{"type":"b","big":12345678901234567890,"s":"\\u003c"}]}';
  const l = parseConfList(text);
  assert.equal(l.raw, text);
  assert.equal(l.plugins[0].raw, '{"type":"a","zeta":1,"alpha":{"b":2,"a":1}}');
  assert.deepEqual(JSON.parse(l.plugins[0].raw), JSON.parse('{"alpha":{"a":1,"b":2},"type":"a","zeta":1}')); // Go's bytes
  assert.equal(l.plugins[1].raw, '{"type":"b","big":12345678901234567890,"s":"\\u003c"}');
  assert.equal(l.source, undefined);
  assert.equal(parseConfList(text, '/x.conflist').source, '/x.conflist');
});

test('a repeated plugins key: the last one counts, as JSON.parse decides', () => {
  const l = parseConfList('{"name":"n","plugins":[{"type":"first"}],"plugins":[{"type":"second","k":1}]}');
  assert.deepEqual(l.plugins.map((p) => [p.type, p.raw]), [['second', '{"type":"second","k":1}']]);
});
