// Config generation live, with containerd reading the conf dir the daemon writes into: a new primary
// conflist that sorts first (05-…, an istio-cni/VPC-CNI-like drop-in) is dropped while pods run.
//  - multusMasterCNI set: 00-multus.conf keeps pointing at the configured primary, new pods get the
//    same cluster network as before;
//  - auto: the daemon regenerates 00-multus.conf for the new primary, containerd reloads it, and new
//    pods get the new cluster network (still with their extra networks: 00-multus.conf sorts first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LocalSource } from '../../src/multus/sources/local.ts';
import { podIPv4s, podLinks, skipUnlessContainerd } from '../support/containerd/index.ts';
import { skipUnlessRealPlugins } from '../support/real-plugins.ts';
import { linkNames, makeNode, TWO_NETWORKS } from './harness.ts';

async function waitFor(what: string, f: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!f()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

for (const master of [true, false]) {
  test(`a new primary sorting first ${master ? 'changes nothing with multusMasterCNI' : 'becomes the cluster network with auto'}`, async (t) => {
    if (skipUnlessContainerd(t) || skipUnlessRealPlugins(t)) return;
    const n = await makeNode(t);
    const first = n.primary!;
    n.writeNad('demo', 'bridge-net', n.netConfig('bridge', 'bridge-net').config);
    n.writeNad('demo', 'macvlan-net', n.netConfig('macvlan', 'macvlan-net').config);
    const localSource = { nadDir: n.nadDir, statusDir: n.statusDir };
    await n.startDaemon({ localSource, logLevel: 'debug', ...(master ? { multusMasterCNI: '10-cluster.conflist' } : {}) });
    const confPath = join(n.confDir, '00-multus.conf');
    const clusterNetwork = () => JSON.parse(readFileSync(confPath, 'utf8')).clusterNetwork as string;
    // the daemon's rescans after a directory change, by the time they were logged (debug level)
    const rescansSince = (ms: number) => n.daemonLog().split('\n').filter((l) => /"reason":"change","msg":"(00-multus\.conf unchanged|Generated MultusCNI config)/.test(l))
      .filter((l) => (JSON.parse(l) as { time: number }).time >= ms).length;

    const before = await n.runPod('pod-a', { namespace: 'demo', annotations: TWO_NETWORKS });
    assert.ok(podIPv4s(n.c, before.netns, 'eth0')[0].startsWith(`${first.subnet}.`));

    const written = Date.now();
    const second = n.writePrimary({ file: '05-other.conflist', name: 'other' });
    // the daemon's rescan of this change has run (debounced), whatever it decided
    await waitFor('the daemon\'s rescan', () => rescansSince(written) > 0);
    const expected = master ? first : second;
    assert.equal(clusterNetwork(), expected.path);
    // and containerd runs what is in 00-multus.conf now (it reloads the conf dir on its own schedule)
    await n.waitForLoaded(`00-multus.conf for ${expected.name}`, (l) => l?.plugins[0]?.type === 'multus-shim' && l.plugins[0].clusterNetwork === expected.path);

    const after = await n.runPod('pod-b', { namespace: 'demo', annotations: TWO_NETWORKS });
    assert.deepEqual(linkNames(podLinks(n.c, after.netns)), ['eth0', 'lo', 'net1', 'net2']);
    const eth0 = podIPv4s(n.c, after.netns, 'eth0')[0];
    assert.ok(eth0.startsWith(`${expected.subnet}.`), `eth0 ${eth0} from ${expected.name}`);
    const status = JSON.parse((await new LocalSource(localSource).readNetworkStatus({ namespace: 'demo', name: 'pod-b' })) ?? '[]') as Array<{ name: string; interface: string }>;
    assert.deepEqual(status.map((e) => `${e.name} ${e.interface}`), [`${expected.name} eth0`, 'demo/bridge-net net1', 'demo/macvlan-net net2']);

    // pod-a's DEL still goes to the cluster network it was attached to (from its cache), not the new one
    for (const p of [before, after]) await n.stopAndRemove(p);
    assert.deepEqual(await n.leftovers(), []);
  });
}
