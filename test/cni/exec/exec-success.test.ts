// cni.md §2.6: exit 0 is success whatever stdout holds; stderr is informational and forwarded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProcessExec } from '../../../src/cni/exec/index.ts';
import { tempDir, writeExecutable } from '../../support/tmp.ts';

test('exit 0 resolves with stdout and stderr, forwarding stderr to the sink', async (t) => {
  const dir = tempDir(t);
  const ok = writeExecutable(dir, 'ok', '#!/bin/sh\nprintf \'{"cniVersion":"1.0.0"}\'\nprintf \'note\\n\' >&2\n');
  const errJson = writeExecutable(dir, 'errjson', '#!/bin/sh\nprintf \'{"code":7,"msg":"x"}\'\n');
  const sunk: Array<[string, string]> = [];
  const ex = new ProcessExec({ stderrSink: (p, text) => sunk.push([p, text]) });

  assert.deepEqual(await ex.exec({ pluginPath: ok, stdin: '{}', env: {} }), { stdout: '{"cniVersion":"1.0.0"}', stderr: 'note\n' });
  assert.deepEqual(sunk, [[ok, 'note\n']]);
  // An error object with exit 0 is a result as far as exec is concerned.
  assert.deepEqual(await ex.exec({ pluginPath: errJson, stdin: '{}', env: {} }), { stdout: '{"code":7,"msg":"x"}', stderr: '' });
  assert.equal(sunk.length, 1, 'empty stderr is not forwarded');
});
