// A seeded random campaign over the fault classes on one node: each run picks a class (its parameters
// come from the same seeded stream), runs it, puts the node back to normal (faults off, daemon up),
// and audits. A dirty run is recorded and then scrubbed, so one leak is counted once and does not
// make every later run look dirty. Same seed → same sequence of classes and parameters (timings of
// real processes still vary, which is the point of a soak).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { IP_BIN, linksIn, podNetnsPath, removeNetns } from '../support/netns.ts';
import { COLUMNS, isClean, type Audit, type AuditTarget } from './audit.ts';
import { CLASSES, ensureDaemon, type FaultClass, type Rng } from './classes.ts';
import type { FaultEnv } from './env.ts';

export const DEFAULT_SEED = 20240909;

/** mulberry32: tiny, seedable, good enough to pick faults. */
export function rngFrom(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RunRecord {
  readonly id: number;
  readonly cls: string;
  readonly audit: Audit;
  readonly notes: readonly string[];
  readonly ms: number;
  readonly error?: string;
}

export interface CampaignOptions {
  readonly runs: number;
  readonly seed: number;
  readonly classes?: readonly FaultClass[];
  readonly onRun?: (r: RunRecord) => void;
}

/** Removes whatever a dirty run left, so the next run starts from a clean node. */
async function scrub(env: FaultEnv): Promise<void> {
  await ensureDaemon(env);
  for (const cid of [...env.rt.sandboxes.keys()]) {
    await env.rt.teardown(cid);
    env.rt.sandboxes.delete(cid);
  }
  for (const ns of env.rt.netnsMade) if (existsSync(podNetnsPath(ns))) removeNetns(ns);
  env.rt.netnsMade.clear();
  scrubTarget(env.target);
}

/** Removes what the audit of `target` counts on the node's side: reservations, caches, pods' host veths. */
export function scrubTarget(target: AuditTarget): void {
  for (const d of target.ipamDirs) {
    if (!existsSync(d)) continue;
    for (const net of readdirSync(d)) for (const f of readdirSync(join(d, net))) if (/^\d+\.\d+\.\d+\.\d+$/.test(f)) rmSync(join(d, net, f));
  }
  if (existsSync(target.cniDir)) for (const e of readdirSync(target.cniDir)) if (!target.cniDirIgnore.includes(e)) rmSync(join(target.cniDir, e), { recursive: true, force: true });
  rmSync(target.runtimeCacheDir, { recursive: true, force: true });
  for (const l of linksIn(target.nodeNs)) {
    if (l.linkinfo?.info_kind === 'veth' && !target.nodeVethPrefixes.some((p) => l.ifname.startsWith(p))) {
      execFileSync(IP_BIN, ['-n', target.nodeNs, 'link', 'del', l.ifname], { stdio: 'ignore' });
    }
  }
}

export async function runCampaign(env: FaultEnv, opts: CampaignOptions): Promise<RunRecord[]> {
  const rng = rngFrom(opts.seed);
  const classes = (opts.classes ?? CLASSES).filter((c) => c.available?.(env) ?? true);
  const records: RunRecord[] = [];
  await ensureDaemon(env);
  for (let id = 0; id < opts.runs; id++) {
    const cls = classes[Math.floor(rng() * classes.length)];
    const notes: string[] = [];
    const t0 = Date.now();
    let error: string | undefined;
    try {
      await cls.run({ env, rng, id, notes });
    } catch (e) {
      // a class that throws is a harness problem, but what it left still gets audited
      error = (e as Error).stack ?? String(e);
    }
    env.api.clearFaults();
    env.api.setLatency(0);
    await ensureDaemon(env);
    // netns of forgotten sandboxes are gone; drop them from the runtime's list so it stays small
    for (const ns of [...env.rt.netnsMade]) if (!existsSync(podNetnsPath(ns))) env.rt.netnsMade.delete(ns);
    const a = env.audit();
    const rec: RunRecord = { id, cls: cls.name, audit: a, notes, ms: Date.now() - t0, ...(error ? { error } : {}) };
    records.push(rec);
    opts.onRun?.(rec);
    if (!isClean(a)) await scrub(env);
    // quarantined caches (expected after CORRUPT) and stale temp files (known bug) are counted, then
    // removed so each run's count is its own
    for (const e of readdirSync(env.cniDir, { recursive: true })) if (String(e).endsWith('.corrupt') || String(e).endsWith('.tmp')) rmSync(join(env.cniDir, String(e)));
  }
  return records;
}

export interface ClassRow {
  runs: number;
  leaky: number;
  ips: number;
  links: number;
  caches: number;
  stuck: number;
  quarantined: number;
  staleTmp: number;
  errors: number;
  ms: number;
}

export function table(records: readonly RunRecord[]): Map<string, ClassRow> {
  const rows = new Map<string, ClassRow>();
  for (const r of records) {
    const row = rows.get(r.cls) ?? { runs: 0, leaky: 0, ips: 0, links: 0, caches: 0, stuck: 0, quarantined: 0, staleTmp: 0, errors: 0, ms: 0 };
    row.runs++;
    if (!isClean(r.audit)) row.leaky++;
    for (const c of COLUMNS) row[c] += r.audit[c];
    row.quarantined += r.audit.quarantined;
    row.staleTmp += r.audit.staleTmp;
    if (r.error) row.errors++;
    row.ms += r.ms;
    rows.set(r.cls, row);
  }
  return rows;
}

/** The per-class table in Markdown; rows in `order` (default: CLASSES), then an "all" row. */
export function formatTable(records: readonly RunRecord[], order: readonly string[] = CLASSES.map((c) => c.name)): string {
  const rows = table(records);
  const lines = ['| class | runs | runs with a leak | leaked IPs | links | cache files | stuck sandboxes | quarantined .corrupt | stale .tmp | harness errors | mean s/run |', '|---|---|---|---|---|---|---|---|---|---|---|'];
  const total: ClassRow = { runs: 0, leaky: 0, ips: 0, links: 0, caches: 0, stuck: 0, quarantined: 0, staleTmp: 0, errors: 0, ms: 0 };
  for (const cls of order.filter((n) => rows.has(n))) {
    const r = rows.get(cls)!;
    lines.push(`| ${cls} | ${r.runs} | ${r.leaky} | ${r.ips} | ${r.links} | ${r.caches} | ${r.stuck} | ${r.quarantined} | ${r.staleTmp} | ${r.errors} | ${(r.ms / r.runs / 1000).toFixed(2)} |`);
    for (const k of Object.keys(total) as Array<keyof ClassRow>) total[k] += r[k];
  }
  lines.push(`| all | ${total.runs} | ${total.leaky} | ${total.ips} | ${total.links} | ${total.caches} | ${total.stuck} | ${total.quarantined} | ${total.staleTmp} | ${total.errors} | ${(total.ms / Math.max(1, total.runs) / 1000).toFixed(2)} |`);
  return lines.join('\n');
}

/** The runs that leaked or hit a harness error, one block each (class, parameters, leftovers). */
export function describeDirty(records: readonly RunRecord[]): string[] {
  return records.filter((r) => !isClean(r.audit) || r.error)
    .map((r) => `run ${r.id} ${r.cls}: ${r.notes.join('; ')}\n  left: ${r.audit.details.join(', ')}${r.error ? `\n  error: ${r.error}` : ''}`);
}
