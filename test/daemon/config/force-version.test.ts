// S105: forceCNIVersion rewrites the primary file's cniVersion — here by splicing that one member and
// replacing the file atomically with its own mode.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, statSync } from 'node:fs';
import { forcePrimaryVersion } from '../../../src/daemon/config/generate.ts';
import { put, tempDir } from './helpers.ts';

test('S105: rewriting a config\'s version to 1.1.1', async (t) => {
  const dir = tempDir(t);
  const f = put(dir, '00-mycni.conf', '{"cniVersion": "0.4.0", "name": "mycni-name", "type": "mycni", "big": 12345678901234567890}');
  chmodSync(f, 0o644);
  assert.equal(await forcePrimaryVersion(f, '1.1.1'), true);
  const text = readFileSync(f, 'utf8');
  assert.equal(JSON.parse(text).cniVersion, '1.1.1');
  assert.ok(text.includes('12345678901234567890'), 'other members keep their bytes');
  assert.equal(statSync(f).mode & 0o777, 0o644);
});

test('a primary already at our version is not touched', async (t) => {
  const dir = tempDir(t);
  const f = put(dir, '10-a.conf', '{"cniVersion":"1.1.1"}');
  const ino = statSync(f).ino;
  assert.equal(await forcePrimaryVersion(f, '1.1.1'), false);
  assert.equal(statSync(f).ino, ino);
});
