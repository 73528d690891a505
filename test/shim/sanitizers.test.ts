// Every scenario runs clean with AddressSanitizer and UndefinedBehaviorSanitizer (any report aborts):
// the shim must have no undefined behaviour on any input, not only compile without warnings.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../support/tmp.ts';
import { buildShim, runShim, SHIM_SOURCE } from './helper.ts';
import { scenarios } from './scenarios.ts';

const skip = buildShim();

test('ASan + UBSan: no reports in any scenario', { skip, timeout: 120_000 }, async (t) => {
  const bin = path.join(tempDir(t, 'mts-shim-san-'), 'multus-shim');
  const flags = ['-g', '-O1', '-Wall', '-Wextra', '-Werror', '-fsanitize=address,undefined', '-fno-sanitize-recover=all'];
  const cc = spawnSync('gcc', [...flags, '-o', bin, SHIM_SOURCE], { encoding: 'utf8' });
  if (cc.status !== 0 && /asan|ubsan|sanitize/i.test(cc.stderr)) return t.skip(`gcc cannot link the sanitizers: ${cc.stderr.trim()}`);
  assert.equal(cc.status, 0, cc.stderr);
  // Leak checking is valgrind's job (the shim exits without freeing, by design).
  const env = { ASAN_OPTIONS: 'detect_leaks=0:abort_on_error=0:exitcode=3', UBSAN_OPTIONS: 'print_stacktrace=1:halt_on_error=1:exitcode=3' };
  for (const s of await scenarios(t, env)) {
    const r = await runShim({ ...s.opts, binary: bin });
    assert.doesNotMatch(r.stderr, /runtime error|AddressSanitizer|Sanitizer/, `${s.name}: ${r.stderr}`);
    assert.equal(r.code, s.code, `${s.name}: ${r.stdout}`);
  }
});
