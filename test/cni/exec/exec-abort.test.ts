// Cancellation through an AbortSignal behaves like the deadline (Go: context cancel), and a signal
// that is already done refuses to start the plugin (exec.CommandContext).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CniError } from '../../../src/errors/catalogue.ts';
import { ProcessExec } from '../../../src/cni/exec/index.ts';
import { tempDir, writeExecutable } from '../../support/tmp.ts';
import { killGroupQuietly, waitGroupGone } from '../../support/process-group.ts';

test('abort: kill the group; an aborted or timed-out signal before start runs nothing', async (t) => {
  const dir = tempDir(t);
  const pidFile = path.join(dir, 'pid');
  const p = writeExecutable(dir, 'slow', `#!/bin/sh\necho $$ > ${pidFile}\nsleep 5 &\nsleep 5\n`);
  const ex = new ProcessExec();
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
  let pgid = 0;
  t.after(() => killGroupQuietly(pgid));

  const ac = new AbortController();
  setTimeout(() => ac.abort(), 200);
  const started = Date.now();
  await assert.rejects(ex.exec({ pluginPath: p, stdin: '', env, signal: ac.signal }), (e: CniError) => {
    assert.deepEqual([e.id, e.code, e.msg], ['PLUGIN_FAILED', 0, 'netplugin failed with no error message: signal: killed']);
    return true;
  });
  assert.ok(Date.now() - started < 1000);
  pgid = Number(readFileSync(pidFile, 'utf8').trim());
  assert.ok(await waitGroupGone(pgid));

  // AbortSignal.timeout is a deadline: the timeout id
  await assert.rejects(ex.exec({ pluginPath: p, stdin: '', env, signal: AbortSignal.timeout(200) }), (e: CniError) => e.id === 'PLUGIN_TIMEOUT');
  pgid = Number(readFileSync(pidFile, 'utf8').trim());
  assert.ok(await waitGroupGone(pgid));

  const never = path.join(dir, 'never');
  const marker = writeExecutable(dir, 'marker', `#!/bin/sh\ntouch ${never}\n`);
  await assert.rejects(ex.exec({ pluginPath: marker, stdin: '', env, signal: AbortSignal.abort() }), (e: CniError) =>
    e.msg === 'netplugin failed with no error message: context canceled');
  const expired = AbortSignal.timeout(1);
  await new Promise((r) => setTimeout(r, 20));
  await assert.rejects(ex.exec({ pluginPath: marker, stdin: '', env, signal: expired }), (e: CniError) =>
    e.id === 'PLUGIN_TIMEOUT' && e.msg === 'netplugin failed with no error message: context deadline exceeded');
  assert.equal(existsSync(never), false);
});
