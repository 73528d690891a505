// The doctor lists host-local reservations no cached attachment explains, and removes them only when
// told to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeCacheEntry } from '../../src/cni/cache.ts';
import { doctor } from '../../src/daemon/doctor.ts';
import { main } from '../../src/cli/doctor/main.ts';
import { tempDir } from '../support/tmp.ts';

test('orphaned reservations are reported, explained ones are not, --remove removes only orphans', async (t) => {
  const dir = tempDir(t);
  const cniDir = join(dir, 'cni');
  const dataDir = join(dir, 'ipam');
  mkdirSync(join(dataDir, 'net1'), { recursive: true });
  await writeCacheEntry(cniDir, { networkName: 'net1', containerID: 'c1', ifName: 'eth0', config: JSON.stringify({ cniVersion: '1.0.0', name: 'net1', plugins: [{ type: 'bridge', ipam: { type: 'host-local', dataDir } }] }) });
  writeFileSync(join(dataDir, 'net1', '10.0.0.2'), 'c1\r\neth0');
  writeFileSync(join(dataDir, 'net1', '10.0.0.3'), 'gone\r\neth0');
  writeFileSync(join(dataDir, 'net1', 'last_reserved_ip.0'), '10.0.0.3');
  writeFileSync(join(dataDir, 'net1', 'lock'), '');
  // the data dir is found through the cached config: no --data-dir needed
  const r = await doctor({ cacheDirs: [cniDir], dataDirs: [] });
  assert.equal(r.reservations, 2);
  assert.deepEqual(r.orphans.map((o) => [o.ip, o.containerID, o.ifName]), [['10.0.0.3', 'gone', 'eth0']]);
  const out = await main(['--cni-dir', cniDir, '--data-dir', dataDir]);
  assert.match(out.stdout, /2 host-local reservation\(s\), 1 not explained/);
  assert.match(out.stdout, /orphan net1 10\.0\.0\.3  container=gone ifname=eth0/);
  assert.ok(existsSync(join(dataDir, 'net1', '10.0.0.3')), 'listing removes nothing');
  await main(['--cni-dir', cniDir, '--data-dir', dataDir, '--remove']);
  assert.equal(existsSync(join(dataDir, 'net1', '10.0.0.3')), false);
  assert.ok(existsSync(join(dataDir, 'net1', '10.0.0.2')), 'an explained reservation is kept');
});
