// Issue 8's profile of one ADD: where the milliseconds of a thick ADD go. The daemon's socket server
// runs in this process with the daemon's own pieces (ProcessExec, the informer source over the fake
// API server, nsenter netns ops), each outside effect wrapped in a timer; the runtime side calls it
// through the real C shim. P1's pod (cluster network + 3 NADs: bridge, macvlan, ptp; host-local),
// ADDed and DELed N times in a throwaway node namespace; medians per ADD. (In-process means Node
// without --lite-mode, since the .ts source needs WebAssembly: the JS parts are a little faster here
// than in the shipped daemon.)
// usage: node bench/add-profile.ts [iterations=30]
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfList } from '../src/cni/config/index.ts';
import { ProcessExec, type ExecRequest, type ExecOutput, type PluginExec } from '../src/cni/exec/index.ts';
import { addNetworkList, delNetworkList, type RuntimeContext } from '../src/cni/runtime/index.ts';
import { startSocketServer } from '../src/daemon/server/http.ts';
import { Metrics } from '../src/daemon/server/metrics.ts';
import { KubeClient } from '../src/k8s/client.ts';
import { resolveKubeAccess } from '../src/k8s/kubeconfig.ts';
import { NsenterNetnsOps } from '../src/multus/netns-ops.ts';
import { InformerSource } from '../src/multus/sources/informer.ts';
import { KubeSource } from '../src/multus/sources/kube.ts';
import type { NetworkSource } from '../src/multus/sources/types.ts';
import { silentLogger } from '../src/util/logger.ts';
import { createPodNs, podNetnsPath } from '../test/support/netns.ts';
import { REAL_PLUGIN_DIR } from '../test/support/real-plugins.ts';
import { startFakeApiServer } from '../test/support/fake-apiserver/index.ts';
import { runInsideNodeNs } from './lib/in-node-ns.ts';
import { benchNode, PATH_ENV } from './lib/node.ts';
import { benchNetworks } from './lib/networks.ts';
import { ms, summarize, table, timeIt } from './lib/stats.ts';

const inner = runInsideNodeNs(import.meta.url, 0);
if (!inner) process.exit(0);
const ITER = Number(process.argv[2] ?? 30);
const node = benchNode(inner);
const { dir, master, host } = node;
const { cluster, nads } = benchNetworks(join(dir, 'ipam'), master, '10.79');
const clusterFile = join(dir, '10-cluster.conflist');
writeFileSync(clusterFile, JSON.stringify(cluster));

const api = await startFakeApiServer({ bookmarkIntervalMs: 60_000 });
host.after(() => api.close());
const kubeconfig = await api.writeKubeconfig(join(dir, 'kubeconfig'));
for (const [n, c] of Object.entries(nads)) api.createNad('bench', n, JSON.stringify(c));
api.createPod({ metadata: { name: 'p1', namespace: 'bench', uid: 'uid-p1', annotations: { 'k8s.v1.cni.cncf.io/networks': 'bridge-net,macvlan-net,ptp-net' } }, spec: { nodeName: 'n1' } });

