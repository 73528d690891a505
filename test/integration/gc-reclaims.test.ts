// GC deletes the stale cached attachments of a network through its plugins, so host-local releases
// their reservations; the valid attachment keeps its address, link and cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfList } from '../../src/cni/config/index.ts';
import { addNetworkList, gcNetworkList } from '../../src/cni/runtime/index.ts';
import { createNodeNs, createPodNs, ipAddrIn, podNetnsPath, removeNetns, uniqueIfName } from '../support/netns.ts';
import { skipUnlessRealPlugins } from '../support/real-plugins.ts';
import { tempDir } from '../support/tmp.ts';
import { realContext } from './real-context.ts';

test('GC with a valid list releases exactly the stale reservations', async (t) => {
  if (skipUnlessRealPlugins(t)) return;
  const node = createNodeNs(t);
  const pods = [createPodNs(t), createPodNs(t), createPodNs(t)];
  const dir = tempDir(t);
  const ctx = realContext(node, dir);
  const dataDir = join(dir, 'ipam');
  const list = parseConfList(JSON.stringify({
    cniVersion: '1.0.0', name: 'gcnet',
    plugins: [{ type: 'bridge', bridge: uniqueIfName('mtb'), ipam: { type: 'host-local', subnet: '10.254.83.0/24', dataDir } }],
  }));
  for (const [i, p] of pods.entries()) await addNetworkList(ctx, list, { containerID: `c${i}`, netNS: podNetnsPath(p), ifName: 'eth0' });
  const reserved = () => readdirSync(join(dataDir, 'gcnet')).filter((f) => /^\d/.test(f)).sort();
  assert.deepEqual(reserved(), ['10.254.83.2', '10.254.83.3', '10.254.83.4']);
  // c1's sandbox is gone (as after a crash); c2's is alive but not listed as valid either
  removeNetns(pods[1]);
  await gcNetworkList(ctx, list, { validAttachments: [{ containerID: 'c0', ifname: 'eth0' }] });
  assert.deepEqual(reserved(), ['10.254.83.2']);
  assert.deepEqual(readdirSync(join(dir, 'cache', 'results')), ['gcnet-c0-eth0']);
  assert.ok(ipAddrIn(pods[0], 'eth0'), 'the valid attachment is untouched');
  assert.throws(() => ipAddrIn(pods[2], 'eth0'), /does not exist/);
  assert.equal(existsSync(join(dir, 'cache', 'results', 'gcnet-c2-eth0')), false);
});
