// The user agent is multus-ts/<package version>; the constant cannot drift from package.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_USER_AGENT, MULTUS_TS_VERSION } from '../../src/k8s/client.ts';

test('MULTUS_TS_VERSION is package.json version', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  assert.equal(MULTUS_TS_VERSION, pkg.version);
  assert.equal(DEFAULT_USER_AGENT, `multus-ts/${pkg.version}`);
});
