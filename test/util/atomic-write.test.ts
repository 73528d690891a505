// writeFileAtomic: the file appears whole with the asked mode, no temp file stays behind, temp names
// are the ones start-up recovery sweeps, and a temp-name clash is retried instead of failing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { tempSibling, writeFileAtomic } from '../../src/util/atomic-write.ts';
import { TEMP_FILE } from '../../src/daemon/recovery.ts';
import { tempDir } from '../support/tmp.ts';

test('the file is written whole with its mode, over an old one, and no temp file is left', async (t) => {
  const d = tempDir(t);
  const f = join(d, 'cache');
  writeFileSync(f, 'old');
  await writeFileAtomic(f, '{"new":true}', 0o640);
  assert.equal(readFileSync(f, 'utf8'), '{"new":true}');
  assert.equal(statSync(f).mode & 0o777, 0o640);
  assert.deepEqual(readdirSync(d), ['cache']);
});

test('temp names match the pattern recovery sweeps, and differ from call to call', () => {
  const names = Array.from({ length: 50 }, () => basename(tempSibling('/x/results/net-cid-eth0')));
  for (const n of names) assert.match(n, TEMP_FILE);
  assert.equal(new Set(names).size, names.length);
});

test('a temp name that already exists is not reused: the next name is tried', async (t) => {
  const d = tempDir(t);
  const f = join(d, 'cache');
  const draws = [0.25, 0.25, 0.5];
  t.mock.method(Math, 'random', () => draws.shift() ?? 0.75);
  const clash = tempSibling(f); // consumes the first 0.25: the name the write will draw first
  writeFileSync(clash, 'someone else\'s');
  await writeFileAtomic(f, 'mine');
  assert.equal(readFileSync(f, 'utf8'), 'mine');
  assert.equal(readFileSync(clash, 'utf8'), 'someone else\'s', 'the clashing file is untouched');
  assert.deepEqual(readdirSync(d).sort(), [basename(clash), 'cache'].sort());
});
