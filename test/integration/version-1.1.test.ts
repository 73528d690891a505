// The Debian plugins support CNI up to 1.0.0. A 1.1.0 list fails every ADD in the plugin with code 1,
// exactly as libcni reports it; GC and STATUS at 1.1.0 reach the plugins, which answer code 3.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfList } from '../../src/cni/config/index.ts';
import { addNetworkList, gcNetworkList, statusNetworkList, validateNetworkList } from '../../src/cni/runtime/index.ts';
import { createNodeNs, createPodNs, podNetnsPath, uniqueIfName } from '../support/netns.ts';
import { skipUnlessRealPlugins } from '../support/real-plugins.ts';
import { tempDir } from '../support/tmp.ts';
import { realContext } from './real-context.ts';

test('a 1.1.0 list against the Debian plugins', async (t) => {
  if (skipUnlessRealPlugins(t)) return;
  const node = createNodeNs(t);
  const pod = createPodNs(t);
  const dir = tempDir(t);
  const ctx = realContext(node, dir);
  const list = parseConfList(JSON.stringify({
    cniVersion: '1.1.0', name: 'v11',
    plugins: [{ type: 'bridge', bridge: uniqueIfName('mtb'), ipam: { type: 'host-local', subnet: '10.254.82.0/24', dataDir: join(dir, 'ipam') } }, { type: 'tuning' }],
  }));
  await assert.rejects(addNetworkList(ctx, list, { containerID: 'c1', netNS: podNetnsPath(pod), ifName: 'eth0' }), (e: { code: number; msg: string; details: string }) => {
    assert.equal(e.code, 1);
    assert.equal(e.msg, 'plugin type="bridge" failed (add): incompatible CNI versions');
    assert.equal(e.details, 'config is "1.1.0", plugin supports ["0.1.0" "0.2.0" "0.3.0" "0.3.1" "0.4.0" "1.0.0"]');
    return true;
  });
  assert.equal(existsSync(join(dir, 'cache')), false, 'a failed ADD writes no cache');
  await assert.rejects(statusNetworkList(ctx, list), { code: 3, msg: 'missing containerID' });
  await assert.rejects(gcNetworkList(ctx, list, { validAttachments: [] }), { message: 'failed to GC plugin bridge: missing containerID\nfailed to GC plugin tuning: missing containerID' });
  await assert.rejects(validateNetworkList(ctx, list), { message: '[plugin bridge does not support config version "1.1.0" plugin tuning does not support config version "1.1.0"]' });
});
