// loadConfListFile: one file, chosen by extension (.conflist = list, anything else = plugin object).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { loadConfListFile } from '../../../src/cni/config/index.ts';
import { cniErr, cniErrPrefix, confDir } from './helpers.ts';

test('a .conflist is a list; a .conf is wrapped; errors name the file', async (t) => {
  const dir = await confDir(t, {
    'a.conflist': '{"cniVersion":"1.0.0","name":"a","disableCheck":"true","plugins":[{"type":"x"}]}',
    'b.conf': '{"cniVersion":"1.0.0","name":"b","type":"y"}',
    'c.conf': '{"cniVersion":"1.0.0","name":"c","plugins":[{"type":"x"}]}',
  });
  const a = await loadConfListFile(path.join(dir, 'a.conflist'));
  assert.equal(a.disableCheck, true);
  assert.equal(a.source, path.join(dir, 'a.conflist'));
  const b = await loadConfListFile(path.join(dir, 'b.conf'));
  assert.deepEqual([b.name, b.plugins[0].type, b.source], ['b', 'y', path.join(dir, 'b.conf')]);
  await assert.rejects(loadConfListFile(path.join(dir, 'c.conf')),
    cniErr('CONFIG_INVALID', `${path.join(dir, 'c.conf')}: error parsing configuration: missing 'type'`));
  await assert.rejects(loadConfListFile(path.join(dir, 'none.conflist')), cniErrPrefix('CONFIG_IO', `error reading ${path.join(dir, 'none.conflist')}: ENOENT`));
});
