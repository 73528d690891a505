// cni.md §2.4 "Keys to inject": libcni InjectConf, on text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { injectConf } from '../../../src/cni/config/index.ts';
import { cniErr } from './helpers.ts';

test('sets keys in place or appends them, leaving the rest as written', () => {
  const raw = '{"type":"a", "name":"old","big":12345678901234567890}';
  assert.equal(injectConf(raw, { name: 'new', args: { cni: { ips: ['10.0.0.1'] } }, __proto__x: 0 }),
    '{"type":"a","name":"new","big":12345678901234567890,"args":{"cni":{"ips":["10.0.0.1"]}},"__proto__x":0}');
  // An own key called __proto__ is set like any other.
  assert.equal(injectConf('{}', JSON.parse('{"__proto__":1}')), '{"__proto__":1}');
});

test('empty keys and nil values are refused with libcni messages', () => {
  assert.throws(() => injectConf('{"type":"a"}', { '': 1 }), cniErr('INJECT_INVALID', 'keys cannot be empty'));
  assert.throws(() => injectConf('{"type":"a"}', { k: null }), cniErr('INJECT_INVALID', "key 'k' value must not be nil"));
  assert.throws(() => injectConf('{"type":"a"}', { k: undefined }), cniErr('INJECT_INVALID', "key 'k' value must not be nil"));
  assert.throws(() => injectConf('{"type":"a"}', { k: () => 1 }), { id: 'INJECT_INVALID' });
  assert.throws(() => injectConf('[1]', { k: 1 }), { id: 'CONFIG_PARSE' });
});
