// 00-multus.conf is replaced whole (mode 0600), never empty, and not rewritten when unchanged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { copyUserConfig, multusConfPath, removeMultusConf, writeConfIfChanged } from '../../../src/daemon/config/writer.ts';
import { CniError } from '../../../src/errors/catalogue.ts';
import { put, sleep, tempDir } from './helpers.ts';

test('written atomically with mode 0600, no temp file left', async (t) => {
  const dir = tempDir(t);
  const f = multusConfPath(dir);
  assert.equal(await writeConfIfChanged(f, '{"a":1}'), true);
  assert.equal(readFileSync(f, 'utf8'), '{"a":1}');
  assert.equal(statSync(f).mode & 0o777, 0o600);
  assert.deepEqual(readdirSync(dir), ['00-multus.conf']);
  const ino = statSync(f).ino;
  assert.equal(await writeConfIfChanged(f, '{"a":2}'), true);
  assert.notEqual(statSync(f).ino, ino, 'replaced by rename, not rewritten in place');
});

test('unchanged content is not rewritten: same inode, same mtime', async (t) => {
  const dir = tempDir(t);
  const f = multusConfPath(dir);
  await writeConfIfChanged(f, '{"a":1}');
  const before = statSync(f);
  await sleep(20);
  assert.equal(await writeConfIfChanged(f, '{"a":1}'), false);
  const after = statSync(f);
  assert.equal(after.ino, before.ino);
  assert.equal(after.mtimeMs, before.mtimeMs);
});

test('an empty text is refused and the file stays', async (t) => {
  const dir = tempDir(t);
  const f = multusConfPath(dir);
  await writeConfIfChanged(f, '{"a":1}');
  await assert.rejects(writeConfIfChanged(f, ''), (e: unknown) => e instanceof CniError && e.message.includes('refusing to write an empty'));
  await assert.rejects(writeConfIfChanged(f, ' \n'), CniError);
  assert.equal(readFileSync(f, 'utf8'), '{"a":1}');
});

test('remove only when asked; a missing file is fine', async (t) => {
  const dir = tempDir(t);
  await writeConfIfChanged(multusConfPath(dir), '{"a":1}');
  assert.equal(await removeMultusConf(dir), true);
  assert.equal(await removeMultusConf(dir), false);
});

test('non-auto mode: the user file is copied under its own name, atomically', async (t) => {
  const src = tempDir(t);
  const dst = tempDir(t);
  const f = put(src, '70-multus.conf', '{"type":"multus-shim"}');
  assert.deepEqual(await copyUserConfig(f, dst), { path: `${dst}/70-multus.conf`, written: true });
  assert.equal(readFileSync(`${dst}/70-multus.conf`, 'utf8'), '{"type":"multus-shim"}');
  assert.deepEqual(await copyUserConfig(f, dst), { path: `${dst}/70-multus.conf`, written: false });
  put(src, 'empty.conf', '');
  await assert.rejects(copyUserConfig(`${src}/empty.conf`, dst), /is empty/);
});
