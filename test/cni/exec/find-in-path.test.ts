// cni.md §2.5 FindInPath and §5.6 case 42 (lookup part).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { ProcessExec } from '../../../src/cni/exec/index.ts';
import { tempDir, writeExecutable } from '../../support/tmp.ts';

test('findInPath returns the first regular file in path order, with libcni messages otherwise', async (t) => {
  const root = tempDir(t);
  const a = path.join(root, 'a');
  const b = path.join(root, 'b');
  mkdirSync(a);
  mkdirSync(b);
  mkdirSync(path.join(a, 'isdir')); // a directory of that name does not count
  writeExecutable(b, 'isdir', '#!/bin/sh\n');
  writeExecutable(a, 'noexec', 'x', 0o644); // executability is not checked at lookup
  writeExecutable(b, 'real', '#!/bin/sh\n');
  symlinkSync(path.join(b, 'real'), path.join(a, 'link')); // symlinks are followed
  symlinkSync(path.join(root, 'nowhere'), path.join(a, 'dangling'));
  writeExecutable(b, 'dangling', '#!/bin/sh\n');
  const ex = new ProcessExec();

  assert.equal(await ex.findInPath('isdir', [a, b]), path.join(b, 'isdir'));
  assert.equal(await ex.findInPath('noexec', [a, b]), path.join(a, 'noexec'));
  assert.equal(await ex.findInPath('link', [a, b]), path.join(a, 'link'));
  assert.equal(await ex.findInPath('dangling', [a, b]), path.join(b, 'dangling'));
  assert.equal(await ex.findInPath('real', [a + '/', b]), path.join(b, 'real'));

  const rejects = (p: Promise<string>, id: string, code: number, msg: string) =>
    assert.rejects(p, (e: { id: string; code: number; message: string }) => {
      assert.deepEqual({ id: e.id, code: e.code, message: e.message }, { id, code, message: msg });
      return true;
    });
  await rejects(ex.findInPath('', [a]), 'PLUGIN_NAME_INVALID', 7, 'no plugin name provided');
  await rejects(ex.findInPath('../bin/pA', [a]), 'PLUGIN_NAME_INVALID', 7, 'invalid plugin name: ../bin/pA');
  await rejects(ex.findInPath('x', []), 'PLUGIN_NO_PATHS', 4, 'no paths provided');
  await rejects(ex.findInPath('missing', [a, b]), 'PLUGIN_NOT_FOUND', 7, `failed to find plugin "missing" in path [${a} ${b}]`);
  await rejects(ex.findInPath('we"ird', [a]), 'PLUGIN_NOT_FOUND', 7, `failed to find plugin "we\\"ird" in path [${a}]`);
});
