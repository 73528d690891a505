// cni.md §5.2 case 11, §2.3 item 2: plugins of the sibling folder <dir>/<name>/*.conf are appended.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { loadConfList, loadConfListFile } from '../../../src/cni/config/index.ts';
import { cniErr, confDir } from './helpers.ts';

const SIBLINGS = {
  'listB/20-x.conf': '{"type":"extra2"}',
  'listB/10-y.conf': '{"type":"extra1","name":"ignored"}',
  'listB/30-z.json': '{"type":"json-ignored"}',
};

test('sibling .conf files follow the inlined plugins in name order; .json is ignored', async (t) => {
  const dir = await confDir(t, { '10-b.conflist': '{"cniVersion":"1.0.0","name":"listB","plugins":[{"type":"a"}]}', ...SIBLINGS });
  const l = await loadConfList(dir, 'listB');
  assert.deepEqual(l.plugins.map((p) => p.type), ['a', 'extra1', 'extra2']);
  assert.equal(l.plugins[1].raw, '{"type":"extra1","name":"ignored"}');
  assert.equal(l.source, path.join(dir, '10-b.conflist'));
  assert.deepEqual((await loadConfListFile(path.join(dir, '10-b.conflist'))).plugins.map((p) => p.type), ['a', 'extra1', 'extra2']);
});

test('loadOnlyInlinedPlugins keeps only the inlined plugins', async (t) => {
  const dir = await confDir(t, {
    '10-b.conflist': '{"cniVersion":"1.0.0","name":"listB","loadOnlyInlinedPlugins":true,"plugins":[{"type":"a"}]}', ...SIBLINGS,
  });
  assert.deepEqual((await loadConfList(dir, 'listB')).plugins.map((p) => p.type), ['a']);
});

test('a list without plugins takes them all from its folder', async (t) => {
  const dir = await confDir(t, { '10-b.conflist': '{"cniVersion":"1.0.0","name":"listB"}', ...SIBLINGS });
  assert.deepEqual((await loadConfList(dir, 'listB')).plugins.map((p) => p.type), ['extra1', 'extra2']);
});

test('a broken sibling file aborts the load and is named', async (t) => {
  const dir = await confDir(t, { '10-b.conflist': '{"name":"listB","plugins":[{"type":"a"}]}', 'listB/1.conf': '{"name":"no-type"}' });
  await assert.rejects(loadConfList(dir, 'listB'),
    cniErr('CONFIG_INVALID', `${path.join(dir, 'listB', '1.conf')}: error parsing configuration: missing 'type'`));
});

test('an empty list name never makes the config dir its own sibling folder (deviation)', async (t) => {
  const dir = await confDir(t, { '10-e.conflist': '{"name":"","plugins":[{"type":"a"}]}', '20-x.conf': '{"type":"stray","name":"x"}' });
  assert.deepEqual((await loadConfList(dir, '')).plugins.map((p) => p.type), ['a']);
});
