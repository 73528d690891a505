// §2.4 primary selection in auto mode: first .conf/.conflist (not .json) in byte order, not 00-multus*,
// directories skipped (our fix), none → undefined (the caller waits).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { findPrimaryConfig, selectPrimaryConfig } from '../../../src/daemon/config/primary.ts';
import { put, tempDir } from './helpers.ts';

test('S106: the primary is auto-detected next to a later config', async (t) => {
  const dir = tempDir(t);
  put(dir, '00-mycni.conf', '{}');
  put(dir, '10-testcni.conf', '{}');
  assert.equal(await findPrimaryConfig(dir), path.join(dir, '00-mycni.conf'));
});

test('.json files, other extensions and our own 00-multus* files are never the primary', async (t) => {
  const dir = tempDir(t);
  for (const n of ['00-multus.conf', '00-multus.conflist', '00-multus-old.conf', '01-a.json', '02-b.conf.bak', '03-c.conflist~']) put(dir, n, '{}');
  assert.equal(await findPrimaryConfig(dir), undefined);
  put(dir, '99-z.conflist', '{}');
  assert.equal(await findPrimaryConfig(dir), path.join(dir, '99-z.conflist'));
});

test('byte order, not locale order: upper case sorts before lower case, digits before letters', async (t) => {
  const dir = tempDir(t);
  put(dir, 'b.conf', '{}');
  put(dir, 'B.conf', '{}');
  put(dir, 'a.conflist', '{}');
  assert.equal(await findPrimaryConfig(dir), path.join(dir, 'B.conf'));
  put(dir, '9.conf', '{}');
  assert.equal(await findPrimaryConfig(dir), path.join(dir, '9.conf'));
});

test('a directory named like a config is skipped (Multus picks it and then fails to read it)', async (t) => {
  const dir = tempDir(t);
  mkdirSync(path.join(dir, '05-dir.conflist'));
  put(dir, '10-calico.conflist', '{}');
  assert.equal(await findPrimaryConfig(dir), path.join(dir, '10-calico.conflist'));
});

test('an empty or missing directory has no primary', async (t) => {
  const dir = tempDir(t);
  assert.equal(await findPrimaryConfig(dir), undefined);
  assert.equal(await selectPrimaryConfig({ multusAutoconfigDir: path.join(dir, 'nope'), multusMasterCNI: '' }), undefined);
});
