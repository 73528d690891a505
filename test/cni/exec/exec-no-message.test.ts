// cni.md §2.6 case 1: nothing printed → the process status as Go prints it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CniError } from '../../../src/errors/catalogue.ts';
import { ProcessExec } from '../../../src/cni/exec/index.ts';
import { tempDir, writeExecutable } from '../../support/tmp.ts';

test('silent failure: exit status N or signal name', async (t) => {
  const dir = tempDir(t);
  const exit3 = writeExecutable(dir, 'exit3', '#!/bin/sh\nexit 3\n');
  const term = writeExecutable(dir, 'term', '#!/bin/sh\nkill -TERM $$\nsleep 5\n');
  const ex = new ProcessExec();
  const msgOf = async (p: string) => {
    try {
      await ex.exec({ pluginPath: p, stdin: '', env: {} });
    } catch (e) {
      assert.ok(e instanceof CniError);
      assert.equal(e.code, 0);
      return e.msg;
    }
    assert.fail('expected a failure');
  };
  assert.equal(await msgOf(exit3), 'netplugin failed with no error message: exit status 3');
  assert.equal(await msgOf(term), 'netplugin failed with no error message: signal: terminated');
});
