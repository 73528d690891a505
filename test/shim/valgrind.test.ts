// Every scenario runs clean under valgrind memcheck. valgrind cannot follow a static glibc binary (it
// reports uninitialised reads inside glibc's own static start-up and cannot track its malloc), so this
// uses a dynamically linked build of the same source with the same warnings as errors.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../support/tmp.ts';
import { buildShim, hasCommand, runShim, SHIM_SOURCE } from './helper.ts';
import { scenarios } from './scenarios.ts';

const skip = buildShim() ?? (hasCommand('valgrind') ? undefined : 'valgrind is not installed');

test('valgrind --error-exitcode=2: no memory errors, no definite leaks, in any scenario', { skip, timeout: 180_000 }, async (t) => {
  const bin = path.join(tempDir(t, 'mts-shim-vg-'), 'multus-shim');
  const cc = spawnSync('gcc', ['-g', '-Os', '-Wall', '-Wextra', '-Werror', '-o', bin, SHIM_SOURCE], { encoding: 'utf8' });
  assert.equal(cc.status, 0, cc.stderr);
  const wrapper = ['valgrind', '-q', '--error-exitcode=2', '--leak-check=full', '--errors-for-leak-kinds=definite'];
  for (const s of await scenarios(t)) {
    const r = await runShim({ ...s.opts, binary: bin, wrapper });
    assert.doesNotMatch(r.stderr, /==\d+==/, `${s.name}: ${r.stderr}`);
    assert.equal(r.code, s.code, `${s.name}: ${r.stdout}`);
  }
});
