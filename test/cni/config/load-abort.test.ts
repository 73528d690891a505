// cni.md §2.3 item 1, §6 item 10: conflists are parsed in name order until one matches, and any file
// that cannot be read or parsed on the way aborts the load, naming that file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { loadConfList } from '../../../src/cni/config/index.ts';
import { cniErr, cniErrPrefix, confDir } from './helpers.ts';

const WANTED = '{"cniVersion":"1.0.0","name":"want","plugins":[{"type":"a"}]}';

test('a broken conflist before the wanted one aborts, naming the file', async (t) => {
  const dir = await confDir(t, { '10-bad.conflist': '{"name":"bad",', '20-want.conflist': WANTED });
  await assert.rejects(loadConfList(dir, 'want'), cniErrPrefix('CONFIG_PARSE', `${path.join(dir, '10-bad.conflist')}: error parsing configuration list: `));
});

test('an invalid conflist before the wanted one aborts too', async (t) => {
  const dir = await confDir(t, { '10-bad.conflist': '{"name":"bad","disableCheck":"maybe","plugins":[{"type":"a"}]}', '20-want.conflist': WANTED });
  await assert.rejects(loadConfList(dir, 'want'),
    cniErr('CONFIG_INVALID', `${path.join(dir, '10-bad.conflist')}: error parsing configuration list: invalid value "maybe" for disableCheck`));
});

test('a pluginless conflist before the wanted one aborts (libcni loads each file whole)', async (t) => {
  const dir = await confDir(t, { '10-empty.conflist': '{"name":"empty"}', '20-want.conflist': WANTED });
  await assert.rejects(loadConfList(dir, 'want'), cniErr('CONFIG_INVALID', `${path.join(dir, '10-empty.conflist')}: no plugin configs found`));
});

test('files after the match are never read', async (t) => {
  const dir = await confDir(t, { '10-want.conflist': WANTED, '20-bad.conflist': 'garbage', '30-bad.conf': 'garbage' });
  assert.equal((await loadConfList(dir, 'want')).name, 'want');
});

test('an unreadable entry (a symlink to a directory) is a read error naming it', async (t) => {
  const dir = await confDir(t, { '20-want.conflist': WANTED });
  await mkdir(path.join(dir, 'real'));
  await symlink(path.join(dir, 'real'), path.join(dir, '10-link.conflist'));
  await assert.rejects(loadConfList(dir, 'want'), cniErrPrefix('CONFIG_IO', `error reading ${path.join(dir, '10-link.conflist')}: `));
});
