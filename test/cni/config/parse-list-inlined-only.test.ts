// cni.md §5.1 case 8, §2.2 rule 6: a list without `plugins`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { loadConfListFile, parseConfList } from '../../../src/cni/config/index.ts';
import { cniErr, confDir } from './helpers.ts';

test('loadOnlyInlinedPlugins without plugins is an error; without the flag the list is empty', async (t) => {
  assert.throws(() => parseConfList('{"cniVersion":"1.0.0","name":"n","loadOnlyInlinedPlugins":true}'),
    cniErr('CONFIG_INVALID', "error parsing configuration list: `loadOnlyInlinedPlugins` is true, and no 'plugins' key"));
  assert.deepEqual(parseConfList('{"cniVersion":"1.0.0","name":"n"}').plugins, []);

  const dir = await confDir(t, { '10-n.conflist': '{"cniVersion":"1.0.0","name":"n"}' });
  const file = path.join(dir, '10-n.conflist');
  await assert.rejects(loadConfListFile(file), cniErr('CONFIG_INVALID', `${file}: no plugin configs found`));
});
