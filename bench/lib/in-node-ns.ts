// Benchmarks run inside a throwaway "node" network namespace so plugins never touch the host and
// every spawn is direct (no `ip netns exec` wrapper distorting the figures): the outer process makes
// the namespace and re-executes the benchmark inside it.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createNodeNs, createPodNs, IP_BIN } from '../../test/support/netns.ts';

export const INNER_ENV = 'MULTUS_TS_BENCH_INNER';

export interface InnerArgs {
  readonly node: string;
  readonly pods: string[];
}

/** In the outer process: create the namespaces, run `script` inside, remove everything. Returns false when we are the inner process. */
export function runInsideNodeNs(scriptUrl: string, podCount: number): InnerArgs | undefined {
  if (process.env[INNER_ENV]) return JSON.parse(process.env[INNER_ENV]) as InnerArgs;
  if (process.getuid?.() !== 0) {
    console.error('bench: needs root (network namespaces)');
    process.exit(1);
  }
  const cleanups: Array<() => void> = [];
  const host = { after: (fn: () => void) => cleanups.push(fn) };
  const node = createNodeNs(host);
  const pods = Array.from({ length: podCount }, () => createPodNs(host));
  const r = spawnSync(IP_BIN, ['netns', 'exec', node, process.execPath, fileURLToPath(scriptUrl), ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, [INNER_ENV]: JSON.stringify({ node, pods }) },
  });
  for (const c of cleanups.reverse()) c();
  process.exit(r.status ?? 1);
}
