// Issue 7 benchmark: what a pod costs through the real runtime. Debian's containerd (isolated, see
// test/support/containerd) times RunPodSandbox + StopPodSandbox + RemovePodSandbox of
//   thick   a pod with two extra networks (bridge + host-local, macvlan + host-local from local NADs)
//           through multus-ts: 00-multus.conf → C shim → daemon → cluster network + 2 delegates;
//   direct  the same pod in a containerd whose conf dir holds only the primary conflist (bridge +
//           host-local): what the runtime costs without a meta plugin (with max_conf_num = 1 a
//           runtime attaches one network only, so the pod gets eth0 alone);
//   bare    for reference, thick with no networks annotation: the cluster network through multus-ts,
//           i.e. the meta plugin's own cost without the two extra delegates' work;
// one pod at a time (interleaved, medians of per-call times), then BURST pods at once (Run all, Stop
// all, Remove all concurrently; wall time per phase, median over ROUNDS rounds).
// usage: node bench/containerd.ts [iterations=15] [burst=20] [rounds=3]
import { containerdSkipReason } from '../test/support/containerd/index.ts';
import { realPluginsSkipReason } from '../test/support/real-plugins.ts';
import { makeNode, TWO_NETWORKS, type Node, type Pod } from '../test/containerd-e2e/harness.ts';
import { ms, summarize, table, timeIt } from './lib/stats.ts';

const why = containerdSkipReason() ?? realPluginsSkipReason();
if (why) {
  console.error(`bench/containerd: cannot run: ${why}`);
  process.exit(1);
}
const ITER = Number(process.argv[2] ?? 15);
const BURST = Number(process.argv[3] ?? 20);
const ROUNDS = Number(process.argv[4] ?? 3);
const WARMUP = 2;

const cleanups: Array<() => unknown> = [];
const host = { after: (fn: () => unknown) => void cleanups.push(fn) };

interface Variant {
  readonly label: string;
  readonly node: Node;
  readonly annotations: Record<string, string>;
  readonly run: number[];
  readonly stop: number[];
  readonly remove: number[];
  readonly total: number[];
  readonly burst: { run: number[]; stop: number[]; remove: number[]; total: number[] };
}

const variant = (label: string, node: Node, annotations: Record<string, string> = TWO_NETWORKS): Variant => ({ label, node, annotations, run: [], stop: [], remove: [], total: [], burst: { run: [], stop: [], remove: [], total: [] } });

async function assertClean(v: Variant): Promise<void> {
  const left = await v.node.leftovers();
  if (left.length) throw new Error(`${v.label}: left behind: ${left.join('; ')}`);
}

async function onePod(v: Variant, i: number, record: boolean): Promise<void> {
  let pod: Pod | undefined;
  const run = await timeIt(async () => (pod = await v.node.runPod(`p${i}`, { namespace: 'bench', annotations: v.annotations })));
  const stop = await timeIt(() => v.node.c.cri.stopPodSandbox(pod!.id));
  const remove = await timeIt(() => v.node.c.cri.removePodSandbox(pod!.id));
  if (!record) return;
  v.run.push(run);
  v.stop.push(stop);
  v.remove.push(remove);
  v.total.push(run + stop + remove);
}

async function burst(v: Variant, round: number): Promise<void> {
  const names = Array.from({ length: BURST }, (_, i) => `b${round}-${i}`);
  let pods: Pod[] = [];
  const run = await timeIt(async () => (pods = await Promise.all(names.map((n) => v.node.runPod(n, { namespace: 'bench', annotations: v.annotations })))));
  const stop = await timeIt(() => Promise.all(pods.map((p) => v.node.c.cri.stopPodSandbox(p.id))));
  const remove = await timeIt(() => Promise.all(pods.map((p) => v.node.c.cri.removePodSandbox(p.id))));
  v.burst.run.push(run);
  v.burst.stop.push(stop);
  v.burst.remove.push(remove);
  v.burst.total.push(run + stop + remove);
  await assertClean(v);
}

