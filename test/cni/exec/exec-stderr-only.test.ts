// cni.md §5.6 case 39: empty stdout, text on stderr → code 0 and the Go-quoted stderr.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CniError } from '../../../src/errors/catalogue.ts';
import { ProcessExec } from '../../../src/cni/exec/index.ts';
import { tempDir, writeExecutable } from '../../support/tmp.ts';

test('stderr only: netplugin failed: "<Go-quoted stderr>"', async (t) => {
  const dir = tempDir(t);
  const p = writeExecutable(dir, 'p', '#!/bin/sh\nprintf \'boom\\nline2\\n\' >&2\nexit 1\n');
  const sunk: string[] = [];
  await assert.rejects(new ProcessExec({ stderrSink: (_p, s) => sunk.push(s) }).exec({ pluginPath: p, stdin: '{}', env: {} }), (e: CniError) => {
    assert.deepEqual([e.id, e.code, e.msg], ['PLUGIN_FAILED', 0, 'netplugin failed: "boom\\nline2\\n"']);
    return true;
  });
  assert.deepEqual(sunk, [], 'stderr of a failure is in the error, not forwarded');
});
