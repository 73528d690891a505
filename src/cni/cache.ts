// The result cache, in libcni's on-disk format (cni.md §2.9) so that caches written by containerd's or
// CRI-O's libcni stay readable by us and ours by them:
//   <cacheDir>/results/<network>-<containerID>-<ifName>   (dir 0700, file 0600)
//   {"kind":"cniCacheV1","containerId":…,"config":<base64 of the list bytes>,"ifName":…,"networkName":…,
//    "netns"?,"cniArgs"?,"capabilityArgs"?,"result"?}
// A file that is JSON but not a cniCacheV1 object is a legacy cache: the raw result itself.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { cniError } from '../errors/catalogue.ts';
import { writeFileAtomic } from '../util/atomic-write.ts';

export const DEFAULT_CACHE_DIR = '/var/lib/cni';
const KIND = 'cniCacheV1';

export type CniArgs = ReadonlyArray<readonly [string, string]>;

export interface AttachmentKey {
  readonly networkName: string;
  readonly containerID: string;
  readonly ifName: string;
}

export interface CacheEntry extends AttachmentKey {
  /** The network configuration's bytes as the ADD used them. */
  readonly config: string;
  readonly netNS?: string;
  readonly cniArgs?: CniArgs;
  readonly capabilityArgs?: Readonly<Record<string, unknown>>;
  /** The final ADD result as a JSON object (as returned, not converted). */
  readonly result?: unknown;
}

export interface CachedAttachment extends CacheEntry {
  readonly path: string;
}

export function resultsDir(cacheDir: string): string {
  return join(cacheDir, 'results');
}

export function cachePath(cacheDir: string, k: AttachmentKey): string {
  if (!k.networkName || !k.containerID || !k.ifName) {
    throw cniError('CACHE_PATH', `cache file path requires network name (${JSON.stringify(k.networkName)}), container ID (${JSON.stringify(k.containerID)}), and interface name (${JSON.stringify(k.ifName)})`);
  }
  return join(resultsDir(cacheDir), `${k.networkName}-${k.containerID}-${k.ifName}`);
}

/** JSON with object keys sorted at every level (libcni stores the result re-parsed into a map). */
export function sortedJson(v: unknown): string {
  return JSON.stringify(v, (_k, val: unknown) => {
    if (val === null || typeof val !== 'object' || Array.isArray(val)) return val;
    const o = val as Record<string, unknown>;
    return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
  });
}

export async function writeCacheEntry(cacheDir: string, e: CacheEntry): Promise<void> {
  const path = cachePath(cacheDir, e);
  // Keys in libcni's order; empty optional fields omitted as Go's omitempty does.
  const doc: Record<string, unknown> = {
    kind: KIND,
    containerId: e.containerID,
    config: Buffer.from(e.config, 'utf8').toString('base64'),
    ifName: e.ifName,
    networkName: e.networkName,
  };
  if (e.netNS) doc.netns = e.netNS;
  if (e.cniArgs && e.cniArgs.length > 0) doc.cniArgs = e.cniArgs;
  if (e.capabilityArgs && Object.keys(e.capabilityArgs).length > 0) doc.capabilityArgs = JSON.parse(sortedJson(e.capabilityArgs));
  if (e.result !== undefined && e.result !== null) doc.result = JSON.parse(sortedJson(e.result));
  mkdirSync(resultsDir(cacheDir), { recursive: true, mode: 0o700 });
  await writeFileAtomic(path, JSON.stringify(doc), 0o600);
}

async function readText(path: string): Promise<string | null> {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null; // missing or unreadable: "no cached result", as libcni
  }
}

function isCacheDoc(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && (v as Record<string, unknown>).kind === KIND;
}

/**
 * The cached result as a JSON value: null when there is no cache file (or it holds no result).
 * A non-cniCacheV1 JSON file is returned whole (legacy raw-result cache). Garbage throws CACHE_READ.
 */
export async function readCachedResult(cacheDir: string, k: AttachmentKey): Promise<unknown> {
  const text = await readText(cachePath(cacheDir, k));
  if (text === null) return null;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw cniError('CACHE_READ', `decoding version from network config: ${(e as Error).message}`);
  }
  if (isCacheDoc(doc)) return doc.result ?? null;
  return doc;
}

