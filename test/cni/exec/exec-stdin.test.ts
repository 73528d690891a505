// cni.md §2.6: stdin carries the request bytes and is closed; a plugin that never reads it is fine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProcessExec } from '../../../src/cni/exec/index.ts';
import { tempDir, writeExecutable } from '../../support/tmp.ts';

test('stdin is delivered byte for byte, then closed; EPIPE is ignored', async (t) => {
  const dir = tempDir(t);
  const cat = writeExecutable(dir, 'cat', '#!/bin/sh\nexec cat\n');
  const deaf = writeExecutable(dir, 'deaf', '#!/bin/sh\nprintf done\n');
  const ex = new ProcessExec();
  const small = '{"cniVersion":"1.0.0","name":"n","html":"<a&b>","u":"héllo \\u00e9"}\r\n';
  assert.equal((await ex.exec({ pluginPath: cat, stdin: small, env: {} })).stdout, small);
  // larger than a pipe buffer in both directions
  const big = JSON.stringify({ blob: 'x'.repeat(1 << 20) });
  assert.equal((await ex.exec({ pluginPath: cat, stdin: big, env: {} })).stdout, big);
  assert.equal((await ex.exec({ pluginPath: deaf, stdin: big, env: {} })).stdout, 'done');
});
