// cni.md §5.6 case 38: the plugin's error object on stdout (no cniVersion needed) is the error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CniError } from '../../../src/errors/catalogue.ts';
import { ProcessExec } from '../../../src/cni/exec/index.ts';
import { tempDir, writeExecutable } from '../../support/tmp.ts';

test('a failing plugin with an error object on stdout yields its code, msg and details', async (t) => {
  const dir = tempDir(t);
  const noDetails = writeExecutable(dir, 'pA', '#!/bin/sh\nprintf \'{"code":11,"msg":"try again"}\'\necho "log" >&2\nexit 1\n');
  const withDetails = writeExecutable(dir, 'pB', `#!/bin/sh
cat <<'J'
{
    "code": 1,
    "msg": "incompatible CNI versions",
    "details": "config is \\"1.1.0\\", plugin supports [\\"0.1.0\\" \\"1.0.0\\"]"
}
J
exit 1
`);
  const ex = new ProcessExec();
  await assert.rejects(ex.exec({ pluginPath: noDetails, stdin: '{}', env: {} }), (e: CniError) => {
    assert.ok(e instanceof CniError);
    assert.deepEqual([e.id, e.code, e.msg, e.details, e.message], ['PLUGIN_FAILED', 11, 'try again', undefined, 'try again']);
    return true;
  });
  await assert.rejects(ex.exec({ pluginPath: withDetails, stdin: '{}', env: {} }), (e: CniError) => {
    assert.deepEqual([e.code, e.msg, e.details], [1, 'incompatible CNI versions', 'config is "1.1.0", plugin supports ["0.1.0" "1.0.0"]']);
    return true;
  });
});
