import { test } from 'node:test';
import assert from 'node:assert/strict';
import { injectCniArgs } from '../../src/multus/delegate-conf.ts';
import { throwsCni } from './helpers.ts';

test('S20: merged into an existing args.cni, the selection winning', () => {
  const out = injectCniArgs('{"name":"n","type":"t","args":{"cni":{"args0":"val0","args1":"val1"}}}', '{"args1":"val1a"}');
  assert.deepEqual(JSON.parse(out).args.cni, { args0: 'val0', args1: 'val1a' });
});

test('S21: every plugin of a conflist gets them', () => {
  const out = injectCniArgs('{"name":"second-network","plugins":[{"type":"bridge"},{"type":"tuning","args":{"other":1}}]}', '{"args1":"val1"}');
  const doc = JSON.parse(out);
  assert.deepEqual(doc.plugins[0].args, { cni: { args1: 'val1' } });
  assert.deepEqual(doc.plugins[1].args, { other: 1, cni: { args1: 'val1' } });
});

test('unknown keys and exact values survive; cni-args values are copied as written', () => {
  const out = injectCniArgs('{"type":"t","weird":{"x":12345678901234567890},"args":{"k8s":"v"}}', '{"big": 1e400, "s":"\\u00e9"}');
  assert.equal(out, '{"type":"t","weird":{"x":12345678901234567890},"args":{"k8s":"v","cni":{"big": 1e400, "s":"\\u00e9"}}}');
});

test('a non-object args/args.cni is an error (Go crashes)', () => {
  throwsCni(() => injectCniArgs('{"type":"t","args":null}', '{"a":1}'), "addCNIArgsInConfig(): 'args' must be a JSON object to add cni-args");
  throwsCni(() => injectCniArgs('{"type":"t","args":{"cni":"x"}}', '{"a":1}'), "addCNIArgsInConfig(): 'args.cni' must be a JSON object to add cni-args");
  throwsCni(() => injectCniArgs('{"name":"l","plugins":[1]}', '{"a":1}'), 'addCNIArgsInConfList(): unable to typecast plugin #0');
});
