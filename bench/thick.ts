// Issue 4 / issue 8 benchmark: thick mode (C shim → daemon) against running the same delegates
// directly, in a throwaway node namespace with the Debian plugins and the fake API server.
//   P1  ADD+DEL of one pod: cluster network + 3 NADs (bridge, macvlan, ptp; host-local)
//   P2  ADD of a pod whose only network is loopback
//   P3  N pods ADDed at once (cluster + 1 NAD), then DELed at once; daemon RSS idle/peak
//   P4  API requests per ADD / per DEL with warm informers
// usage: node bench/thick.ts [iterations=15] [burst=100] [burst rounds=3]
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { confListFromConf, loadConfList, parseConfList, parsePluginConf } from '../src/cni/config/index.ts';
import { ProcessExec } from '../src/cni/exec/index.ts';
import { addNetworkList, delNetworkList, type RuntimeConf, type RuntimeContext } from '../src/cni/runtime/index.ts';
import { createPodNs, podNetnsPath } from '../test/support/netns.ts';
import { REAL_PLUGIN_DIR } from '../test/support/real-plugins.ts';
import { startFakeApiServer } from '../test/support/fake-apiserver/index.ts';
import { runInsideNodeNs } from './lib/in-node-ns.ts';
import { benchNode, PATH_ENV } from './lib/node.ts';
import { benchNetworks } from './lib/networks.ts';
import { ms, summarize, table, timeIt } from './lib/stats.ts';

const inner = runInsideNodeNs(import.meta.url, 0);
if (!inner) process.exit(0);
const ITER = Number(process.argv[2] ?? 15);
const BURST = Number(process.argv[3] ?? 100);
const ROUNDS = Number(process.argv[4] ?? 3);
const node = benchNode(inner);
const { dir, master, host } = node;
const ipam = join(dir, 'ipam');

// ---- networks ----
const { cluster, loopback, nads, directLists } = benchNetworks(ipam, master, '10.77');
const netd = join(dir, 'net.d');
mkdirSync(netd);
writeFileSync(join(netd, '10-cluster.conflist'), JSON.stringify(cluster));
const loopbackDir = join(dir, 'lo.d');
mkdirSync(loopbackDir);
writeFileSync(join(loopbackDir, '10-lo.conflist'), JSON.stringify(loopback));

