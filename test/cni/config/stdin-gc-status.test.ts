// cni.md §2.4 GC and STATUS paragraphs, §1.5 GC: what GC and STATUS plugins read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPluginStdin, parseConfList } from '../../../src/cni/config/index.ts';
import { L3, R_CANON, RT_CAPABILITY_ARGS } from './fixtures.ts';

const list = parseConfList(L3('1.1.0'));
const all = { capabilityArgs: RT_CAPABILITY_ARGS, prevResult: R_CANON };

test('GC gets both attachment keys with the same array, never runtimeConfig/prevResult injection', () => {
  const att = [{ containerID: 'c1', ifname: 'eth0' }, { containerID: 'c2', ifname: 'net1', extra: 'dropped' }];
  const out = JSON.parse(buildPluginStdin(list, list.plugins[1], 'GC', { ...all, validAttachments: att }));
  const want = [{ containerID: 'c1', ifname: 'eth0' }, { containerID: 'c2', ifname: 'net1' }];
  assert.deepEqual(out, {
    type: 'pB', capabilities: { mac: true }, name: 'net1', cniVersion: '1.1.0',
    'cni.dev/valid-attachments': want, 'cni.dev/attachments': want,
  });
  // File-provided keys pass through untouched.
  assert.deepEqual(JSON.parse(buildPluginStdin(list, list.plugins[0], 'GC')).runtimeConfig, { static: true });
  assert.deepEqual(JSON.parse(buildPluginStdin(list, list.plugins[2], 'GC', all)).prevResult, { bogus: true });
});

test('GC: an empty list is sent as [], and no list (undefined or null) sends no keys', () => {
  const empty = JSON.parse(buildPluginStdin(list, list.plugins[1], 'GC', { validAttachments: [] }));
  assert.deepEqual(empty['cni.dev/valid-attachments'], []);
  assert.deepEqual(empty['cni.dev/attachments'], []);
  for (const validAttachments of [undefined, null]) {
    const out = JSON.parse(buildPluginStdin(list, list.plugins[1], 'GC', { validAttachments }));
    assert.deepEqual(out, { type: 'pB', capabilities: { mac: true }, name: 'net1', cniVersion: '1.1.0' });
  }
});

test('STATUS gets only name and cniVersion on top of the object', () => {
  for (const p of list.plugins) {
    const out = JSON.parse(buildPluginStdin(list, p, 'STATUS', { ...all, validAttachments: [] }));
    assert.deepEqual(out, { ...JSON.parse(p.raw), name: 'net1', cniVersion: '1.1.0' });
  }
});
