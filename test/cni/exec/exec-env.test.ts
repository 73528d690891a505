// cni.md §2.6: the plugin gets exactly the environment the caller built, and argv = [path] only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProcessExec } from '../../../src/cni/exec/index.ts';
import { tempDir, writeExecutable } from '../../support/tmp.ts';

test('env is passed exactly and argv is only the plugin path', async (t) => {
  const env = {
    CNI_COMMAND: 'ADD',
    CNI_CONTAINERID: 'ctr1',
    CNI_NETNS: '',
    CNI_ARGS: 'IgnoreUnknown=1;K8S_POD_NAME=p',
    CNI_PATH: '/a:/b',
    WITH_SPACE: 'a b = c',
    UNICODE: 'héllo',
  };
  // /usr/bin/env as the "plugin": it prints its environment and nothing else.
  const { stdout } = await new ProcessExec().exec({ pluginPath: '/usr/bin/env', stdin: '', env });
  const got = Object.fromEntries(
    stdout
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  assert.deepEqual(got, env);

  const dir = tempDir(t);
  const argv = writeExecutable(dir, 'argv', '#!/bin/sh\nprintf "%s|%s" "$0" "$#"\n');
  assert.equal((await new ProcessExec().exec({ pluginPath: argv, stdin: '', env: {} })).stdout, `${argv}|0`);
});
