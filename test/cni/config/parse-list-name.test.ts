// cni.md §5.1 case 5, §2.2 rule 2: the list name must exist and be a string; "" is accepted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfList } from '../../../src/cni/config/index.ts';
import { cniErr, cniErrPrefix } from './helpers.ts';

test('a missing or non-string name is rejected, an empty one is accepted', () => {
  assert.throws(() => parseConfList('{"cniVersion":"1.0.0","plugins":[{"type":"a"}]}'),
    cniErr('CONFIG_INVALID', 'error parsing configuration list: no name'));
  assert.throws(() => parseConfList('{"name":5,"plugins":[{"type":"a"}]}'),
    cniErr('CONFIG_PARSE', 'error parsing configuration list: invalid name type number'));
  assert.throws(() => parseConfList('{"name":null,"plugins":[{"type":"a"}]}'),
    cniErr('CONFIG_PARSE', 'error parsing configuration list: invalid name type null'));
  assert.equal(parseConfList('{"cniVersion":"1.0.0","name":"","plugins":[{"type":"a"}]}').name, '');
});

test('text that is not a JSON object fails first, naming the source when known', () => {
  assert.throws(() => parseConfList('{"name":'), cniErrPrefix('CONFIG_PARSE', 'error parsing configuration list: '));
  assert.throws(() => parseConfList(''), cniErrPrefix('CONFIG_PARSE', 'error parsing configuration list: '));
  assert.throws(() => parseConfList('[]'),
    cniErr('CONFIG_PARSE', 'error parsing configuration list: json: cannot unmarshal array into a configuration list object'));
  // Go decodes null into an empty map, so the name rule reports it.
  assert.throws(() => parseConfList('null'), cniErr('CONFIG_INVALID', 'error parsing configuration list: no name'));
  assert.throws(() => parseConfList('{}', '/etc/cni/net.d/10-x.conflist'),
    cniErr('CONFIG_INVALID', '/etc/cni/net.d/10-x.conflist: error parsing configuration list: no name'));
});
