// Issue 8's idle-RSS target, by variant: the shipped daemon bundle started against the fake API server
// (a node with `pods` pods and 3 NADs, as P1–P3 use), with different V8/allocator settings, and its
// VmRSS read from /proc after start-up and again after it settled. Tells which knob buys what, so the
// DaemonSet's flags are chosen by figures.
// usage: node bench/daemon-memory.ts [pods=100] [settleMs=3000]
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REAL_PLUGIN_DIR } from '../test/support/real-plugins.ts';
import { startFakeApiServer } from '../test/support/fake-apiserver/index.ts';
import { tempDir } from '../test/support/tmp.ts';
import { table } from './lib/stats.ts';

const PODS = Number(process.argv[2] ?? 100);
const SETTLE_MS = Number(process.argv[3] ?? 3000);
const cleanups: Array<() => unknown> = [];
const host = { after: (fn: () => unknown) => void cleanups.push(fn) };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const VARIANTS: ReadonlyArray<{ name: string; flags: string[]; env?: Record<string, string> }> = [
  { name: 'no flags', flags: [] },
  { name: '--max-semi-space-size=1 --lite-mode', flags: ['--max-semi-space-size=1', '--lite-mode'] },
  { name: '+ --v8-pool-size=1', flags: ['--max-semi-space-size=1', '--lite-mode', '--v8-pool-size=1'] },
  { name: '+ MALLOC_ARENA_MAX=1', flags: ['--max-semi-space-size=1', '--lite-mode'], env: { MALLOC_ARENA_MAX: '1' } },
  { name: '+ both', flags: ['--max-semi-space-size=1', '--lite-mode', '--v8-pool-size=1'], env: { MALLOC_ARENA_MAX: '1' } },
];

const dir = tempDir(host);
const api = await startFakeApiServer({ bookmarkIntervalMs: 60_000 });
cleanups.push(() => api.close());
const kubeconfig = await api.writeKubeconfig(join(dir, 'kubeconfig'));
for (const n of ['bridge-net', 'macvlan-net', 'ptp-net']) {
  api.createNad('bench', n, JSON.stringify({ cniVersion: '1.0.0', type: 'bridge', ipam: { type: 'host-local', subnet: '10.77.1.0/24' } }));
}
for (let i = 0; i < PODS; i++) {
  api.createPod({ metadata: { name: `p${i}`, namespace: 'bench', uid: `uid-${i}`, annotations: { 'k8s.v1.cni.cncf.io/networks': 'bridge-net' } }, spec: { nodeName: 'n1' } });
}
const bundle = fileURLToPath(new URL('../dist/multus-daemon.cjs', import.meta.url));
const kb = (text: string, key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) / 1024;
const vmRss = (pid: number) => kb(readFileSync(`/proc/${pid}/status`, 'utf8'), 'VmRSS');
// RSS counts the pages of the node binary the process touched (shared, clean: every Node process on
// the host shares them); Private_Dirty is what this daemon alone costs the node.
const rollup = (pid: number) => {
  const r = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  return { pss: kb(r, 'Pss'), privateDirty: kb(r, 'Private_Dirty'), sharedClean: kb(r, 'Shared_Clean') + kb(r, 'Private_Clean') };
};

const rows: string[][] = [['variant', 'RSS after start', `RSS after ${SETTLE_MS} ms idle`, 'of it clean file pages', 'private dirty', 'PSS']];
for (const [i, v] of VARIANTS.entries()) {
  const d = join(dir, `v${i}`);
  const netd = join(d, 'net.d');
  mkdirSync(netd, { recursive: true });
  writeFileSync(join(netd, '10-cluster.conflist'), JSON.stringify({ cniVersion: '1.0.0', name: 'cluster', plugins: [{ type: 'bridge', ipam: { type: 'host-local', subnet: '10.77.2.0/24' } }] }));
  const configFile = join(d, 'daemon-config.json');
  writeFileSync(configFile, JSON.stringify({ cniVersion: '1.0.0', cniConfigDir: netd, multusAutoconfigDir: netd, socketDir: join(d, 'run'), daemonSocketDir: join(d, 'run'), cniDir: join(d, 'cni'), binDir: REAL_PLUGIN_DIR, kubeconfig, metricsAddress: '' }));
  const daemon = spawn(process.execPath, [...v.flags, bundle, '-config', configFile], { stdio: ['ignore', 'ignore', 'inherit'], env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', MULTUS_NODE_NAME: 'n1', ...v.env } });
  process.once('exit', () => daemon.kill('SIGKILL'));
  for (let k = 0; k < 200; k++) {
    try {
      readFileSync(join(netd, '00-multus.conf'));
      break;
    } catch {
      await sleep(50);
    }
  }
  await sleep(200); // the informers' initial lists are in
  const started = vmRss(daemon.pid!);
  await sleep(SETTLE_MS);
  const settled = vmRss(daemon.pid!);
  const r = rollup(daemon.pid!);
  daemon.kill('SIGKILL');
  const mb = (n: number) => `${n.toFixed(1)} MB`;
  rows.push([v.name, mb(started), mb(settled), mb(r.sharedClean), mb(r.privateDirty), mb(r.pss)]);
}
const bare = spawn(process.execPath, ['--max-semi-space-size=1', '--lite-mode', '-e', 'setTimeout(() => {}, 5000)'], { stdio: 'ignore' });
await sleep(1000);
const bareRss = vmRss(bare.pid!);
bare.kill('SIGKILL');
console.log(`daemon idle RSS by variant (${PODS} pods on the node, 3 NADs); bare Node 24 idle: ${bareRss.toFixed(1)} MB; target ≤ 50 MB`);
console.log(table(rows));
for (const c of cleanups.reverse()) await c();
process.exit(0);
