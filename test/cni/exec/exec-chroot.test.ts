// ProcessExec's chrootDir (thick Multus' `chrootDir`, e.g. /hostroot): plugins are looked up and run
// inside the root — a path that exists only there is found and runs, an absolute symlink resolves
// inside the root, and exec errors keep libcni's wording with the path the chrooted process sees.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { CniError } from '../../../src/errors/catalogue.ts';
import { ProcessExec } from '../../../src/cni/exec/index.ts';
import { REAL_PLUGIN_DIR } from '../../support/real-plugins.ts';
import { buildShim, SHIM } from '../../shim/helper.ts';
import { tempDir } from '../../support/tmp.ts';

const BIN = '/mts-chroot-bin'; // exists only inside the test's root

test('chrootDir: lookup and exec inside the root, symlinks resolved in it, errors as Go words them', async (t) => {
  const noShim = buildShim(); // our static C shim: the one binary that runs in an empty root
  if (noShim) return t.skip(noShim);
  assert.equal(existsSync(BIN), false, `${BIN} must not exist on the host`);
  const root = tempDir(t);
  mkdirSync(join(root, BIN));
  mkdirSync(join(root, 'real'));
  copyFileSync(SHIM, join(root, 'real', 'loopback')); // its VERSION answer is local: no daemon needed
  symlinkSync('/real/loopback', join(root, BIN, 'loopback')); // absolute: means <root>/real/loopback
  mkdirSync(join(root, BIN, 'adir'));
  const ex = new ProcessExec({ chrootDir: root });

  assert.equal(await ex.findInPath('loopback', ['/nowhere', BIN]), `${BIN}/loopback`);
  await assert.rejects(ex.findInPath('loopback', [REAL_PLUGIN_DIR]), (e: CniError) => e.id === 'PLUGIN_NOT_FOUND', 'a host path is not looked at');
  await assert.rejects(ex.findInPath('nosuch', [BIN]), (e: CniError) => e.id === 'PLUGIN_NOT_FOUND');
  await assert.rejects(new ProcessExec().findInPath('loopback', [BIN]), (e: CniError) => e.id === 'PLUGIN_NOT_FOUND', 'without the chroot it is not there');

  const out = await ex.exec({ pluginPath: `${BIN}/loopback`, stdin: '{"cniVersion":"1.0.0"}', env: { CNI_COMMAND: 'VERSION' } });
  assert.deepEqual((JSON.parse(out.stdout) as { supportedVersions: string[] }).supportedVersions.includes('1.0.0'), true);

  for (const [pluginPath, why] of [[`${BIN}/adir`, 'permission denied'], [`${BIN}/gone`, 'no such file or directory']]) {
    await assert.rejects(ex.exec({ pluginPath, stdin: '', env: {} }), (e: CniError) => {
      assert.deepEqual([e.id, e.msg], ['PLUGIN_EXEC', `netplugin failed with no error message: fork/exec ${pluginPath}: ${why}`]);
      return true;
    });
  }
});
