// The per-container delegate cache `<cniDir>/<containerID>` (multus.md §3.3 step 9, §3.8, Appendix B.3):
// written before any delegate runs, read by DEL. The format is Go Multus' json.Marshal of its
// []*DelegateNetConf, so caches cross an upgrade (and a downgrade) in both directions:
//   [{"Conf":{…},"ConfList":{…},"CNINetworkConfigList":{…},"Name":…,"ifnameRequest"?,"macRequest"?,
//     "infinibandGUIDRequest"?,"ipRequest"?,"default-route"?,"IsFilterV4Gateway":…,"IsFilterV6Gateway":…,
//     "deviceID"?,"resourceName"?,"Bytes":"<base64 of the exact delegate config>"}, …]
// `Bytes` is the truth. `Conf`/`ConfList` are parsed views Go reads for a few things (the conflist flag =
// non-empty `ConfList.plugins`, names, types, cniVersions): we write them the way Go does so Go can read
// our files, and read them the way Go does so we read Go's files identically. The master and conflist
// flags are not stored; element 0 is the master. portMappings/bandwidth requests are not cached (Go).
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { validateContainerId } from '../cni/args.ts';
import { tryCanonicalIp } from '../cni/result/ip.ts';
import { writeFileAtomic } from '../util/atomic-write.ts';
import { CniError } from '../errors/catalogue.ts';
import { deepFreeze } from './freeze.ts';
import type { Delegate } from './delegate.ts';

type Json = Record<string, unknown>;

function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Go's zero libcni.NetworkConfigList, which is all Multus ever stores for static/NAD delegates. */
const EMPTY_CNI_NETWORK_CONFIG_LIST = {
  Name: '', CNIVersion: '', DisableCheck: false, DisableGC: false, LoadOnlyInlinedPlugins: false, Plugins: null, Bytes: null,
};

/**
 * `<cniDir>/<containerID>`. The id must be a valid CNI container id (must start with an alphanumeric,
 * then alphanumerics, `_`, `.`, `-`), so the path can never leave cniDir.
 */
export function delegateCachePath(cniDir: string, containerId: string): string {
  if (cniDir === '') throw new CniError('CACHE_PATH', 'the delegate cache needs a directory (cniDir is empty)');
  validateContainerId(containerId);
  return join(cniDir, containerId);
}

// ---- writing ----

