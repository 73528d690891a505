// Issue 8's thin-plugin figures: P1 (ADD+DEL of one pod, cluster network + 3 NADs), P2 (a
// loopback-only pod's ADD) and P4 (API requests per ADD / DEL) through the thin plugin, as the
// runtime runs it (one process per call, pods and NADs from the fake API server), against the same
// delegates run directly, interleaved, in a throwaway node namespace. Two builds of the plugin:
//   sea  dist/multus, the single executable (`npm run build:sea`; code cache in the blob)
//   cjs  dist/multus.cjs on the project's Node (what a host with Node 24 could run instead)
// usage: node bench/thin.ts [iterations=15]
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfList } from '../src/cni/config/index.ts';
import { ProcessExec } from '../src/cni/exec/index.ts';
import { addNetworkList, delNetworkList, type RuntimeConf, type RuntimeContext } from '../src/cni/runtime/index.ts';
import { createPodNs, podNetnsPath } from '../test/support/netns.ts';
import { REAL_PLUGIN_DIR } from '../test/support/real-plugins.ts';
import { startFakeApiServer } from '../test/support/fake-apiserver/index.ts';
import { writeExecutable } from '../test/support/tmp.ts';
import { runInsideNodeNs } from './lib/in-node-ns.ts';
import { benchNode, PATH_ENV } from './lib/node.ts';
import { benchNetworks } from './lib/networks.ts';
import { ms, summarize, table, timeIt } from './lib/stats.ts';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
for (const f of ['multus', 'multus.cjs']) {
  if (!existsSync(join(DIST, f))) {
    console.error(`bench/thin: dist/${f} is missing: run \`npm run build && npm run build:sea\` first`);
    process.exit(1);
  }
}
const inner = runInsideNodeNs(import.meta.url, 0);
if (!inner) process.exit(0);
const ITER = Number(process.argv[2] ?? 15);
const node = benchNode(inner);
const { dir, master, host } = node;
const ipam = join(dir, 'ipam');

// ---- networks (those of bench/thick.ts) ----
const { cluster, loopback, nads, directLists } = benchNetworks(ipam, master, '10.78');
const clusterFile = join(dir, '10-cluster.conflist');
writeFileSync(clusterFile, JSON.stringify(cluster));
const loFile = join(dir, '10-lo.conflist');
writeFileSync(loFile, JSON.stringify(loopback));
const api = await startFakeApiServer({ bookmarkIntervalMs: 60_000 });
host.after(() => api.close());
const kubeconfig = await api.writeKubeconfig(join(dir, 'kubeconfig'));
for (const [n, c] of Object.entries(nads)) api.createNad('bench', n, JSON.stringify(c));
const pod = (name: string, networks: string) => api.createPod({ metadata: { name, namespace: 'bench', uid: `uid-${name}`, annotations: { 'k8s.v1.cni.cncf.io/networks': networks } }, spec: { nodeName: 'n1' } });

// ---- the two builds, each in a bin dir of its own as `multus`, beside the Debian plugins ----
const binFor = (name: string, install: (bin: string) => void): string => {
  const bin = join(dir, `bin-${name}`);
  mkdirSync(bin);
  install(bin);
  return bin;
};
const builds: Record<string, string> = {
  sea: binFor('sea', (bin) => symlinkSync(join(DIST, 'multus'), join(bin, 'multus'))),
  // exec, not a child: the shell is gone before Node starts (~1 ms of sh)
  // (MTS_THIN_NODE_FLAGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/p", profiles every call)
  cjs: binFor('cjs', (bin) => writeExecutable(bin, 'multus', `#!/bin/sh\nexec ${process.execPath} ${process.env.MTS_THIN_NODE_FLAGS ?? ''} ${join(DIST, 'multus.cjs')}\n`)),
};
const multusList = (clusterNetwork: string) => parseConfList(JSON.stringify({
  cniVersion: '1.0.0', name: 'multus-cni-network',
  plugins: [{ type: 'multus', kubeconfig, clusterNetwork, cniDir: join(dir, 'cni'), binDir: REAL_PLUGIN_DIR, confDir: dir }],
}));
const p1List = multusList(clusterFile);
const p2List = multusList(loFile);
const ctx = (bin: string): RuntimeContext => Object.freeze({ paths: [bin], cacheDir: join(dir, `rt-cache-${bin.split('-').pop()}`), exec: new ProcessExec(), baseEnv: PATH_ENV });
const direct: RuntimeContext = Object.freeze({ paths: [REAL_PLUGIN_DIR], cacheDir: join(dir, 'direct-cache'), exec: new ProcessExec(), baseEnv: PATH_ENV });
const rt = (ns: string, cid: string, name: string): RuntimeConf => ({
  containerID: cid, netNS: podNetnsPath(ns), ifName: 'eth0',
  args: [['IgnoreUnknown', '1'], ['K8S_POD_NAMESPACE', 'bench'], ['K8S_POD_NAME', name], ['K8S_POD_INFRA_CONTAINER_ID', cid], ['K8S_POD_UID', `uid-${name}`]],
});
const directPod = async (ns: string, cid: string, op: 'add' | 'del') => {
  const order = directLists.map((l, i) => [l, i] as const);
  if (op === 'del') order.reverse();
  for (const [l, i] of order) {
    const r = { containerID: cid, netNS: podNetnsPath(ns), ifName: i === 0 ? 'eth0' : `net${i}` };
    if (op === 'add') await addNetworkList(direct, l, r);
    else await delNetworkList(direct, l, r);
  }
};