let failed = false;
try {
  process.stderr.write('bench/containerd: starting two containerd instances and the daemon\n');
  const thickNode = await makeNode(host);
  thickNode.writeNad('bench', 'bridge-net', thickNode.netConfig('bridge', 'bridge-net').config);
  thickNode.writeNad('bench', 'macvlan-net', thickNode.netConfig('macvlan', 'macvlan-net').config);
  // production-like logging: errors only (the tests run the daemon at verbose)
  await thickNode.startDaemon({ localSource: { nadDir: thickNode.nadDir, statusDir: thickNode.statusDir }, logLevel: 'error' });
  const directNode = await makeNode(host);
  const thick = variant('thick  = 00-multus.conf → C shim → multus-ts daemon: cluster network + bridge-net + macvlan-net', thickNode);
  const direct = variant('direct = the primary conflist alone in the conf dir (bridge + host-local, no meta plugin)', directNode);
  const bare = variant('bare   = thick without the networks annotation (cluster network only, through multus-ts)', thickNode, {});
  const all = [thick, direct, bare];
  // a different order each round, so no variant always runs on a warm or a cold machine
  const order = (i: number) => [0, 1, 2].map((k) => all[(k + i) % 3]);

  process.stderr.write(`bench/containerd: ${ITER} pods one at a time, interleaved\n`);
  for (let i = 0; i < ITER + WARMUP; i++) {
    for (const v of order(i)) await onePod(v, i, i >= WARMUP);
  }
  for (const v of all) await assertClean(v);

  process.stderr.write(`bench/containerd: ${ROUNDS} bursts of ${BURST} pods\n`);
  for (let r = 0; r < ROUNDS; r++) {
    for (const v of order(r)) await burst(v, r);
  }

  const med = (xs: number[]) => summarize(xs).median;
  const paired = (a: Variant) => a.total.map((t, i) => t - direct.total[i]);
  const vs = (a: number[], b: number[]) => `${ms(med(a) - med(b))} (${(med(a) / med(b)).toFixed(2)}x)`;
  const row = (label: string, pick: (v: Variant) => number[]) => [label, ms(med(pick(thick))), ms(med(pick(direct))), vs(pick(thick), pick(direct)), ms(med(pick(bare))), vs(pick(bare), pick(direct))];
  console.log(`containerd ${(await thickNode.c.cri.version()).runtimeVersion} over CRI; medians (one pod: ${ITER} runs; burst: ${ROUNDS} rounds of ${BURST} pods)`);
  console.log(table([
    ['figure', 'thick', 'direct', 'thick overhead (ratio)', 'bare', 'bare overhead (ratio)'],
    row('RunPodSandbox', (v) => v.run),
    row('StopPodSandbox', (v) => v.stop),
    row('RemovePodSandbox', (v) => v.remove),
    row('Run + Stop + Remove', (v) => v.total),
    ['  paired difference (min)', '', '', `${ms(med(paired(thick)))} (${ms(summarize(paired(thick)).min)})`, '', `${ms(med(paired(bare)))} (${ms(summarize(paired(bare)).min)})`],
    row(`${BURST} pods: Run all at once`, (v) => v.burst.run),
    row(`${BURST} pods: Stop all at once`, (v) => v.burst.stop),
    row(`${BURST} pods: Remove all at once`, (v) => v.burst.remove),
    row(`${BURST} pods: Run + Stop + Remove`, (v) => v.burst.total),
  ]));
  for (const v of all) console.log(v.label);
  console.log('Nothing was left behind after any phase (checked: sandboxes, reservations, caches, netns, links).');
} catch (e) {
  failed = true;
  console.error(`bench/containerd: ${(e as Error).stack ?? e}`);
} finally {
  for (const c of cleanups.reverse()) await c();
}
process.exit(failed ? 1 : 0);
