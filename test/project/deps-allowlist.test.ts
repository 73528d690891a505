// Supply-chain gate (npm audit cannot reach its service here): every production package the lockfile
// ships must be on the reviewed allow-list, at that version. A new dependency or version fails this
// test until someone reviews it and runs `node scripts/prod-deps.ts --write`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { prodDeps } from '../../scripts/prod-deps.ts';

test('the production dependency closure is exactly the reviewed allow-list', () => {
  const shipped = prodDeps(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8'));
  const allowed = JSON.parse(readFileSync(new URL('../../deploy/allowed-deps.json', import.meta.url), 'utf8')) as string[];
  assert.deepEqual(shipped.filter((d) => !allowed.includes(d)), [], 'not reviewed: run `node scripts/prod-deps.ts` and review');
  assert.deepEqual(allowed.filter((d) => !shipped.includes(d)), [], 'allow-list entries no longer shipped: refresh it');
});