// ---- API + daemon (the daemon's default delegateConcurrency unless MTS_DELEGATE_CONCURRENCY says) ----
const api = await startFakeApiServer({ bookmarkIntervalMs: 60_000 });
host.after(() => api.close());
const kubeconfig = await api.writeKubeconfig(join(dir, 'kubeconfig'));
for (const [n, c] of Object.entries(nads)) api.createNad('bench', n, JSON.stringify(c));
const pod = (name: string, networks: string) => api.createPod({ metadata: { name, namespace: 'bench', uid: `uid-${name}`, annotations: { 'k8s.v1.cni.cncf.io/networks': networks } }, spec: { nodeName: 'n1' } });
const socketDir = join(dir, 'run');
const cniDir = join(dir, 'cni');
const configFile = join(dir, 'daemon-config.json');
writeFileSync(configFile, JSON.stringify({ cniVersion: '1.0.0', cniConfigDir: netd, multusAutoconfigDir: netd, socketDir, daemonSocketDir: socketDir, cniDir, binDir: REAL_PLUGIN_DIR, kubeconfig, metricsAddress: '', ...(process.env.MTS_DELEGATE_CONCURRENCY ? { delegateConcurrency: Number(process.env.MTS_DELEGATE_CONCURRENCY) } : {}) }));
// MTS_DAEMON_ENTRY runs another build of the daemon (an unminified bundle gives readable names in a
// --cpu-prof or perf profile; the .ts source cannot run under --lite-mode, which has no WebAssembly)
const bundle = process.env.MTS_DAEMON_ENTRY ?? fileURLToPath(new URL('../dist/multus-daemon.cjs', import.meta.url));
// The V8 flags the DaemonSet and the image run the daemon with (deploy/): a 1 MB young generation and
// no optimising compiler keep the daemon's RSS within budget; it is I/O bound, so lite mode costs
// nothing measurable (see bench/README.md). MTS_DAEMON_NODE_FLAGS overrides them for experiments.
const DAEMON_NODE_FLAGS = '--max-semi-space-size=1 --lite-mode';
const daemon = spawn(process.execPath, [...(process.env.MTS_DAEMON_NODE_FLAGS ?? DAEMON_NODE_FLAGS).split(' ').filter(Boolean), bundle, '-config', configFile], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...PATH_ENV, MULTUS_NODE_NAME: 'n1' } });
// MTS_DAEMON_STOP_SIGNAL=SIGTERM stops it gracefully, so --cpu-prof can write its profile
host.after(() => new Promise((r) => { daemon.once('exit', r); daemon.kill(process.env.MTS_DAEMON_STOP_SIGNAL === 'SIGTERM' ? 'SIGTERM' : 'SIGKILL'); }));
// a benchmark killed mid-way (timeout, ^C) must not leave the daemon running
process.once('exit', () => daemon.kill('SIGKILL'));
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => process.exit(130));
const rss = () => {
  const s = readFileSync(`/proc/${daemon.pid}/status`, 'utf8');
  const kb = (k: string) => Number(/(\d+) kB/.exec(s.split('\n').find((l) => l.startsWith(k)) ?? '')?.[1] ?? 0) / 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
};
// the daemon's own CPU time (all its threads, not its plugins'), in ms, from schedstat's nanoseconds:
// what it adds on a busy node
const cpuMs = () => {
  let ns = 0;
  for (const t of readdirSync(`/proc/${daemon.pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${daemon.pid}/task/${t}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // the thread ended while we looked
    }
  }
  return ns / 1e6;
};
for (let i = 0; i < 200; i++) {
  try {
    readFileSync(join(netd, '00-multus.conf'));
    break;
  } catch {
    await new Promise((r) => setTimeout(r, 50));
  }
}
const shimDir = fileURLToPath(new URL('../dist/', import.meta.url));
const runtime: RuntimeContext = Object.freeze({ paths: [shimDir], cacheDir: join(dir, 'rt-cache'), exec: new ProcessExec(), baseEnv: PATH_ENV });
const direct: RuntimeContext = Object.freeze({ paths: [REAL_PLUGIN_DIR], cacheDir: join(dir, 'direct-cache'), exec: new ProcessExec(), baseEnv: PATH_ENV });
const multusList = await loadConfList(netd, 'multus-cni-network');
const loList = confListFromConf(parsePluginConf(JSON.stringify({ ...JSON.parse(readFileSync(join(netd, '00-multus.conf'), 'utf8')), clusterNetwork: join(loopbackDir, '10-lo.conflist') })));
const loDirect = parseConfList(readFileSync(join(loopbackDir, '10-lo.conflist'), 'utf8'));
const rt = (ns: string, cid: string, name: string): RuntimeConf => ({
  containerID: cid, netNS: podNetnsPath(ns), ifName: 'eth0',
  args: [['IgnoreUnknown', '1'], ['K8S_POD_NAMESPACE', 'bench'], ['K8S_POD_NAME', name], ['K8S_POD_INFRA_CONTAINER_ID', cid], ['K8S_POD_UID', `uid-${name}`]],
});
// the delegates of a pod run directly, each as its own network with its interface name
const directPod = async (ns: string, cid: string, lists = directLists, op: 'add' | 'del' = 'add') => {
  const order = op === 'add' ? lists.map((l, i) => [l, i] as const) : lists.map((l, i) => [l, i] as const).reverse();
  for (const [l, i] of order) {
    const r = { containerID: cid, netNS: podNetnsPath(ns), ifName: i === 0 ? 'eth0' : `net${i}` };
    if (op === 'add') await addNetworkList(direct, l, r);
    else await delNetworkList(direct, l, r);
  }
};

const idle = rss();
process.stderr.write('bench: P1\n');
// ---- P1 ----
const p1 = { thick: [] as number[], direct: [] as number[], over: [] as number[], add: [] as number[], cpuAdd: [] as number[], cpuDel: [] as number[] };
pod('p1', 'bridge-net,macvlan-net,ptp-net');
for (let i = 0; i < ITER + 2; i++) {
  const ns = createPodNs(host);
  const d = await timeIt(async () => {
    await directPod(ns, `d${i}`);
    await directPod(ns, `d${i}`, directLists, 'del');
  });
  const ns2 = createPodNs(host);
  let add = 0;
  const c = [cpuMs(), 0, 0];
  const t = await timeIt(async () => {
    add = await timeIt(() => addNetworkList(runtime, multusList, rt(ns2, `t${i}`, 'p1')));
    c[1] = cpuMs();
    await delNetworkList(runtime, multusList, rt(ns2, `t${i}`, 'p1'));
    c[2] = cpuMs();
  });
  if (i >= 2) {
    p1.direct.push(d);
    p1.thick.push(t);
    p1.over.push(t - d);
    p1.add.push(add);
    p1.cpuAdd.push(c[1] - c[0]);
    p1.cpuDel.push(c[2] - c[1]);
  }
}
process.stderr.write('bench: P4\n');
// ---- P4 (warm informers: the pod and NADs are cached by now) ----
pod('p4', 'bridge-net,macvlan-net,ptp-net');
await new Promise((r) => setTimeout(r, 300));
const ns4 = createPodNs(host);
api.clearRequests();
await addNetworkList(runtime, multusList, rt(ns4, 'p4', 'p4'));
const addReq = api.requests.filter((r) => !r.watch);
api.clearRequests();
await delNetworkList(runtime, multusList, rt(ns4, 'p4', 'p4'));
const delReq = api.requests.filter((r) => !r.watch);
process.stderr.write('bench: P2\n');
// ---- P2 ----
const p2 = { thick: [] as number[], lo: [] as number[], cpu: [] as number[] };
pod('p2', '');
for (let i = 0; i < ITER + 2; i++) {
  const ns = createPodNs(host);
  const l = await timeIt(() => addNetworkList(direct, loDirect, { containerID: `l${i}`, netNS: podNetnsPath(ns), ifName: 'lo' }));
  const c0 = cpuMs();
  const t = await timeIt(() => addNetworkList(runtime, loList, rt(ns, `lt${i}`, 'p2')));
  const c1 = cpuMs();
  await delNetworkList(runtime, loList, rt(ns, `lt${i}`, 'p2'));
  if (i >= 2) {
    p2.lo.push(l);
    p2.thick.push(t);
    p2.cpu.push(c1 - c0);
  }
}
process.stderr.write('bench: P3\n');
// ---- P3 ----
const burstNs = Array.from({ length: BURST }, () => createPodNs(host));
const names = burstNs.map((_, i) => `b${i}`);
for (const n of names) pod(n, 'bridge-net');
await new Promise((r) => setTimeout(r, 500));
const lists2 = directLists.slice(0, 2);
let errors = 0;
const errorKinds = new Map<string, number>();
const count = (p: Promise<unknown>) => p.catch((e: unknown) => {
  errors++;
  const k = String((e as Error).message).replace(/[0-9a-f]{8,}|\d+/g, 'N').slice(0, 200);
  errorKinds.set(k, (errorKinds.get(k) ?? 0) + 1);
});
// one burst is one sample on a noisy machine: ROUNDS paired rounds (direct, then ours, same namespaces)
const p3 = { dAdd: [] as number[], dDel: [] as number[], tAdd: [] as number[], tDel: [] as number[], addRatio: [] as number[], delRatio: [] as number[], cpuAdd: [] as number[], cpuDel: [] as number[] };
let peak = rss();
for (let r = 0; r < ROUNDS; r++) {
  const dAdd = await timeIt(() => Promise.all(burstNs.map((ns, i) => count(directPod(ns, `bd${r}-${i}`, lists2)))));
  const dDel = await timeIt(() => Promise.all(burstNs.map((ns, i) => count(directPod(ns, `bd${r}-${i}`, lists2, 'del')))));
  const c0 = cpuMs();
  const tAdd = await timeIt(() => Promise.all(burstNs.map((ns, i) => count(addNetworkList(runtime, multusList, rt(ns, `bt${r}-${i}`, names[i]))))));
  const c1 = cpuMs();
  peak = rss();
  const tDel = await timeIt(() => Promise.all(burstNs.map((ns, i) => count(delNetworkList(runtime, multusList, rt(ns, `bt${r}-${i}`, names[i]))))));
  p3.cpuAdd.push((c1 - c0) / BURST);
  p3.cpuDel.push((cpuMs() - c1) / BURST);
  p3.dAdd.push(dAdd); p3.dDel.push(dDel); p3.tAdd.push(tAdd); p3.tDel.push(tDel);
  p3.addRatio.push(tAdd / dAdd); p3.delRatio.push(tDel / dDel);
}
const med = (xs: number[]) => summarize(xs).median;
const [tAdd, dAdd, tDel, dDel] = [med(p3.tAdd), med(p3.dAdd), med(p3.tDel), med(p3.dDel)];
const leftover = (await import('node:fs')).readdirSync(cniDir).filter((f) => f !== 'results' && !f.startsWith('.')).length;

const s = (xs: number[]) => summarize(xs);
const P1t = s(p1.thick), P1d = s(p1.direct), P2t = s(p2.thick), P2l = s(p2.lo);
console.log(`thick mode (C shim → multus-ts daemon), ${ITER} iterations, medians; Multus 4.2.2 figures from issue 8 for reference`);
console.log(table([
  ['figure', 'multus-ts', 'direct baseline', 'overhead / ratio', 'target', 'Multus 4.2.2 thick'],
  ['P1 ADD+DEL, cluster + 3 NADs', ms(P1t.median), ms(P1d.median), `${ms(s(p1.over).median)} paired (min ${ms(s(p1.over).min)}) / ${(P1t.median / P1d.median).toFixed(2)}x`, '≤ 15 ms overhead', '427 ms (+102 ms, 1.31x)'],
  ['P1 ADD alone (min)', ms(s(p1.add).median), '-', `min ${ms(s(p1.add).min)}`, '-', '-'],
  ['P1 daemon CPU per ADD / DEL', `${ms(s(p1.cpuAdd).median)} / ${ms(s(p1.cpuDel).median)}`, '-', '-', '-', '-'],
  ['P2 ADD, loopback-only pod', ms(P2t.median), ms(P2l.median), ms(P2t.median - P2l.median), '≤ 20 ms', '70 ms'],
  [`P3 ${BURST} pods ADD at once (${ROUNDS} rounds)`, ms(tAdd), ms(dAdd), `${med(p3.addRatio).toFixed(2)}x (rounds ${p3.addRatio.map((x) => x.toFixed(2)).join(' ')})`, '≤ 1.1x', '12.4 s vs 8.0 s'],
  [`P3 ${BURST} pods DEL at once (${ROUNDS} rounds)`, ms(tDel), ms(dDel), `${med(p3.delRatio).toFixed(2)}x (rounds ${p3.delRatio.map((x) => x.toFixed(2)).join(' ')})`, '≤ 1.1x', '9.9 s vs 7.2 s'],
  ['P2 daemon CPU per ADD', ms(s(p2.cpu).median), '-', '-', '-', '-'],
  ['P3 daemon CPU per pod ADD / DEL', `${ms(med(p3.cpuAdd))} / ${ms(med(p3.cpuDel))}`, '-', '-', '-', '-'],
  ['P3 errors / delegate caches left', `${errors} / ${leftover}`, '-', '-', '0 / 0', '-'],
  ['daemon RSS idle / peak (VmHWM)', `${idle.rss.toFixed(1)} MB / ${peak.hwm.toFixed(1)} MB`, '-', '-', '≤ 50 / ≤ 70 MB', '39.8 / 56.5 MB'],
  ['P4 API requests per ADD / DEL', `${addReq.length} / ${delReq.length}`, '-', addReq.map((r) => `${r.method} ${r.resource}${r.subresource ? `/${r.subresource}` : ''}`).join(', '), '1 write + events / 0', '6 / 0'],
]));
for (const [k, n] of errorKinds) console.log(`error ×${n}: ${k}`);
await node.cleanup();
process.exit(0);
