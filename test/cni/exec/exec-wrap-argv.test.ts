// ProcessExec's wrapArgv runs the plugin through an exec-in-place wrapper (the test rig uses
// `ip netns exec <ns>`); exec errors keep libcni's wording although the wrapper would word them itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CniError } from '../../../src/errors/catalogue.ts';
import { ProcessExec } from '../../../src/cni/exec/index.ts';
import { tempDir, writeExecutable } from '../../support/tmp.ts';

test('wrapArgv: [...wrap, pluginPath] runs the plugin; preflight reports exec errors as Go would', async (t) => {
  const dir = tempDir(t);
  const p = writeExecutable(dir, 'p', '#!/bin/sh\nprintf "%s %s" "$0" "$FOO"\ncat\n');
  const noexec = writeExecutable(dir, 'noexec', '#!/bin/sh\n', 0o644);
  const ex = new ProcessExec({ wrapArgv: ['/usr/bin/env', 'FOO=wrapped'] });
  assert.equal((await ex.exec({ pluginPath: p, stdin: '|in', env: { FOO: 'orig' } })).stdout, `${p} wrapped|in`);
  for (const [pluginPath, why] of [[noexec, 'permission denied'], [dir, 'permission denied'], [`${dir}/gone`, 'no such file or directory']]) {
    await assert.rejects(ex.exec({ pluginPath, stdin: '', env: {} }), (e: CniError) => {
      assert.deepEqual([e.id, e.msg], ['PLUGIN_EXEC', `netplugin failed with no error message: fork/exec ${pluginPath}: ${why}`]);
      return true;
    });
  }
});
