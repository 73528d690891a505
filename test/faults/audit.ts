// The after-run audit: everything a pod can leave behind, counted per column. A clean run is all
// zeros. Counts, not booleans, so the soak table can say how much leaked, and `details` names the
// leftovers so a failing run says what it left.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { linksIn, podNetnsPath } from '../support/netns.ts';
import type { FakeRuntime } from './runtime.ts';

export interface Audit {
  /** host-local reservation files in every dataDir */
  ips: number;
  /** non-lo links in pod netns that still exist, plus host-side veths in the node netns */
  links: number;
  /** delegate caches + libcni result caches in the daemon's cniDir, and the runtime's libcni cache */
  caches: number;
  /** sandboxes the runtime still tracks (it could not DEL them) */
  stuck: number;
  /**
   * `<cid>.corrupt` files: the daemon renames a corrupt delegate cache for the operator (documented in
   * docs/compatibility.md) instead of deleting it. Not a leak of what a pod held, so not part of
   * isClean, but counted: nothing ever removes them.
   */
  quarantined: number;
  /**
   * `.<name>.<hex>.tmp` files of src/util/atomic-write.ts orphaned by a kill -9 between its open and
   * its rename; the daemon sweeps them at start (recovery.ts), so a run should leave none. Counted, shown in
   * the table, not part of isClean so the CI campaign measures the rest.
   */
  staleTmp: number;
  details: string[];
}

export const COLUMNS = ['ips', 'links', 'caches', 'stuck'] as const;

export interface AuditTarget {
  readonly ipamDirs: readonly string[];
  readonly nodeNs: string;
  /** veths that belong to the node itself (the macvlan master pair), not to pods */
  readonly nodeVethPrefixes: readonly string[];
  readonly cniDir: string;
  readonly runtimeCacheDir: string;
  /** files in cniDir that are not caches (the daemon's boot-id record, a disk-full filler) */
  readonly cniDirIgnore: readonly string[];
}

// host-local keeps one file per reserved address, named by it, next to `lock` and `last_reserved_ip.N`
const isAddress = (f: string) => /^\d+\.\d+\.\d+\.\d+$/.test(f) || f.includes(':');

function filesUnder(dir: string, ignore: readonly string[] = []): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !ignore.includes(e.name))
    .map((e) => join(e.parentPath, e.name));
}

/** What a runtime reports of its own: links left in pod netns it still has, sandboxes it still has. */
export interface RuntimeLeftovers {
  /** `<netns>:<ifname>` of every non-lo link in a pod netns that still exists */
  readonly podLinks: readonly string[];
  /** ids of sandboxes the runtime still has (it could not DEL them) */
  readonly stuck: readonly string[];
}

export function audit(target: AuditTarget, rt: FakeRuntime): Audit {
  const podLinks: string[] = [];
  for (const ns of rt.netnsMade) {
    if (!existsSync(podNetnsPath(ns))) continue;
    // a netns the runtime still holds for a tracked sandbox is accounted as "stuck", its links too
    for (const l of linksIn(ns)) if (l.ifname !== 'lo') podLinks.push(`${ns}:${l.ifname}`);
  }
  return auditWith(target, { podLinks, stuck: [...rt.sandboxes.keys()] });
}

/** The audit of the node's files and links, with what the runtime itself left (see RuntimeLeftovers). */
export function auditWith(target: AuditTarget, rt: RuntimeLeftovers): Audit {
  const details: string[] = [];
  const reservations = target.ipamDirs.flatMap((d) =>
    existsSync(d) ? readdirSync(d).flatMap((net) => readdirSync(join(d, net)).filter(isAddress).map((f) => `${net}/${f}`)) : []);
  details.push(...reservations.map((r) => `ip ${r}`));

  const hostVeths = linksIn(target.nodeNs)
    .filter((l) => l.linkinfo?.info_kind === 'veth' && !target.nodeVethPrefixes.some((p) => l.ifname.startsWith(p)))
    .map((l) => `node:${l.ifname}`);
  details.push(...rt.podLinks.map((l) => `link ${l}`), ...hostVeths.map((l) => `link ${l}`));

  const inCniDir = filesUnder(target.cniDir, target.cniDirIgnore);
  const quarantined = inCniDir.filter((f) => f.endsWith('.corrupt'));
  const isTmp = (f: string) => /\/\.[^/]+\.[0-9a-f]{12}\.tmp$/.test(f);
  const staleTmp = inCniDir.filter(isTmp);
  const caches = [...inCniDir.filter((f) => !f.endsWith('.corrupt') && !isTmp(f)), ...filesUnder(target.runtimeCacheDir)];
  details.push(...caches.map((c) => `cache ${c}`), ...quarantined.map((c) => `quarantined ${c}`), ...staleTmp.map((c) => `stale-tmp ${c}`));

  details.push(...rt.stuck.map((c) => `stuck ${c}`));
  return { ips: reservations.length, links: rt.podLinks.length + hostVeths.length, caches: caches.length, stuck: rt.stuck.length, quarantined: quarantined.length, staleTmp: staleTmp.length, details };
}

export const isClean = (a: Audit): boolean => a.ips === 0 && a.links === 0 && a.caches === 0 && a.stuck === 0;
