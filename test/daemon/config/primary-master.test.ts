// §2.4 / §7.1: multusMasterCNI names the primary. The Amazon VPC CNI case: istio-cni's
// 05-istio.conflist sorts before 10-aws.conflist and must not become the primary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { noPrimaryMessage, selectPrimaryConfig } from '../../../src/daemon/config/primary.ts';
import { put, tempDir } from './helpers.ts';

test('without multusMasterCNI the istio file sorting first is (wrongly) the primary', async (t) => {
  const dir = tempDir(t);
  put(dir, '05-istio.conflist', '{}');
  put(dir, '10-aws.conflist', '{}');
  assert.equal(await selectPrimaryConfig({ multusAutoconfigDir: dir, multusMasterCNI: '' }), path.join(dir, '05-istio.conflist'));
});

test('with multusMasterCNI the named file is the primary whatever sorts first', async (t) => {
  const dir = tempDir(t);
  put(dir, '05-istio.conflist', '{}');
  put(dir, '10-aws.conflist', '{}');
  put(dir, '01-early.conf', '{}');
  assert.equal(await selectPrimaryConfig({ multusAutoconfigDir: dir, multusMasterCNI: '10-aws.conflist' }), path.join(dir, '10-aws.conflist'));
});

test('a named primary that does not exist (yet), or is a directory, is none: the caller waits', async (t) => {
  const dir = tempDir(t);
  put(dir, '05-istio.conflist', '{}');
  const sel = { multusAutoconfigDir: dir, multusMasterCNI: '10-aws.conflist' };
  assert.equal(await selectPrimaryConfig(sel), undefined, 'never falls back to another file');
  mkdirSync(path.join(dir, '10-aws.conflist'));
  assert.equal(await selectPrimaryConfig(sel), undefined);
  assert.equal(noPrimaryMessage(sel), `failed to find the cluster master CNI plugin: ${path.join(dir, '10-aws.conflist')} (multusMasterCNI) does not exist`);
  assert.equal(noPrimaryMessage({ multusAutoconfigDir: dir, multusMasterCNI: '' }), `failed to find the cluster master CNI plugin: could not find a plugin configuration in ${dir}`);
});
