// The thin plugin: containerd execs the `multus` executable itself (a sh wrapper around
// src/bin/multus.ts in its bin dir); its `"type": "multus"` config is the only file in containerd's conf
// dir, the cluster network is a conflist elsewhere (by path) or inline (`delegates`). No daemon.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NETWORK_STATUS_ANNOTATION } from '../../src/multus/network-status.ts';
import { LocalSource } from '../../src/multus/sources/local.ts';
import { startFakeApiServer } from '../support/fake-apiserver/index.ts';
import { podIPv4s, podLinks, runInPod, skipUnlessContainerd } from '../support/containerd/index.ts';
import { bridgeTcpIntoNetns } from '../support/netns-tcp-bridge.ts';
import { PING_BIN } from '../support/netns.ts';
import { REAL_PLUGIN_DIR, skipUnlessRealPlugins } from '../support/real-plugins.ts';
import { linkNames, makeNode, TWO_NETWORKS, type Node } from './harness.ts';

type Entry = { name: string; interface: string; ips: string[] };

/** The thin config as containerd's only network; waits until containerd has loaded it. */
async function installThin(n: Node, extra: Record<string, unknown>): Promise<void> {
  writeFileSync(join(n.confDir, '10-multus.conf'), JSON.stringify({
    cniVersion: '1.0.0', name: 'multus-cni-network', type: 'multus',
    cniDir: n.cniDir, confDir: join(n.dir, 'multus.d'), binDir: REAL_PLUGIN_DIR, logFile: join(n.dir, 'multus.log'), logLevel: 'verbose',
    ...extra,
  }, null, 2));
  await n.waitForLoaded('the thin config', (l) => l?.plugins[0]?.type === 'multus');
}

async function twoPods(n: Node, namespace: string, annotations: Record<string, string> = {}) {
  const pods = [await n.runPod('pod-a', { namespace, annotations }), await n.runPod('pod-b', { namespace, annotations })];
  for (const p of pods) assert.deepEqual(linkNames(podLinks(n.c, p.netns)), ['eth0', 'lo', 'net1', 'net2'], p.name);
  const addrs = pods.map((p) => ({ eth0: podIPv4s(n.c, p.netns, 'eth0'), net1: podIPv4s(n.c, p.netns, 'net1'), net2: podIPv4s(n.c, p.netns, 'net2') }));
  for (const ifname of ['net1', 'net2'] as const) {
    const r = await runInPod(n.c, pods[0].netns, [PING_BIN ?? 'ping', '-c', '1', '-W', '2', '-I', ifname, addrs[1][ifname][0]]);
    assert.equal(r.code, 0, `ping over ${ifname}: ${r.stdout}${r.stderr}`);
  }
  return { pods, addrs };
}

test('thin plugin, local source: clusterNetwork by path, the annotations from runtimeConfig', async (t) => {
  if (skipUnlessContainerd(t) || skipUnlessRealPlugins(t)) return;
  const n = await makeNode(t, { primary: null });
  mkdirSync(join(n.dir, 'primary.d'));
  const primary = n.writePrimary({}, join(n.dir, 'primary.d'));
  const bridge = n.netConfig('bridge', 'bridge-net');
  const macvlan = n.netConfig('macvlan', 'macvlan-net');
  n.writeNad('demo', 'bridge-net', bridge.config);
  n.writeNad('demo', 'macvlan-net', macvlan.config);
  const localSource = { nadDir: n.nadDir, statusDir: n.statusDir };
  await installThin(n, { clusterNetwork: primary.path, localSource, capabilities: { 'io.kubernetes.cri.pod-annotations': true } });

  const t0 = performance.now();
  const { pods, addrs } = await twoPods(n, 'demo', TWO_NETWORKS);
  t.diagnostic(`2 × RunPodSandbox through the thin plugin: ${(performance.now() - t0).toFixed(0)} ms`);
  for (const [i, p] of pods.entries()) {
    assert.ok(addrs[i].eth0[0].startsWith(`${primary.subnet}.`));
    const text = await new LocalSource(localSource).readNetworkStatus({ namespace: 'demo', name: p.name });
    assert.deepEqual(JSON.parse(text ?? '[]').map((e: Entry) => [e.name, e.interface, e.ips]), [
      ['cluster', 'eth0', addrs[i].eth0], ['demo/bridge-net', 'net1', addrs[i].net1], ['demo/macvlan-net', 'net2', addrs[i].net2],
    ]);
  }
  for (const p of pods) await n.stopAndRemove(p);
  assert.deepEqual(await n.leftovers(), []);
});

test('thin plugin, Kubernetes source: the cluster network inline (delegates), kubeconfig', async (t) => {
  if (skipUnlessContainerd(t) || skipUnlessRealPlugins(t)) return;
  const n = await makeNode(t, { primary: null });
  mkdirSync(join(n.dir, 'primary.d'));
  const primary = n.writePrimary({}, join(n.dir, 'primary.d'));
  const api = await startFakeApiServer();
  t.after(() => api.close());
  await bridgeTcpIntoNetns(t, n.ns, api.port);
  const kubeconfig = await api.writeKubeconfig(join(n.dir, 'kubeconfig'));
  api.createNad('team-a', 'bridge-net', n.netConfig('bridge', 'bridge-net').config);
  api.createNad('team-a', 'macvlan-net', n.netConfig('macvlan', 'macvlan-net').config);
  for (const name of ['pod-a', 'pod-b']) {
    api.createPod({ metadata: { name, namespace: 'team-a', uid: `uid-team-a-${name}`, annotations: TWO_NETWORKS }, spec: { nodeName: 'n1' } });
  }
  await installThin(n, { delegates: [JSON.parse(primary.config)], kubeconfig });

  const { pods, addrs } = await twoPods(n, 'team-a');
  for (const [i, p] of pods.entries()) {
    const text = api.getPod('team-a', p.name)?.metadata?.annotations?.[NETWORK_STATUS_ANNOTATION];
    assert.deepEqual(JSON.parse(text ?? '[]').map((e: Entry) => [e.name, e.interface, e.ips]), [
      ['cluster', 'eth0', addrs[i].eth0], ['team-a/bridge-net', 'net1', addrs[i].net1], ['team-a/macvlan-net', 'net2', addrs[i].net2],
    ]);
  }
  for (const p of pods) await n.stopAndRemove(p);
  assert.deepEqual(await n.leftovers(), []);
});
