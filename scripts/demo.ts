// The demo (README quick start): multus-ts in thick mode on the embedded local-files source, with no
// Kubernetes. The daemon runs in a throwaway "node" network namespace and writes its 00-multus.conf
// into a temporary CNI conf dir; two pods (network namespaces) are attached through the C shim
// exactly as containerd does it (libcni reads the conf dir, execs the shim, hands the pod's
// annotations over as a capability argument). Each pod gets the cluster network and two extra
// networks (bridge and macvlan, host-local IPAM); we ping across both, print the network-status,
// delete everything and check that nothing leaked. The host's own network is never touched.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resultToJSON } from '../src/cni/result/index.ts';
import { LocalSource } from '../src/multus/sources/local.ts';
import { ipAddrIn, linksIn, ping } from '../test/support/netns.ts';
import { realPluginsSkipReason } from '../test/support/real-plugins.ts';
import { makeThick } from '../test/daemon-e2e/harness.ts';

const say = (s: string) => process.stdout.write(`${s}\n`);
const step = (s: string) => say(`\n== ${s}`);

const why = realPluginsSkipReason();
if (why) {
  console.error(`demo: cannot run: ${why}`);
  process.exit(1);
}

// the helpers register their clean-up here, as a test's after() would
const cleanups: Array<() => unknown> = [];
const host = { after: (fn: () => unknown) => void cleanups.push(fn) };
let failed = false;

try {
  step('a throwaway node namespace, NetworkAttachmentDefinitions as local files, the daemon');
  const th0 = await makeThick(host, {});
  const { node } = th0;
  const nads = join(node.dir, 'nads');
  const statusDir = join(node.dir, 'status');
  mkdirSync(nads);
  const bridge = node.network('bridge');
  const macvlan = node.network('macvlan');
  writeFileSync(join(nads, 'networks.yaml'), [
    `apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: bridge-net\n  namespace: demo\nspec:\n  config: '${bridge.config}'`,
    `apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: macvlan-net\n  namespace: demo\nspec:\n  config: '${macvlan.config}'`,
  ].join('\n---\n'));
  writeFileSync(th0.configFile, JSON.stringify({ ...JSON.parse(readFileSync(th0.configFile, 'utf8')), localSource: { nadDir: nads, statusDir } }));
  await th0.startDaemon();
  say(`node namespace: ${node.ns}`);
  say(`daemon config ${th0.configFile}:\n  ${readFileSync(th0.configFile, 'utf8')}`);
  say(`generated ${join(th0.netd, '00-multus.conf')}:\n  ${readFileSync(join(th0.netd, '00-multus.conf'), 'utf8')}`);

  const annotations = { 'k8s.v1.cni.cncf.io/networks': 'bridge-net,macvlan-net' };
  const pods = [node.pod(), node.pod()];
  const names = ['pod-a', 'pod-b'];
  const addr = (pod: string, ifname: string) => ipAddrIn(pod, ifname).addr_info?.find((a) => a.family === 'inet')?.local ?? '?';
  for (const [i, pod] of pods.entries()) {
    step(`ADD ${names[i]} (netns ${pod}) with k8s.v1.cni.cncf.io/networks: bridge-net,macvlan-net`);
    const t0 = performance.now();
    const r = resultToJSON(await th0.add(pod, `sandbox-${names[i]}`, names[i], annotations, 'demo'));
    say(`result (cluster network) in ${(performance.now() - t0).toFixed(0)} ms: ${JSON.stringify(r)}`);
    for (const ifname of ['eth0', 'net1', 'net2']) say(`  ${ifname}: ${addr(pod, ifname)}`);
  }

  for (const ifname of ['net1', 'net2']) {
    const target = addr(pods[1], ifname);
    step(`ping ${target} (${names[1]} ${ifname}) from ${names[0]}`);
    const ok = await ping(pods[0], target);
    say(ok ? 'reply received' : 'NO reply');
    if (!ok) failed = true;
  }

  step(`network-status of ${names[0]} (written by the local source to ${join(statusDir, 'demo', `${names[0]}.json`)})`);
  say((await new LocalSource({ nadDir: nads, statusDir }).readNetworkStatus({ namespace: 'demo', name: names[0] })) ?? 'MISSING');

  for (const [i, pod] of pods.entries()) {
    step(`DEL ${names[i]}`);
    await th0.del(pod, `sandbox-${names[i]}`, names[i], annotations, 'demo');
  }
  await th0.stopDaemon();

  step('what is left');
  const isAddress = (f: string) => /^\d+\.\d+\.\d+\.\d+$/.test(f);
  const reservations = existsSync(node.ipamDir) ? readdirSync(node.ipamDir).flatMap((n) => readdirSync(join(node.ipamDir, n)).filter(isAddress)) : [];
  const caches = [node.cniDir, join(node.dir, 'runtime-cache')].flatMap((d) => (existsSync(d) ? readdirSync(d, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name) : []));
  const podLinks = pods.flatMap((p) => linksIn(p).filter((l) => l.ifname !== 'lo').map((l) => l.ifname));
  const veths = linksIn(node.ns).filter((l) => l.linkinfo?.info_kind === 'veth' && !/^mv[ab]/.test(l.ifname)).map((l) => l.ifname);
  say(`IP reservations: ${reservations.join(' ') || 'none'}`);
  say(`cache files:     ${caches.join(' ') || 'none'}`);
  say(`pod links:       ${podLinks.join(' ') || 'none (only lo)'}`);
  say(`node veths:      ${veths.join(' ') || 'none'}`);
  if (reservations.length || caches.length || podLinks.length || veths.length) failed = true;
} catch (e) {
  failed = true;
  console.error(`demo failed: ${(e as Error).stack ?? e}`);
} finally {
  for (const c of cleanups.reverse()) {
    try {
      await c();
    } catch {
      // best effort: the namespace registry also cleans up at exit
    }
  }
}
say(failed ? '\nRESULT: something failed or leaked (see above)' : '\nRESULT: nothing leaked');
process.exitCode = failed ? 1 : 0;
