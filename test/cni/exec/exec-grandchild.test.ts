// A plugin that exits but leaves a grandchild holding stdout/stderr must not keep the call open
// (Go's exec would wait for the pipes): we return shortly after the direct child exits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ProcessExec } from '../../../src/cni/exec/index.ts';
import { tempDir, writeExecutable } from '../../support/tmp.ts';
import { groupAlive, killGroupQuietly } from '../../support/process-group.ts';

test('exit 0 with a lingering grandchild returns at once with what was printed', async (t) => {
  const dir = tempDir(t);
  const pidFile = path.join(dir, 'pid');
  const p = writeExecutable(dir, 'daemonish', `#!/bin/sh
echo $$ > ${pidFile}
printf '{"cniVersion":"1.0.0"}'
printf 'warn' >&2
sleep 5 &
exit 0
`);
  let pgid = 0;
  t.after(() => killGroupQuietly(pgid));
  const started = Date.now();
  const out = await new ProcessExec({ stderrSink: () => {} }).exec({ pluginPath: p, stdin: '', env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
  const elapsed = Date.now() - started;
  assert.deepEqual(out, { stdout: '{"cniVersion":"1.0.0"}', stderr: 'warn' });
  assert.ok(elapsed < 1000, `returned after ${elapsed} ms`);
  pgid = Number(readFileSync(pidFile, 'utf8').trim());
  // Not a timeout: what the plugin left running is its business (libcni does not kill it either).
  assert.ok(groupAlive(pgid));
});
