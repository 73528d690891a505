// cni.md §5.6 case 41: stdout that is not an error object → code 0, quoted stdout and the json error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CniError } from '../../../src/errors/catalogue.ts';
import { ProcessExec } from '../../../src/cni/exec/index.ts';
import { tempDir, writeExecutable } from '../../support/tmp.ts';

test('garbage stdout: error parsing its diagnostic message', async (t) => {
  const dir = tempDir(t);
  const p = writeExecutable(dir, 'p', '#!/bin/sh\nprintf "not json"\necho "ignored" >&2\nexit 2\n');
  await assert.rejects(new ProcessExec().exec({ pluginPath: p, stdin: '{}', env: {} }), (e: CniError) => {
    assert.deepEqual(
      [e.id, e.code, e.msg],
      ['PLUGIN_FAILED', 0, `netplugin failed but error parsing its diagnostic message "not json": invalid character 'o' in literal null (expecting 'u')`],
    );
    return true;
  });
});
