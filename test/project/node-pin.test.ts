// `npm ci --ignore-scripts` installs no Node 24 binary and the scripts then silently run on the
// machine's Node 20 (toolchain.md): this test fails in that case.
import { test } from 'node:test';
import assert from 'node:assert/strict';

test('the suite runs on the Node 24 the project pins', () => {
  assert.match(process.version, /^v24\./);
});
