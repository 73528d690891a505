// cni.md §2.6: the four cases of libcni's pluginErr, in precedence order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CniError } from '../../../src/errors/catalogue.ts';
import { decodePluginFailure } from '../../../src/cni/exec/index.ts';

function fields(e: CniError): object {
  return { id: e.id, code: e.code, msg: e.msg, details: e.details, message: e.message };
}

test('decodePluginFailure applies libcni precedence: stdout object, stderr, status', () => {
  // 1. nothing printed: the process status
  assert.deepEqual(fields(decodePluginFailure('', '', 'exit status 1')), {
    id: 'PLUGIN_FAILED', code: 0, msg: 'netplugin failed with no error message: exit status 1', details: undefined,
    message: 'netplugin failed with no error message: exit status 1',
  });
  // 2. stderr only: Go-quoted, no status appended (libcni v1.3.0)
  assert.equal(decodePluginFailure('', 'boom\nline2\n', 'exit status 1').msg, 'netplugin failed: "boom\\nline2\\n"');
  // 3. stdout object wins over stderr; the plugin's code replaces ours; cniVersion not required
  const e = decodePluginFailure('{\n    "code": 7,\n    "msg": "bad",\n    "details": "d"\n}', 'ignored', 'exit status 1');
  assert.deepEqual(fields(e), { id: 'PLUGIN_FAILED', code: 7, msg: 'bad', details: 'd', message: 'bad; d' });
  assert.deepEqual(e.toJSON(), { code: 7, msg: 'bad', details: 'd' });
  // 4. stdout that is no error object: quoted stdout and Go's json error
  assert.equal(
    decodePluginFailure('not json', 'x', 'exit status 2').msg,
    'netplugin failed but error parsing its diagnostic message "not json": invalid character \'o\' in literal null (expecting \'u\')',
  );
  // whitespace-only stdout is not "empty" for Go either
  assert.equal(decodePluginFailure('\n', '', 'exit status 1').msg, 'netplugin failed but error parsing its diagnostic message "\\n": unexpected end of JSON input');
  // the id is only a label for callers
  assert.equal(decodePluginFailure('', '', 'signal: killed', 'PLUGIN_TIMEOUT').id, 'PLUGIN_TIMEOUT');
});
