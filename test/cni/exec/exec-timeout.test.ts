// cni.md §2.6 / §5.6 case 45: a deadline kills the plugin's whole process group and returns at once,
// even though grandchildren hold stdout (Go would block until they exit).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CniError } from '../../../src/errors/catalogue.ts';
import { ProcessExec } from '../../../src/cni/exec/index.ts';
import { tempDir, writeExecutable } from '../../support/tmp.ts';
import { groupMembers, killGroupQuietly, waitGroupGone } from '../../support/process-group.ts';

test('timeout: killed with the whole group within about the deadline', async (t) => {
  const dir = tempDir(t);
  const pidFile = path.join(dir, 'pid');
  const p = writeExecutable(dir, 'slow', `#!/bin/sh
echo $$ > ${pidFile}
sh -c 'sleep 5 & sleep 5' &
sleep 5 &
sleep 5
`);
  const started = Date.now();
  let pgid = 0;
  t.after(() => killGroupQuietly(pgid));
  await assert.rejects(new ProcessExec().exec({ pluginPath: p, stdin: '{}', env: { PATH: process.env.PATH ?? '/usr/bin:/bin' }, timeoutMs: 300 }), (e: CniError) => {
    assert.ok(e instanceof CniError);
    assert.deepEqual([e.id, e.code, e.msg], ['PLUGIN_TIMEOUT', 0, 'netplugin failed with no error message: signal: killed']);
    return true;
  });
  const elapsed = Date.now() - started;
  assert.ok(elapsed >= 290 && elapsed < 1000, `returned after ${elapsed} ms`);
  pgid = Number(readFileSync(pidFile, 'utf8').trim()); // the plugin leads its own group
  assert.ok(await waitGroupGone(pgid), `still alive in group ${pgid}: ${groupMembers(pgid).join(' ')}`);
});