// ---- timers around every outside effect of one ADD ----
let spans: Array<{ what: string; ms: number }> = [];
const timed = async <T>(what: string, p: () => Promise<T>): Promise<T> => {
  const t0 = performance.now();
  try {
    return await p();
  } finally {
    spans.push({ what, ms: performance.now() - t0 });
  }
};
class TimedExec implements PluginExec {
  readonly #inner = new ProcessExec();
  exec(req: ExecRequest): Promise<ExecOutput> {
    return timed(`exec ${req.pluginPath.split('/').pop()} ${req.env.CNI_COMMAND}`, () => this.#inner.exec(req));
  }
  findInPath(type: string, paths: readonly string[]): Promise<string> {
    return timed('findInPath', () => this.#inner.findInPath(type, paths));
  }
}
const access = await resolveKubeAccess(kubeconfig);
if (!access) throw new Error('no access');
const informer = new InformerSource(new KubeSource(new KubeClient(access, {}), { timeoutMs: 10_000 }), { nodeName: 'n1' }).start();
await informer.waitForSync(10_000);
host.after(() => informer.close());
// every method of the source, timed under its own name
const source = new Proxy(informer, {
  get(target, prop, recv) {
    const v = Reflect.get(target, prop, recv) as unknown;
    if (typeof v !== 'function') return v;
    return (...args: unknown[]) => {
      const r = (v as (...a: unknown[]) => unknown).apply(target, args);
      return r instanceof Promise ? timed(`API ${String(prop)}`, () => r) : r;
    };
  },
}) as NetworkSource;

const socketDir = join(dir, 'run');
const srv = await startSocketServer({
  socketPath: join(socketDir, 'multus.sock'), maxRequestBytes: 1 << 20, concurrency: 16, metrics: new Metrics(),
  deps: { exec: new TimedExec(), source, netns: new NsenterNetnsOps(), log: silentLogger, baseEnv: PATH_ENV },
  override: (s) => s, notReady: async () => undefined,
});
host.after(() => srv.shutdown(100));

const shimDir = fileURLToPath(new URL('../dist/', import.meta.url));
const runtime: RuntimeContext = Object.freeze({ paths: [shimDir], cacheDir: join(dir, 'rt-cache'), exec: new ProcessExec(), baseEnv: PATH_ENV });
const list = parseConfList(JSON.stringify({
  cniVersion: '1.0.0', name: 'multus-cni-network',
  plugins: [{ type: 'multus-shim', daemonSocketDir: socketDir, kubeconfig, clusterNetwork: clusterFile, cniDir: join(dir, 'cni'), binDir: REAL_PLUGIN_DIR, confDir: dir }],
}));
const rt = (ns: string, cid: string) => ({
  containerID: cid, netNS: podNetnsPath(ns), ifName: 'eth0',
  args: [['IgnoreUnknown', '1'], ['K8S_POD_NAMESPACE', 'bench'], ['K8S_POD_NAME', 'p1'], ['K8S_POD_INFRA_CONTAINER_ID', cid], ['K8S_POD_UID', 'uid-p1']] as Array<[string, string]>,
});

const perAdd = new Map<string, number[]>();
const totals: number[] = [];
for (let i = 0; i < ITER + 3; i++) {
  const ns = createPodNs(host);
  spans = [];
  const total = await timeIt(() => addNetworkList(runtime, list, rt(ns, `c${i}`)));
  const mine = spans;
  spans = [];
  await delNetworkList(runtime, list, rt(ns, `c${i}`));
  if (i < 3) continue;
  totals.push(total);
  const sum = new Map<string, number>();
  for (const s of mine) sum.set(s.what, (sum.get(s.what) ?? 0) + s.ms);
  for (const [k, v] of sum) perAdd.set(k, [...(perAdd.get(k) ?? []), v]);
}
const med = (xs: readonly number[]) => summarize(xs).median;
const rows: string[][] = [['part of one ADD', 'median ms']];
const execMs = [...perAdd].filter(([k]) => k.startsWith('exec ')).reduce((a, [, v]) => a + med(v), 0);
const awaitedApi = [...perAdd].filter(([k]) => k.startsWith('API ') && !k.includes('recordEvent')).reduce((a, [, v]) => a + med(v), 0);
for (const [k, v] of [...perAdd].sort((a, b) => med(b[1]) - med(a[1]))) {
  rows.push([k + (k.includes('recordEvent') ? ' (all, concurrent with the next delegates)' : ''), ms(med(v))]);
}
rows.push(['delegate plugin execs, together', ms(execMs)]);
rows.push(['API calls the ADD waits for', ms(awaitedApi)]);
rows.push(['the rest: shim, socket, parsing, caches, JS', ms(med(totals) - execMs - awaitedApi)]);
rows.push(['whole ADD (runtime → shim → daemon → back)', ms(med(totals))]);
console.log(`one thick ADD of P1's pod, ${ITER} iterations, medians (daemon in-process, Node without --lite-mode)`);
console.log(table(rows));
await node.cleanup();
process.exit(0);
