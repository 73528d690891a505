// cni.md §5.6 case 42 (exec part): a found but non-executable file fails at exec, as in Go.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CniError } from '../../../src/errors/catalogue.ts';
import { ProcessExec } from '../../../src/cni/exec/index.ts';
import { tempDir, writeExecutable } from '../../support/tmp.ts';

test('exec errors: fork/exec <path>: permission denied / no such file or directory', async (t) => {
  const dir = tempDir(t);
  writeExecutable(dir, 'noexec', '#!/bin/sh\necho hi\n', 0o644);
  const ex = new ProcessExec();
  const p = await ex.findInPath('noexec', [dir]);
  const expectExec = (pluginPath: string, why: string) =>
    assert.rejects(ex.exec({ pluginPath, stdin: '{}', env: {} }), (e: CniError) => {
      assert.deepEqual([e.id, e.code, e.msg], ['PLUGIN_EXEC', 0, `netplugin failed with no error message: fork/exec ${pluginPath}: ${why}`]);
      return true;
    });
  await expectExec(p, 'permission denied');
  await expectExec(dir, 'permission denied');
  await expectExec(`${dir}/gone`, 'no such file or directory');
});
