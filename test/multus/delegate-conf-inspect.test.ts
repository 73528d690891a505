import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspectDelegateConf, isConfList } from '../../src/multus/delegate-conf.ts';

test('a config is a conflist exactly when it has no non-empty `type` (Go\'s rule, keys case-insensitive)', () => {
  assert.equal(isConfList('{"name":"l","plugins":[{"type":"a"}]}'), true);
  assert.equal(isConfList('{"type":"","plugins":[{"type":"a"}]}'), true);
  assert.equal(isConfList('{"type":"bridge"}'), false);
  assert.equal(isConfList('{"Type":"bridge"}'), false);
});

test('inspect gives name, type and cniVersion', () => {
  assert.deepEqual(inspectDelegateConf('{"cniVersion":"1.0.0","name":"weave1","type":"weave-net"}'),
    { isConfList: false, name: 'weave1', type: 'weave-net', cniVersion: '1.0.0' });
  assert.deepEqual(inspectDelegateConf('{"cniVersion":"0.4.0","name":"l","plugins":[{"type":"a","cniVersion":"9"}]}'),
    { isConfList: true, name: 'l', type: '', cniVersion: '0.4.0' });
});
