// The throwaway node a benchmark runs on (inside the node namespace runInsideNodeNs made): a temp dir,
// a veth pair as the macvlan master, and the cleanups to run at the end, in reverse order.
import { createVethPair } from '../../test/support/netns.ts';
import { tempDir } from '../../test/support/tmp.ts';
import type { InnerArgs } from './in-node-ns.ts';

export const PATH_ENV = Object.freeze({ PATH: '/usr/sbin:/usr/bin:/sbin:/bin' });

export interface BenchNode {
  /** Where the benchmark keeps its files (removed at the end). */
  readonly dir: string;
  /** A veth end in the node namespace, the macvlan master. */
  readonly master: string;
  /** Registers a cleanup (the shape test/support helpers take). */
  readonly host: { after(fn: () => unknown): void };
  /** Runs every cleanup, last registered first. */
  cleanup(): Promise<void>;
}

export function benchNode(inner: InnerArgs): BenchNode {
  const cleanups: Array<() => unknown> = [];
  const host = { after: (fn: () => unknown) => void cleanups.push(fn) };
  const dir = tempDir(host);
  const { a: master } = createVethPair(inner.node);
  return {
    dir, master, host,
    async cleanup() {
      for (const c of cleanups.reverse()) await c();
    },
  };
}
