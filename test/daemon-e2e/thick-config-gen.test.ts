// 00-multus.conf follows the primary CNI config: with `auto`, a new primary that sorts first becomes
// the cluster network; with multusMasterCNI it does not (the Amazon VPC CNI / istio-cni case).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { skipUnlessRealPlugins } from '../support/real-plugins.ts';
import { makeThick } from './harness.ts';

async function waitFor(what: string, f: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!f()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

for (const master of [false, true]) {
  test(`a primary sorting first ${master ? 'is ignored with multusMasterCNI' : 'takes over with auto'}`, async (t) => {
    if (skipUnlessRealPlugins(t)) return;
    const th = await makeThick(t, master ? { multusMasterCNI: '10-cluster.conflist' } : {});
    await th.startDaemon();
    const confPath = join(th.netd, '00-multus.conf');
    const cluster = () => JSON.parse(readFileSync(confPath, 'utf8')).clusterNetwork as string;
    assert.equal(cluster(), join(th.netd, '10-cluster.conflist'));
    writeFileSync(join(th.netd, '05-istio.conflist'), JSON.stringify({ cniVersion: '1.0.0', name: 'istio', plugins: [{ type: 'bridge', capabilities: { portMappings: true } }] }));
    if (master) {
      await new Promise((r) => setTimeout(r, 800));
      assert.equal(cluster(), join(th.netd, '10-cluster.conflist'));
    } else {
      await waitFor('the new primary', () => cluster() === join(th.netd, '05-istio.conflist'));
      // a half-written primary never produces an empty or broken 00-multus.conf
      writeFileSync(join(th.netd, '05-istio.conflist'), '{"cniVersion":"1.0.0","na');
      await new Promise((r) => setTimeout(r, 800));
      assert.equal(cluster(), join(th.netd, '05-istio.conflist'));
    }
  });
}
