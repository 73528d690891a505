// cni.md §2.3 ConfFiles: non-recursive, files only, last extension matches, sorted by name bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { confFiles } from '../../../src/cni/config/index.ts';
import { cniErrPrefix, confDir } from './helpers.ts';

test('lists matching files sorted, skipping directories and other extensions', async (t) => {
  const dir = await confDir(t, {
    'b.conf': '', 'a.conf': '', '10.json': '', 'x.conf.bak': '', 'y.conflist': '', '.conf': '', 'noext': '',
    'sub/inner.conf': '', '\u{1F600}.conf': '', '\uFFFD.conf': '',
  });
  await mkdir(path.join(dir, 'd.conf'));
  assert.deepEqual(
    (await confFiles(dir, ['.conf', '.json'])).map((f) => path.basename(f)),
    // Go's filepath.Ext(".conf") is ".conf"; U+FFFD sorts before U+1F600 as UTF-8 bytes.
    ['.conf', '10.json', 'a.conf', 'b.conf', '\uFFFD.conf', '\u{1F600}.conf'],
  );
  assert.deepEqual(await confFiles(dir, ['.conflist']), [path.join(dir, 'y.conflist')]);
});

test('a missing directory is empty; a file in its place is an I/O error naming it', async (t) => {
  const dir = await confDir(t, { 'file': '' });
  assert.deepEqual(await confFiles(path.join(dir, 'nope'), ['.conf']), []);
  await assert.rejects(confFiles(path.join(dir, 'file'), ['.conf']), cniErrPrefix('CONFIG_IO', `error reading directory ${path.join(dir, 'file')}: `));
});

test('a symlink to a directory is listed like a file (Go DirEntry.IsDir is false for it)', async (t) => {
  const dir = await confDir(t, { 'real/x.conf': '' });
  await symlink(path.join(dir, 'real'), path.join(dir, 'link.conf'));
  assert.deepEqual(await confFiles(dir, ['.conf']), [path.join(dir, 'link.conf')]);
});
