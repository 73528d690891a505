// Multus' logOptions: rotation by size, a bounded number of gzip'd backups; the current file always
// holds the newest lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { RotatingFile } from '../../src/util/rotating-file.ts';
import { jsonLogger } from '../../src/util/logger.ts';
import { tempDir } from '../support/tmp.ts';

test('rotates past maxSize, keeps maxBackups compressed backups', async (t) => {
  const dir = tempDir(t);
  const f = new RotatingFile(join(dir, 'multus.log'), { maxSize: 100 / (1024 * 1024), maxBackups: 2, compress: true });
  for (let i = 0; i < 10; i++) {
    f.write(`${'x'.repeat(60)} line ${i}\n`);
    await new Promise((r) => setTimeout(r, 2)); // distinct rotation timestamps
  }
  const files = readdirSync(dir).sort();
  const backups = files.filter((n) => n.endsWith('.gz'));
  assert.equal(backups.length, 2);
  assert.ok(files.includes('multus.log'));
  assert.match(readFileSync(join(dir, 'multus.log'), 'utf8'), /line 9\n$/);
  assert.match(gunzipSync(readFileSync(join(dir, backups[1]))).toString(), /line 8\n$/);
});

test('the JSON logger filters by Multus level and carries child fields on every line', (t) => {
  const dir = tempDir(t);
  const log = jsonLogger({ level: 'verbose', toStderr: false, file: join(dir, 'l.log') }).child({ pod: 'ns/p', container: 'c1' });
  log.debug('hidden');
  log.verbose('shown', { step: 1 });
  log.error('also shown');
  const lines = readFileSync(join(dir, 'l.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(lines.map((l) => [l.level, l.msg, l.pod, l.container]), [['verbose', 'shown', 'ns/p', 'c1'], ['error', 'also shown', 'ns/p', 'c1']]);
  assert.equal(lines[0].step, 1);
});
