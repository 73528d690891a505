// cni.md §2.6: exec failing with ETXTBSY (binary still open for writing) is retried up to 5 more times.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, openSync } from 'node:fs';
import { CniError } from '../../../src/errors/catalogue.ts';
import { ProcessExec } from '../../../src/cni/exec/index.ts';
import { tempDir, writeExecutable } from '../../support/tmp.ts';

test('text file busy: retried until the writer is done, then given up after 5 retries', async (t) => {
  const dir = tempDir(t);
  const p = writeExecutable(dir, 'busy', '#!/bin/sh\nprintf ok\n');
  const ex = new ProcessExec({ textBusyRetryMs: 50 });

  let fd = openSync(p, 'a');
  setTimeout(() => closeSync(fd), 120);
  assert.equal((await ex.exec({ pluginPath: p, stdin: '', env: {} })).stdout, 'ok');

  fd = openSync(p, 'a');
  t.after(() => closeSync(fd));
  const started = Date.now();
  await assert.rejects(ex.exec({ pluginPath: p, stdin: '', env: {} }), (e: CniError) => {
    assert.deepEqual([e.id, e.code, e.msg], ['PLUGIN_EXEC', 0, `netplugin failed with no error message: fork/exec ${p}: text file busy`]);
    return true;
  });
  const elapsed = Date.now() - started;
  assert.ok(elapsed >= 5 * 50 && elapsed < 2000, `gave up after ${elapsed} ms`);
});
