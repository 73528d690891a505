// Embedded, no Kubernetes: the daemon on the local-files source writes 00-multus.conf (with the
// io.kubernetes.cri.pod-annotations capability) next to the primary in containerd's conf dir; containerd
// hands each pod's annotations to the shim in runtimeConfig, and two pods annotated with two local NADs
// get eth0 + net1 + net2, reach each other over both extra networks, and have their network-status
// written by the local source. Stop + Remove leave nothing behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LocalSource } from '../../src/multus/sources/local.ts';
import { podIPv4s, podLink, podLinks, runInPod, skipUnlessContainerd } from '../support/containerd/index.ts';
import { PING_BIN } from '../support/netns.ts';
import { skipUnlessRealPlugins } from '../support/real-plugins.ts';
import { linkNames, makeNode, TWO_NETWORKS } from './harness.ts';

test('embedded (local source, no API server): two pods get eth0 + net1 + net2, ping each other, status written, nothing left', async (t) => {
  if (skipUnlessContainerd(t) || skipUnlessRealPlugins(t)) return;
  const n = await makeNode(t);
  const bridge = n.netConfig('bridge', 'bridge-net');
  const macvlan = n.netConfig('macvlan', 'macvlan-net');
  n.writeNad('demo', 'bridge-net', bridge.config);
  n.writeNad('demo', 'macvlan-net', macvlan.config);
  const localSource = { nadDir: n.nadDir, statusDir: n.statusDir };
  await n.startDaemon({ localSource });

  const conf = JSON.parse(readFileSync(join(n.confDir, '00-multus.conf'), 'utf8'));
  assert.equal(conf.type, 'multus-shim');
  assert.equal(conf.clusterNetwork, n.primary!.path);
  assert.equal(conf.capabilities['io.kubernetes.cri.pod-annotations'], true);

  const t0 = performance.now();
  const pods = [
    await n.runPod('pod-a', { namespace: 'demo', annotations: { ...TWO_NETWORKS, 'example.com/unrelated': 'x' } }),
    await n.runPod('pod-b', { namespace: 'demo', annotations: TWO_NETWORKS }),
  ];
  t.diagnostic(`2 × RunPodSandbox with two extra networks: ${(performance.now() - t0).toFixed(0)} ms`);

  const addrs = pods.map((p) => ({ eth0: podIPv4s(n.c, p.netns, 'eth0'), net1: podIPv4s(n.c, p.netns, 'net1'), net2: podIPv4s(n.c, p.netns, 'net2') }));
  for (const [i, p] of pods.entries()) {
    assert.deepEqual(linkNames(podLinks(n.c, p.netns)), ['eth0', 'lo', 'net1', 'net2'], p.name);
    assert.equal(podLink(n.c, p.netns, 'net2').linkinfo?.info_kind, 'macvlan');
    assert.match(addrs[i].eth0[0], new RegExp(`^${n.primary!.subnet.replaceAll('.', '\\.')}\\.\\d+$`));
    assert.match(addrs[i].net1[0], new RegExp(`^${bridge.subnet.replaceAll('.', '\\.')}\\.\\d+$`));
    assert.match(addrs[i].net2[0], new RegExp(`^${macvlan.subnet.replaceAll('.', '\\.')}\\.\\d+$`));
    // what containerd reports as the pod IP is the cluster network's, from the shim's ADD result
    assert.equal((await n.c.cri.podSandboxStatus(p.id)).ip, addrs[i].eth0[0]);
  }

  // pod-a → pod-b over each extra network (the bridge in the node namespace, macvlan on the veth master)
  for (const ifname of ['net1', 'net2'] as const) {
    const r = await runInPod(n.c, pods[0].netns, [PING_BIN ?? 'ping', '-c', '1', '-W', '2', '-I', ifname, addrs[1][ifname][0]]);
    assert.equal(r.code, 0, `ping over ${ifname}: ${r.stdout}${r.stderr}`);
  }

  const src = new LocalSource(localSource);
  for (const [i, p] of pods.entries()) {
    const text = await src.readNetworkStatus({ namespace: 'demo', name: p.name });
    assert.ok(text, `network-status of ${p.name} written`);
    assert.deepEqual(JSON.parse(text).map((e: { name: string; interface: string; ips: string[] }) => [e.name, e.interface, e.ips]), [
      ['cluster', 'eth0', addrs[i].eth0],
      ['demo/bridge-net', 'net1', addrs[i].net1],
      ['demo/macvlan-net', 'net2', addrs[i].net2],
    ]);
  }

  // the leak check sees every kind of state a pod has while it runs (so its empty answer below means something)
  const during = await n.leftovers();
  for (const kind of ['sandbox', 'host-local reservation', 'delegate cache', 'libcni cache', 'pod netns', 'node link']) {
    assert.ok(during.some((l) => l.startsWith(`${kind} `)), `${kind} while the pods run: ${during.join('; ')}`);
  }

  const t1 = performance.now();
  for (const p of pods) await n.stopAndRemove(p);
  t.diagnostic(`2 × StopPodSandbox + RemovePodSandbox: ${(performance.now() - t1).toFixed(0)} ms`);
  assert.deepEqual(await n.leftovers(), []);
  // and the node itself goes away completely: containerd, its shims, the daemon in its mount namespace
  await n.teardown();
  assert.deepEqual(n.teardownLeftovers(), []);
});
