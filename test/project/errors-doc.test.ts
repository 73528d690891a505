import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ERROR_CATALOGUE, CniError } from '../../src/errors/catalogue.ts';

test('every catalogue id is documented in docs/errors.md with its code', () => {
  const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
  for (const [id, code] of Object.entries(ERROR_CATALOGUE)) {
    const row = doc.split('\n').find((l) => l.startsWith(`| \`${id}\` |`));
    assert.ok(row, `docs/errors.md has no row for ${id}`);
    assert.match(row, new RegExp(`^\\| \`${id}\` \\| ${code} \\|`), `docs/errors.md gives the wrong code for ${id}`);
  }
});

test('CniError renders as the CNI error object, details omitted when empty', () => {
  const e = new CniError('CONTAINER_ID_INVALID', 'invalid characters in containerID', 'bad/id');
  assert.deepEqual(e.toJSON(), { code: 4, msg: 'invalid characters in containerID', details: 'bad/id' });
  assert.equal(e.message, 'invalid characters in containerID; bad/id');
  assert.deepEqual(new CniError('NETWORK_NAME_MISSING', 'missing network name:').toJSON('1.0.0'), {
    cniVersion: '1.0.0', code: 7, msg: 'missing network name:',
  });
  const wrapped = e.withPrefix('plugin type="a" failed (add): ');
  assert.equal(wrapped.code, 4);
  assert.equal(wrapped.msg, 'plugin type="a" failed (add): invalid characters in containerID');
});