pod('p1', 'bridge-net,macvlan-net,ptp-net');
pod('p2', '');
const p1: Record<string, number[]> = { direct: [], sea: [], cjs: [] };
const p1Over: Record<string, number[]> = { sea: [], cjs: [] };
const p2: Record<string, number[]> = { lo: [], sea: [], cjs: [] };
const p4: Record<string, { add: string[]; del: string[] }> = {};
const loDirect = parseConfList(readFileSync(loFile, 'utf8'));
process.stderr.write('bench: P1, P2\n');
for (let i = 0; i < ITER + 2; i++) {
  const ns = createPodNs(host);
  const d = await timeIt(async () => {
    await directPod(ns, `d${i}`, 'add');
    await directPod(ns, `d${i}`, 'del');
  });
  const nsl = createPodNs(host);
  const l = await timeIt(() => addNetworkList(direct, loDirect, { containerID: `l${i}`, netNS: podNetnsPath(nsl), ifName: 'lo' }));
  if (i >= 2) {
    p1.direct.push(d);
    p2.lo.push(l);
  }
  for (const [name, bin] of Object.entries(builds)) {
    const c = ctx(bin);
    const ns2 = createPodNs(host);
    const record = i === ITER + 1;
    if (record) api.clearRequests();
    const add = await timeIt(() => addNetworkList(c, p1List, rt(ns2, `${name}${i}`, 'p1')));
    const addReq = api.requests.filter((r) => !r.watch).map((r) => `${r.method} ${r.resource}${r.subresource ? `/${r.subresource}` : ''}`);
    if (record) api.clearRequests();
    const del = await timeIt(() => delNetworkList(c, p1List, rt(ns2, `${name}${i}`, 'p1')));
    if (record) p4[name] = { add: addReq, del: api.requests.filter((r) => !r.watch).map((r) => `${r.method} ${r.resource}${r.subresource ? `/${r.subresource}` : ''}`) };
    const nsl2 = createPodNs(host);
    const lo = await timeIt(() => addNetworkList(c, p2List, rt(nsl2, `${name}l${i}`, 'p2')));
    await delNetworkList(c, p2List, rt(nsl2, `${name}l${i}`, 'p2'));
    if (i >= 2) {
      p1[name].push(add + del);
      p1Over[name].push(add + del - d);
      p2[name].push(lo);
    }
  }
}

const med = (xs: number[]) => summarize(xs).median;
const count = (xs: string[]) => {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return [...m].map(([k, n]) => `${n} ${k}`).join(', ');
};
console.log(`thin plugin (one process per call), ${ITER} iterations, medians; Multus 4.2.2 thin figures from issue 8 for reference`);
console.log(table([
  ['figure', 'sea (dist/multus)', 'cjs (node dist/multus.cjs)', 'direct baseline', 'target', 'Multus 4.2.2 thin'],
  ['P1 ADD+DEL, cluster + 3 NADs', ms(med(p1.sea)), ms(med(p1.cjs)), ms(med(p1.direct)), '-', '466 ms'],
  ['P1 overhead (paired)', ms(med(p1Over.sea)), ms(med(p1Over.cjs)), '-', '≤ +141 ms', '+141 ms (1.43x)'],
  ['P2 ADD, loopback-only pod', ms(med(p2.sea)), ms(med(p2.cjs)), ms(med(p2.lo)), '-', '89 ms'],
  ['P4 API requests per ADD', count(p4.sea?.add ?? []), count(p4.cjs?.add ?? []), '-', 'the pod read once', '11'],
  ['P4 API requests per DEL', count(p4.sea?.del ?? []), count(p4.cjs?.del ?? []), '-', '-', '1'],
]));
await node.cleanup();
process.exit(0);
