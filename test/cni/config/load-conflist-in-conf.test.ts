// cni.md §5.2 case 14: a conflist saved as .conf is not a plugin object, and aborts the fallback search.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { loadConfList } from '../../../src/cni/config/index.ts';
import { cniErr, confDir } from './helpers.ts';

test('loading "jsonnet" fails on the conflist placed in a .conf before it', async (t) => {
  const dir = await confDir(t, {
    '50-list-in-conf.conf': '{"cniVersion":"1.0.0","name":"inconf","plugins":[{"type":"a"}]}',
    '99-z.json': '{"cniVersion":"0.3.1","name":"jsonnet","type":"ptp"}',
  });
  await assert.rejects(loadConfList(dir, 'jsonnet'),
    cniErr('CONFIG_INVALID', `${path.join(dir, '50-list-in-conf.conf')}: error parsing configuration: missing 'type'`));
});
