import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMultusConf } from '../../src/multus/netconf.ts';

test('static delegates keep their exact text (big numbers, key order, spacing, escapes)', () => {
  const d0 = '{ "type" : "weave-net", "name":"weave1", "big": 12345678901234567890, "x":"\\u003c" }';
  const d1 = '{"cniVersion":"1.0.0","name":"other","plugins":[{"type":"bridge","mtu":1.0}]}';
  const c = parseMultusConf(`{"name":"n","delegates":[${d0} ,\n ${d1}]}`);
  assert.equal(c.delegates.length, 2);
  assert.equal(c.delegates[0].bytes, d0);
  assert.equal(c.delegates[1].bytes, d1);
  assert.equal(c.delegates[0].isConfList, false);
  assert.equal(c.delegates[0].name, 'weave1');
  assert.equal(c.delegates[1].isConfList, true);
  assert.equal(c.delegates[1].name, 'other');
  assert.equal(c.delegates[1].cniVersion, '1.0.0');
});
