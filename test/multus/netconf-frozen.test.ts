import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSystemNamespace, parseMultusConf } from '../../src/multus/netconf.ts';

test('the parsed config is deeply frozen', () => {
  const c = parseMultusConf('{"name":"n","delegates":[{"type":"a"}],"runtimeConfig":{"portMappings":[{"hostPort":1,"containerPort":2}]}}');
  assert.ok(Object.isFrozen(c));
  assert.ok(Object.isFrozen(c.delegates[0]));
  assert.ok(Object.isFrozen(c.systemNamespaces));
  assert.ok(Object.isFrozen(c.runtimeConfig?.portMappings?.[0]));
  assert.throws(() => {
    (c.systemNamespaces as string[]).push('x');
  }, TypeError);
});

test('S14: system namespace membership is exact', () => {
  assert.equal(isSystemNamespace('foobar', ['barfoo', 'bafoo', 'foobar']), true);
  assert.equal(isSystemNamespace('foobar1', ['barfoo', 'bafoo', 'foobar']), false);
});
