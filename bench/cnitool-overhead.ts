// Issue 2 benchmark: ADD+DEL of a bridge + host-local network (a) by hand — the plugin run directly
// with the stdin a runtime would build —, (b) through our runtime library in-process, (c) through the
// cnitool process. The library overhead (b − a) is the figure with a target (< 5 ms per ADD);
// (c − a) adds Node's own start-up, which the daemon design (issue 4) takes off the per-call path.
//   usage: node bench/cnitool-overhead.ts [iterations=30]
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfList } from '../src/cni/config/index.ts';
import { ProcessExec } from '../src/cni/exec/index.ts';
import { addNetworkList, delNetworkList, type RuntimeContext } from '../src/cni/runtime/index.ts';
import { podNetnsPath, uniqueIfName } from '../test/support/netns.ts';
import { REAL_PLUGIN_DIR } from '../test/support/real-plugins.ts';
import { runInsideNodeNs } from './lib/in-node-ns.ts';
import { ms, summarize, table, timeIt } from './lib/stats.ts';

const inner = runInsideNodeNs(import.meta.url, 1);
if (!inner) process.exit(0);
const iterations = Number(process.argv[2] ?? 30);
const netns = podNetnsPath(inner.pods[0]);
const dir = mkdtempSync(join(tmpdir(), 'mts-bench-'));
const list = {
  cniVersion: '1.0.0', name: 'benchnet',
  plugins: [{ type: 'bridge', bridge: uniqueIfName('mtb'), isGateway: true, ipam: { type: 'host-local', subnet: '10.254.91.0/24', dataDir: join(dir, 'ipam') } }],
};
writeFileSync(join(dir, '10-bench.conflist'), JSON.stringify(list));
const baseEnv = { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' };

function run(file: string, args: string[], env: Record<string, string>, stdin = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const c = spawn(file, args, { env, stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    c.stdout.on('data', (b: Buffer) => (out += b));
    c.on('error', reject);
    c.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${file} ${args.join(' ')} exited ${code}: ${out}`))));
    c.stdin.end(stdin);
  });
}

const cniEnv = (command: string, cid: string) => ({ ...baseEnv, CNI_COMMAND: command, CNI_CONTAINERID: cid, CNI_NETNS: netns, CNI_IFNAME: 'eth0', CNI_ARGS: '', CNI_PATH: REAL_PLUGIN_DIR });
const pluginStdin = (prev?: unknown) => JSON.stringify({ ...list.plugins[0], name: list.name, cniVersion: list.cniVersion, ...(prev ? { prevResult: prev } : {}) });

type Timed = { add: number; del: number };

async function byHand(i: number): Promise<Timed> {
  let res: unknown;
  const add = await timeIt(async () => (res = JSON.parse(await run(join(REAL_PLUGIN_DIR, 'bridge'), [], cniEnv('ADD', `h${i}`), pluginStdin()))));
  const del = await timeIt(() => run(join(REAL_PLUGIN_DIR, 'bridge'), [], cniEnv('DEL', `h${i}`), pluginStdin(res)));
  return { add, del };
}

const ctx: RuntimeContext = Object.freeze({ paths: [REAL_PLUGIN_DIR], cacheDir: join(dir, 'cache'), exec: new ProcessExec(), baseEnv });
const parsed = parseConfList(JSON.stringify(list));
async function library(i: number): Promise<Timed> {
  const rt = { containerID: `l${i}`, netNS: netns, ifName: 'eth0' };
  const add = await timeIt(() => addNetworkList(ctx, parsed, rt));
  const del = await timeIt(() => delNetworkList(ctx, parsed, rt));
  return { add, del };
}

const bundle = fileURLToPath(new URL('../dist/cnitool.cjs', import.meta.url));
const cnitoolArgs = existsSync(bundle) ? [bundle] : [fileURLToPath(new URL('../src/bin/cnitool.ts', import.meta.url))];
async function cli(i: number): Promise<Timed> {
  const env = { ...baseEnv, NETCONFPATH: dir, CNI_PATH: REAL_PLUGIN_DIR, CNI_CACHE_DIR: join(dir, 'cache'), CNI_CONTAINERID: `c${i}` };
  const add = await timeIt(() => run(process.execPath, [...cnitoolArgs, 'add', 'benchnet', netns], env));
  const del = await timeIt(() => run(process.execPath, [...cnitoolArgs, 'del', 'benchnet', netns], env));
  return { add, del };
}

const samples = { hand: [] as Timed[], lib: [] as Timed[], cli: [] as Timed[] };
try {
  for (let w = 0; w < 3; w++) { await byHand(1000 + w); await library(1000 + w); } // warm caches
  for (let i = 0; i < iterations; i++) {
    // interleaved so drift on a noisy machine hits every variant alike
    samples.hand.push(await byHand(i));
    samples.lib.push(await library(i));
    samples.cli.push(await cli(i));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const total = (t: Timed) => t.add + t.del;
// Overheads are medians of per-iteration differences: neighbouring runs share the machine's state,
// so pairing removes most of the noise of the plugin itself.
const paired = (xs: Timed[], f: (t: Timed) => number) => summarize(xs.map((x, i) => f(x) - f(samples.hand[i])));
const h = summarize(samples.hand.map(total));
const rows: string[][] = [['variant', 'ADD+DEL median', 'min', 'overhead (paired median)', 'ratio', 'ADD overhead', 'DEL overhead']];
rows.push(['by hand (plugin exec only)', ms(h.median), ms(h.min), '-', '1.00x', '-', '-']);
for (const [name, xs] of [['runtime library in-process', samples.lib], [`cnitool process (${existsSync(bundle) ? 'dist bundle' : 'TS source'})`, samples.cli]] as const) {
  const s = summarize(xs.map(total));
  rows.push([name, ms(s.median), ms(s.min), ms(paired(xs, total).median), `${(s.median / h.median).toFixed(2)}x`, ms(paired(xs, (t) => t.add).median), ms(paired(xs, (t) => t.del).median)]);
}
console.log(`ADD+DEL of bridge + host-local in a throwaway node namespace, ${iterations} iterations`);
console.log(table(rows));
console.log(`library overhead per ADD: ${ms(paired(samples.lib, (t) => t.add).median)} (target < 5 ms)`);
