// The temp-dir helper: gone after the test that made it, executables written with their mode.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { tempDir, writeExecutable } from './tmp.ts';

test('tempDir is removed after its test; writeExecutable sets the mode despite the umask', async (t) => {
  let dir = '';
  await t.test('inner', (st) => {
    dir = tempDir(st);
    assert.equal(statSync(writeExecutable(dir, 'x', '#!/bin/sh\n')).mode & 0o777, 0o755);
    assert.equal(statSync(writeExecutable(dir, 'y', 'data', 0o640)).mode & 0o777, 0o640);
    assert.ok(existsSync(dir));
  });
  assert.equal(existsSync(dir), false);
});
