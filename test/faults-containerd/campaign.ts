// The seeded campaign through real containerd: the runs are split over the cluster-network variants,
// one node each (made, used, torn down in turn). Within a variant the classes come in cycles, each
// cycle a seeded shuffle of all of them, so a short campaign still runs every class in every variant;
// the parameters come from the same seeded stream (rngFrom of test/faults). After each run the node
// is put back to normal (API faults off, daemon up) and audited, a dirty run recorded and then
// scrubbed so that one leak is counted once. Same seed → same classes, variants and parameters.
import type { AfterHost } from '../support/tmp.ts';
import { isClean } from '../faults/audit.ts';
import { formatTable as formatFaultTable, rngFrom, scrubTarget, type RunRecord } from '../faults/campaign.ts';
import type { Rng } from '../faults/classes.ts';
import { CLASSES, type FaultClass } from './classes.ts';
import { makeFaultNode, VARIANTS, type FaultNode, type Variant } from './node.ts';

export { DEFAULT_SEED, describeDirty } from '../faults/campaign.ts';

export interface CampaignOptions {
  /** runs in all, split evenly over the variants */
  readonly runs: number;
  readonly seed: number;
  readonly classes?: readonly FaultClass[];
  readonly variants?: readonly Variant[];
  readonly onRun?: (r: RunRecord) => void;
}

export const rowName = (cls: string, variant: Variant): string => `${cls} ${variant}`;

/** `n` classes: whole cycles, each a Fisher–Yates shuffle of `classes` by `rng`, cut at `n`. */
export function schedule<T>(rng: Rng, classes: readonly T[], n: number): T[] {
  const out: T[] = [];
  while (out.length < n) {
    const cycle = [...classes];
    for (let i = cycle.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [cycle[i], cycle[j]] = [cycle[j], cycle[i]];
    }
    out.push(...cycle);
  }
  return out.slice(0, n);
}

async function ensureDaemon(node: FaultNode): Promise<void> {
  if (!node.running()) await node.start();
}

/** After a dirty run: the kubelet's cleanup of whatever containerd still lists, then the node's files. */
async function scrub(node: FaultNode): Promise<void> {
  await ensureDaemon(node);
  node.rt.sandboxes.clear();
  await node.rt.adopt();
  await node.rt.teardownAll();
  scrubTarget(node.target);
}

async function runOne(node: FaultNode, cls: FaultClass, rng: Rng, id: number): Promise<RunRecord> {
  const notes: string[] = [];
  const t0 = Date.now();
  const errors: string[] = [];
  try {
    await cls.run({ env: node, rng, id, notes });
  } catch (e) {
    // a class that throws is a harness problem, but what it left still gets audited
    errors.push((e as Error).stack ?? String(e));
  }
  node.api.clearFaults();
  node.api.setLatency(0);
  try {
    await ensureDaemon(node);
  } catch (e) {
    errors.push(`daemon restart: ${(e as Error).message}`);
  }
  const audit = await node.audit();
  return { id, cls: rowName(cls.name, node.variant), audit, notes, ms: Date.now() - t0, ...(errors.length ? { error: errors.join('\n') } : {}) };
}

export async function runCampaign(host: AfterHost, opts: CampaignOptions): Promise<RunRecord[]> {
  const rng = rngFrom(opts.seed);
  const classes = opts.classes ?? CLASSES;
  const variants = opts.variants ?? VARIANTS;
  const records: RunRecord[] = [];
  for (const [vi, variant] of variants.entries()) {
    const runs = Math.floor(opts.runs / variants.length) + (vi < opts.runs % variants.length ? 1 : 0);
    if (runs === 0) continue;
    const node = await makeFaultNode(host, variant);
    try {
      await node.start();
      for (const cls of schedule(rng, classes, runs)) {
        const rec = await runOne(node, cls, rng, records.length);
        records.push(rec);
        opts.onRun?.(rec);
        if (!isClean(rec.audit)) await scrub(node);
      }
    } finally {
      await node.teardown();
    }
  }
  return records;
}

/** The per-class table of test/faults/soak.ts, a row per class and variant. */
export function formatTable(records: readonly RunRecord[], classes: readonly FaultClass[] = CLASSES): string {
  return formatFaultTable(records, VARIANTS.flatMap((v) => classes.map((c) => rowName(c.name, v))));
}
