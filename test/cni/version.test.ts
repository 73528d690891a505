// cni.md §5.10
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareVersions, parseVersion, versionAtLeast } from '../../src/cni/version.ts';

test('version strings parse and compare as libcni does', () => {
  assert.ok(versionAtLeast('', '0.1.0'));
  assert.deepEqual(parseVersion('1'), [1, 0, 0]);
  assert.deepEqual(parseVersion('1.1'), [1, 1, 0]);
  assert.ok(versionAtLeast('1.1', '1.0.5'));
  assert.equal(compareVersions('0.10.0', '0.4.0'), 1);
  assert.equal(compareVersions('1.0.0', '1'), 0);
  assert.throws(() => parseVersion('v1.0.0'), /failed to convert major version part "v1"/);
  assert.throws(() => parseVersion('1.0.0.0'), /invalid version "1.0.0.0": too many parts/);
  assert.throws(() => parseVersion('1.0.0-rc1'), /failed to convert micro version part "0-rc1"/);
  assert.throws(() => parseVersion('1..0'), /failed to convert minor version part ""/);
});
