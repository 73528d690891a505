// cni.md §5.3 cases 20 and 21: no capability args, and a list without a version.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPluginStdin, parseConfList } from '../../../src/cni/config/index.ts';

test('no capability args: only name and cniVersion are added (case 20)', () => {
  const list = parseConfList('{"cniVersion":"1.0.0","name":"my.net-1","plugins":[{"type":"pA"}]}');
  const out = buildPluginStdin(list, list.plugins[0], 'ADD');
  assert.deepEqual(JSON.parse(out), { cniVersion: '1.0.0', name: 'my.net-1', type: 'pA' });
  assert.deepEqual(JSON.parse(buildPluginStdin(list, list.plugins[0], 'ADD', { capabilityArgs: {} })), JSON.parse(out));
});

test('a list without version sends cniVersion "" (case 21)', () => {
  const list = parseConfList('{"name":"net1","plugins":[{"type":"pA"}]}');
  assert.deepEqual(JSON.parse(buildPluginStdin(list, list.plugins[0], 'DEL')), { cniVersion: '', name: 'net1', type: 'pA' });
});