/** libcni's types.NetConf as it marshals (sorted keys, empty fields omitted, `ipam` always present). */
function confView(doc: unknown): Json {
  if (!isObj(doc)) return { ipam: {} };
  const o: Json = {};
  if (isObj(doc.capabilities)) {
    const caps = Object.entries(doc.capabilities).filter(([, on]) => typeof on === 'boolean');
    if (caps.length > 0) o.capabilities = Object.fromEntries(caps.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  if (typeof doc.cniVersion === 'string' && doc.cniVersion !== '') o.cniVersion = doc.cniVersion;
  o.ipam = isObj(doc.ipam) && typeof doc.ipam.type === 'string' && doc.ipam.type !== '' ? { type: doc.ipam.type } : {};
  if (typeof doc.name === 'string' && doc.name !== '') o.name = doc.name;
  if (typeof doc.type === 'string' && doc.type !== '') o.type = doc.type;
  return o;
}

/** types.NetConfList: only for conflists; `{}` for a single config (Go never decodes one into it). */
function confListView(doc: unknown, list: boolean): Json {
  if (!list || !isObj(doc)) return {};
  const o: Json = {};
  if (typeof doc.cniVersion === 'string' && doc.cniVersion !== '') o.cniVersion = doc.cniVersion;
  if (typeof doc.name === 'string' && doc.name !== '') o.name = doc.name;
  if (Array.isArray(doc.plugins) && doc.plugins.length > 0) o.plugins = doc.plugins.map(confView);
  return o;
}

function entryJson(d: Delegate): Json {
  let doc: unknown;
  try {
    doc = JSON.parse(d.bytes);
  } catch {
    doc = undefined; // bytes read from a damaged cache; the views are informational
  }
  const o: Json = {
    Conf: confView(doc),
    ConfList: confListView(doc, d.isConfList),
    CNINetworkConfigList: EMPTY_CNI_NETWORK_CONFIG_LIST,
    Name: d.name,
  };
  if (d.ifnameRequest) o.ifnameRequest = d.ifnameRequest;
  if (d.macRequest) o.macRequest = d.macRequest;
  if (d.infinibandGuidRequest) o.infinibandGUIDRequest = d.infinibandGuidRequest;
  if (d.ipRequest && d.ipRequest.length > 0) o.ipRequest = d.ipRequest;
  if (d.gatewayRequest !== undefined) o['default-route'] = d.gatewayRequest; // *[]net.IP: [] is kept
  o.IsFilterV4Gateway = d.filterV4Gateway;
  o.IsFilterV6Gateway = d.filterV6Gateway;
  if (d.deviceId) o.deviceID = d.deviceId;
  if (d.resourceName) o.resourceName = d.resourceName;
  o.Bytes = Buffer.from(d.bytes, 'utf8').toString('base64');
  return o;
}

/** The cache file's text for these delegates (element 0 = the master). */
export function serializeDelegateCache(delegates: readonly Delegate[]): string {
  return JSON.stringify(delegates.map(entryJson));
}

/** Write the cache atomically: directory created 0700 if missing, file 0600 (§3.3 step 9). */
export async function writeDelegateCache(cniDir: string, containerId: string, delegates: readonly Delegate[]): Promise<void> {
  const path = delegateCachePath(cniDir, containerId);
  const text = serializeDelegateCache(delegates);
  try {
    mkdirSync(cniDir, { recursive: true, mode: 0o700 });
    await writeFileAtomic(path, text, 0o600);
  } catch (e) {
    throw new CniError('CACHE_WRITE', `saveDelegates: error in saving the delegates : failed to write container data in the path(${JSON.stringify(path)}): ${(e as Error).message}`, undefined, { cause: e });
  }
}

// ---- reading ----

function corrupt(path: string | undefined, why: string): CniError {
  return new CniError('CACHE_READ', `failed to load the delegate cache${path ? ` ${path}` : ''}: ${why}`);
}

/** Go's []byte JSON decoding: standard padded base64 (CR/LF ignored), or null for no bytes. */
function decodeBytes(v: unknown, at: string, path: string | undefined): string {
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw corrupt(path, `${at}.Bytes is not a base64 string`);
  const s = v.replace(/[\r\n]/g, '');
  if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) throw corrupt(path, `${at}.Bytes is not valid base64`);
  return Buffer.from(s, 'base64').toString('utf8');
}

function optString(o: Json, key: string, at: string, path: string | undefined): string | undefined {
  const v = o[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw corrupt(path, `${at}.${key} is not a string`);
  return v;
}

function optStringList(o: Json, key: string, at: string, path: string | undefined, ip: boolean): string[] | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw corrupt(path, `${at}.${key} is not a list of strings`);
  if (!ip) return v as string[];
  return (v as string[]).map((g) => {
    const c = tryCanonicalIp(g);
    if (c === undefined) throw corrupt(path, `${at}.${key}: invalid IP address: ${g}`);
    return c;
  });
}

function optObj(o: Json, key: string, at: string, path: string | undefined): Json {
  const v = o[key];
  if (v === undefined || v === null) return {};
  if (!isObj(v)) throw corrupt(path, `${at}.${key} is not an object`);
  return v;
}

function viewString(o: Json, key: string, at: string, path: string | undefined): string {
  return optString(o, key, at, path) ?? '';
}

function readEntry(e: unknown, i: number, path: string | undefined): Delegate {
  const at = `[${i}]`;
  if (!isObj(e)) throw corrupt(path, `${at} is not an object`);
  const conf = optObj(e, 'Conf', at, path);
  const confList = optObj(e, 'ConfList', at, path);
  const plugins = confList.plugins;
  if (plugins !== undefined && plugins !== null && !Array.isArray(plugins)) throw corrupt(path, `${at}.ConfList.plugins is not a list`);
  // Go's DEL: a delegate is a conflist exactly when ConfList.plugins is non-empty.
  const list = Array.isArray(plugins) && plugins.length > 0;
  const bytes = decodeBytes(e.Bytes, at, path);
  const name = e.Name;
  if (name !== undefined && name !== null && typeof name !== 'string') throw corrupt(path, `${at}.Name is not a string`);
  for (const flag of ['IsFilterV4Gateway', 'IsFilterV6Gateway']) {
    if (e[flag] !== undefined && e[flag] !== null && typeof e[flag] !== 'boolean') throw corrupt(path, `${at}.${flag} is not a boolean`);
  }
  const view = list ? confList : conf;
  const d: { -readonly [K in keyof Delegate]: Delegate[K] } = {
    bytes,
    isConfList: list,
    name: (name as string | null | undefined) ?? '',
    confName: viewString(view, 'name', `${at}.${list ? 'ConfList' : 'Conf'}`, path),
    confType: list ? '' : viewString(conf, 'type', `${at}.Conf`, path),
    cniVersion: viewString(view, 'cniVersion', `${at}.${list ? 'ConfList' : 'Conf'}`, path),
    filterV4Gateway: e.IsFilterV4Gateway === true,
    filterV6Gateway: e.IsFilterV6Gateway === true,
  };
  const ifname = optString(e, 'ifnameRequest', at, path);
  if (ifname) d.ifnameRequest = ifname;
  const mac = optString(e, 'macRequest', at, path);
  if (mac) d.macRequest = mac;
  const guid = optString(e, 'infinibandGUIDRequest', at, path);
  if (guid) d.infinibandGuidRequest = guid;
  const ips = optStringList(e, 'ipRequest', at, path, false);
  if (ips) d.ipRequest = ips;
  const gws = optStringList(e, 'default-route', at, path, true);
  if (gws) d.gatewayRequest = gws;
  const dev = optString(e, 'deviceID', at, path);
  if (dev) d.deviceId = dev;
  const res = optString(e, 'resourceName', at, path);
  if (res) d.resourceName = res;
  return d;
}

/**
 * Parse a cache file's text (ours or Go's). Anything that is not such an array is a CniError with id
 * CACHE_READ ("corrupt"); what DEL does then is the caller's decision (§3.8 step 4). An empty array
 * gives no delegates.
 */
export function parseDelegateCache(text: string, path?: string): Delegate[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw corrupt(path, (e as Error).message);
  }
  if (!Array.isArray(doc)) throw corrupt(path, 'not a JSON array');
  return deepFreeze(doc.map((e, i) => readEntry(e, i, path)));
}

/**
 * The cached delegates of a container, or undefined when there is no cache file. A corrupt file throws
 * CACHE_READ; a file that cannot be read throws CONFIG_IO.
 */
export async function readDelegateCache(cniDir: string, containerId: string): Promise<Delegate[] | undefined> {
  const path = delegateCachePath(cniDir, containerId);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CniError('CONFIG_IO', `failed to read the delegate cache ${path}: ${(e as Error).message}`, undefined, { cause: e });
  }
  return parseDelegateCache(text, path);
}

/** Remove the cache file; true when it existed. */
export async function removeDelegateCache(cniDir: string, containerId: string): Promise<boolean> {
  const path = delegateCachePath(cniDir, containerId);
  try {
    rmSync(path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new CniError('CONFIG_IO', `deleteDelegates: error in deleting the delegates : ${(e as Error).message}`, undefined, { cause: e });
  }
}
