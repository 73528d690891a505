// The demo (README quick start): the real containerd drives multus-ts, with no Kubernetes at all.
// containerd (Debian's, isolated in a throwaway node network namespace and a private mount namespace)
// has a bridge + host-local primary network in its conf dir; the multus-ts daemon runs on the embedded
// local-files source and writes 00-multus.conf (with the pod-annotations capability) beside it; the C
// shim is in containerd's bin dir. Two pod sandboxes annotated with two NetworkAttachmentDefinitions
// (bridge and macvlan, host-local) are created through CRI: each gets eth0 + net1 + net2. We ping
// across both extra networks, print a network-status, stop and remove the sandboxes as the kubelet
// does, and check that nothing leaked. The host's own network is never touched.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LocalSource } from '../src/multus/sources/local.ts';
import { containerdSkipReason, podIPv4s, podLinks, runInPod } from '../test/support/containerd/index.ts';
import { PING_BIN } from '../test/support/netns.ts';
import { realPluginsSkipReason } from '../test/support/real-plugins.ts';
import { linkNames, makeNode, TWO_NETWORKS } from '../test/containerd-e2e/harness.ts';

const say = (s: string) => process.stdout.write(`${s}\n`);
const step = (s: string) => say(`\n== ${s}`);

const why = realPluginsSkipReason() ?? containerdSkipReason();
if (why) {
  console.error(`demo: cannot run: ${why}`);
  process.exit(1);
}

// the helpers register their clean-up here, as a test's after() would
const cleanups: Array<() => unknown> = [];
const host = { after: (fn: () => unknown) => void cleanups.push(fn) };
let failed = false;

try {
  step('containerd in a throwaway node namespace, NADs as local files, the multus-ts daemon');
  const n = await makeNode(host);
  const bridge = n.netConfig('bridge', 'bridge-net');
  const macvlan = n.netConfig('macvlan', 'macvlan-net');
  n.writeNad('demo', 'bridge-net', bridge.config);
  n.writeNad('demo', 'macvlan-net', macvlan.config);
  const localSource = { nadDir: n.nadDir, statusDir: n.statusDir };
  await n.startDaemon({ localSource });
  say(`node namespace ${n.ns}; containerd conf dir ${n.confDir}`);
  say(`00-multus.conf written by the daemon:\n  ${readFileSync(join(n.confDir, '00-multus.conf'), 'utf8')}`);

  const pods = [];
  for (const name of ['pod-a', 'pod-b']) {
    step(`RunPodSandbox ${name} with k8s.v1.cni.cncf.io/networks: ${TWO_NETWORKS['k8s.v1.cni.cncf.io/networks']}`);
    const t0 = performance.now();
    const p = await n.runPod(name, { namespace: 'demo', annotations: TWO_NETWORKS });
    pods.push(p);
    say(`sandbox ${p.id.slice(0, 12)} ready in ${(performance.now() - t0).toFixed(0)} ms; interfaces: ${linkNames(podLinks(n.c, p.netns)).join(' ')}`);
    for (const ifname of ['eth0', 'net1', 'net2']) say(`  ${ifname}: ${podIPv4s(n.c, p.netns, ifname).join(' ')}`);
  }

  for (const ifname of ['net1', 'net2']) {
    const target = podIPv4s(n.c, pods[1].netns, ifname)[0];
    step(`ping ${target} (pod-b ${ifname}) from pod-a over ${ifname}`);
    const r = await runInPod(n.c, pods[0].netns, [PING_BIN ?? 'ping', '-c', '1', '-W', '2', '-I', ifname, target]);
    say(r.code === 0 ? 'reply received' : `NO reply: ${r.stdout}${r.stderr}`);
    if (r.code !== 0) failed = true;
  }

  step(`network-status of pod-a (written by the local source under ${n.statusDir})`);
  say((await new LocalSource(localSource).readNetworkStatus({ namespace: 'demo', name: 'pod-a' })) ?? 'MISSING');

  for (const p of pods) {
    step(`StopPodSandbox + RemovePodSandbox ${p.name}`);
    await n.stopAndRemove(p);
  }

  step('what is left (reservations, caches, sandboxes, netns, veths)');
  const left = await n.leftovers();
  say(left.length ? left.join('\n') : 'nothing');
  if (left.length) failed = true;
} catch (e) {
  failed = true;
  console.error(`demo failed: ${(e as Error).stack ?? e}`);
} finally {
  for (const c of cleanups.reverse()) {
    try {
      await c();
    } catch {
      // best effort: the registries also clean up at exit
    }
  }
}
say(failed ? '\nRESULT: something failed or leaked (see above)' : '\nRESULT: nothing leaked');
process.exitCode = failed ? 1 : 0;