export interface CachedConfig {
  readonly config: string;
  readonly cniArgs?: CniArgs;
  readonly capabilityArgs?: Readonly<Record<string, unknown>>;
}

/** libcni's GetNetworkListCachedConfig: null when missing; netns is deliberately not returned. */
export async function readCachedConfig(cacheDir: string, k: AttachmentKey): Promise<CachedConfig | null> {
  const text = await readText(cachePath(cacheDir, k));
  if (text === null) return null;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw cniError('CACHE_READ', `failed to unmarshal cached network "${k.networkName}" config: ${(e as Error).message}`);
  }
  const kind = typeof doc === 'object' && doc !== null ? (doc as Record<string, unknown>).kind : undefined;
  if (!isCacheDoc(doc)) throw cniError('CACHE_READ', `read cached network "${k.networkName}" config has wrong kind: ${String(kind ?? '')}`);
  return decodeEntryFields(doc);
}

function decodeEntryFields(doc: Record<string, unknown>): CachedConfig {
  const config = typeof doc.config === 'string' ? Buffer.from(doc.config, 'base64').toString('utf8') : '';
  const out: { config: string; cniArgs?: CniArgs; capabilityArgs?: Record<string, unknown> } = { config };
  if (Array.isArray(doc.cniArgs)) out.cniArgs = doc.cniArgs as CniArgs;
  if (doc.capabilityArgs && typeof doc.capabilityArgs === 'object') out.capabilityArgs = doc.capabilityArgs as Record<string, unknown>;
  return out;
}

/** libcni's GetCachedAttachments: every readable cniCacheV1 entry, sorted by file name. */
export async function listCachedAttachments(cacheDir: string, containerID?: string): Promise<CachedAttachment[]> {
  let names: string[];
  try {
    names = (await readdir(resultsDir(cacheDir))).sort();
  } catch {
    return [];
  }
  const out: CachedAttachment[] = [];
  for (const name of names) {
    if (containerID) {
      const at = name.indexOf(`-${containerID}-`);
      if (at <= 0 || at + containerID.length + 2 >= name.length) continue;
    }
    const path = join(resultsDir(cacheDir), name);
    const text = await readText(path);
    if (text === null) continue;
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      continue;
    }
    if (!isCacheDoc(doc)) continue;
    const ifName = typeof doc.ifName === 'string' ? doc.ifName : '';
    const networkName = typeof doc.networkName === 'string' ? doc.networkName : '';
    const cid = typeof doc.containerId === 'string' ? doc.containerId : '';
    if (!ifName || !networkName) continue;
    if (containerID && cid !== containerID) continue;
    const fields = decodeEntryFields(doc);
    out.push({
      path, networkName, ifName, containerID: cid, ...fields,
      ...(typeof doc.netns === 'string' && doc.netns ? { netNS: doc.netns } : {}),
      ...(doc.result !== undefined ? { result: doc.result } : {}),
    });
  }
  return out;
}

/** Removes an attachment's cache file; errors are ignored, as libcni does. */
export async function deleteCacheEntry(cacheDir: string, k: AttachmentKey): Promise<void> {
  try {
    rmSync(cachePath(cacheDir, k), { force: true });
  } catch {
    // a DEL that succeeded must not fail because its cache could not be removed
  }
}

/**
 * Rewrite the `result` of an attachment's cache entry (Multus moves default routes and records that in
 * libcni's cache so CHECK and GC agree with the pod). A missing entry is left missing.
 */
export async function updateCachedResult(cacheDir: string, k: AttachmentKey, edit: (result: unknown) => unknown): Promise<boolean> {
  const path = cachePath(cacheDir, k);
  const text = await readText(path);
  if (text === null) return false;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw cniError('CACHE_READ', `failed to read cached result ${path}: ${(e as Error).message}`);
  }
  if (isCacheDoc(doc)) doc.result = JSON.parse(sortedJson(edit(doc.result ?? {})));
  else doc = edit(doc); // a legacy cache is the result itself
  await writeFileAtomic(path, JSON.stringify(doc), 0o600);
  return true;
}
