// cni.md §5.2 case 15, §2.3 item 4: the two not-found messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { loadConfList } from '../../../src/cni/config/index.ts';
import { cniErr, confDir } from './helpers.ts';

test('missing or empty dir: no net configurations found', async (t) => {
  const empty = await confDir(t, { 'README': 'x', 'sub/10-x.conflist': '{"name":"x","plugins":[{"type":"a"}]}' });
  const missing = path.join(empty, 'missing');
  await assert.rejects(loadConfList(missing, 'x'), cniErr('CONFIG_NOT_FOUND', `no net configurations found in ${missing}`));
  await assert.rejects(loadConfList(empty, 'x'), cniErr('CONFIG_NOT_FOUND', `no net configurations found in ${empty}`));
});

test('files exist but none has the name: no net configuration with name', async (t) => {
  const onlyList = await confDir(t, { '10-b.conflist': '{"cniVersion":"1.0.0","name":"listB","plugins":[{"type":"a"}]}' });
  await assert.rejects(loadConfList(onlyList, 'x'), cniErr('CONFIG_NOT_FOUND', `no net configuration with name "x" in ${onlyList}`));
  const onlyConf = await confDir(t, { '05-a.conf': '{"name":"single","type":"bridge"}', '06.json': '{"type":"nameless"}' });
  await assert.rejects(loadConfList(onlyConf, 'x'), cniErr('CONFIG_NOT_FOUND', `no net configuration with name "x" in ${onlyConf}`));
});
