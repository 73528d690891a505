// Load + check the primary CNI config and produce `00-multus.conf` (multus.md §2.4).
//
// The text is byte-for-byte what Multus' json.Marshal of its MultusConf struct gives: compact, no
// trailing newline, the struct's key order, `omitempty` rules, Go's string escaping (<, >, & and
// U+2028/9 as \u escapes), capability keys sorted. `type` is always `multus-shim`; `name` is
// `multus-cni-network` unless `overrideNetworkName` (then the primary's name); `clusterNetwork` is the
// primary's full path as the daemon sees it. `readinessindicatorfile`, `cniConfigDir`,
// `multusConfigFile`, `multusAutoconfigDir`, `multusMasterCNI`, `forceCNIVersion` are never written.
//
// Ours, on top:
//  - on the local source (no Kubernetes) the capability `io.kubernetes.cri.pod-annotations: true`, so
//    containerd hands the plugin the pod's annotations in runtimeConfig;
//  - on the local source, `daemonSocketDir` = `socketDir` when that is not the default and
//    `daemonSocketDir` is not given (such a daemon runs on the host, so its socket path is the shim's).
// Deviations (docs/compatibility.md): a non-boolean capability, a non-array `plugins` or a primary that is
// itself a Multus config is an error naming the problem (Go panics, or recurses: #1089/#1200); the
// capabilities and the overridden name are recomputed from the current primary on every generation
// (Go accumulates capabilities across regenerations and fixes the name at start).
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { goJsonSyntaxError } from '../../cni/exec/go-json.ts';
import { spliceObject } from '../../cni/raw-json.ts';
import { CniError } from '../../errors/catalogue.ts';
import { writeFileAtomic } from '../../util/atomic-write.ts';
import { DEFAULT_SOCKET_DIR, type DaemonConfig } from './daemon-config.ts';
import { compareSemver, parseSemver } from './semver.ts';

export const MULTUS_SHIM_TYPE = 'multus-shim';
export const MULTUS_DEFAULT_NETWORK_NAME = 'multus-cni-network';
export const POD_ANNOTATIONS_CAPABILITY = 'io.kubernetes.cri.pod-annotations';
const V040 = parseSemver('0.4.0');

/** The primary config, read and checked. */
export interface LoadedPrimary {
  /** Full path as the daemon sees it (becomes `clusterNetwork`). */
  readonly path: string;
  /** The file's text. */
  readonly raw: string;
  readonly cniVersion?: string;
  /** The network name written into 00-multus.conf (the primary's when overrideNetworkName). */
  readonly networkName: string;
  /** Capabilities the primary enables (value `true`), in document order. */
  readonly capabilities: readonly string[];
}

export type GeneratorSettings = Pick<
  DaemonConfig,
  | 'cniVersion' | 'overrideNetworkName' | 'binDir' | 'capabilities' | 'logFile' | 'logLevel' | 'logToStderr' | 'logOptions'
  | 'namespaceIsolation' | 'globalNamespaces' | 'cniDir' | 'auxiliaryCNIChainName' | 'daemonSocketDir' | 'socketDir' | 'localSource'
>;

const LOAD_PREFIX = 'failed to load the primary CNI configuration as a multus delegate with error';

/** Multus wraps every load/check failure at start-up this way (S109). */
function loadError(msg: string): CniError {
  return new CniError('CONFIG_INVALID', `${LOAD_PREFIX} '${msg}'`);
}

/** Go's *PathError text for a failed read (`open <path>: no such file or directory`). */
function goPathError(e: unknown, file: string): string {
  const err = e as NodeJS.ErrnoException;
  const desc = (err.message ?? String(e)).replace(/^[A-Z]+: /, '').replace(/, \w+( '.*')?$/, '');
  return `${err.syscall ?? 'open'} ${file}: ${desc}`;
}

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Multus' CheckVersionCompatibility: since 0.4.0 (CHECK) an older primary cannot be delegated to. */
function checkVersion(ours: string, primary: Json): void {
  let top;
  try {
    top = parseSemver(ours);
  } catch {
    throw new Error("couldn't get top level cni version");
  }
  if (compareSemver(top, V040) < 0) return;
  if (!isObject(primary) || typeof primary.cniVersion !== 'string') throw new Error("couldn't get cni version of delegate");
  const theirs = primary.cniVersion;
  const v = parseSemver(theirs); // blang's message on failure, as Multus
  if (compareSemver(v, V040) < 0) throw new Error(`delegate cni version is ${theirs} while top level cni version is ${ours}`);
}

function enabledIn(owner: Json, where: string, out: string[]): void {
  if (!isObject(owner) || !isObject(owner.capabilities)) return;
  for (const [k, v] of Object.entries(owner.capabilities)) {
    if (v === true) out.push(k);
    else if (v !== false && v !== null) {
      throw new Error(`capability "${k}" in ${where} must be true or false, not ${JSON.stringify(v)}`);
    }
  }
}

/** The primary's enabled capabilities: all plugins' when it has a non-empty `plugins` list, else its own. */
function primaryCapabilities(primary: Record<string, Json>): string[] {
  const out: string[] = [];
  const plugins = primary.plugins;
  if (plugins !== undefined && plugins !== null && !Array.isArray(plugins)) throw new Error('"plugins" must be an array');
  if (Array.isArray(plugins) && plugins.length > 0) plugins.forEach((p, i) => enabledIn(p, `plugins[${i}]`, out));
  else enabledIn(primary, 'the config', out);
  return out;
}

/** A primary that is itself Multus would make every pod's ADD call Multus again (#1089, #1200). */
function checkNotMultus(primary: Record<string, Json>): void {
  const types = [primary.type, ...(Array.isArray(primary.plugins) ? primary.plugins.map((p) => (isObject(p) ? p.type : undefined)) : [])];
  const t = types.find((x) => x === 'multus' || x === MULTUS_SHIM_TYPE);
  if (t !== undefined) throw new Error(`it is a Multus config (type "${t}"), which would make Multus call itself; set "multusMasterCNI" to the primary network's file`);
}

/** Check a primary config's text (the file's content). Throws a CniError with Multus' texts. */
export function checkPrimaryText(file: string, text: string, settings: Pick<GeneratorSettings, 'cniVersion' | 'overrideNetworkName'>): LoadedPrimary {
  const syntax = goJsonSyntaxError(text);
  if (syntax !== undefined) {
    throw loadError(`failed to access the primary CNI configuration from ${file}: failed to unmarshall primary CNI config: ${syntax}`);
  }
  const data = JSON.parse(text) as Json;
  let capabilities: string[];
  try {
    checkVersion(settings.cniVersion, data);
    if (!isObject(data)) throw new Error('the primary CNI config must be a JSON object');
    checkNotMultus(data);
    capabilities = primaryCapabilities(data);
  } catch (e) {
    throw loadError((e as Error).message);
  }
  let networkName = MULTUS_DEFAULT_NETWORK_NAME;
  if (settings.overrideNetworkName) {
    // Multus' overrideNetworkName texts (pkg/server/config/manager.go), prefixed as at start-up.
    if (!Object.hasOwn(data, 'name')) throw new CniError('CONFIG_INVALID', 'could not override the network name: failed to access delegate CNI plugin name');
    if (typeof data.name !== 'string' || data.name === '') {
      throw new CniError('CONFIG_INVALID', `could not override the network name: the primary CNI Configuration does not feature the network name: ${text.trim()}`);
    }
    networkName = data.name;
  }
  const out: { -readonly [K in keyof LoadedPrimary]: LoadedPrimary[K] } = { path: file, raw: text, networkName, capabilities };
  if (typeof data.cniVersion === 'string') out.cniVersion = data.cniVersion;
  return out;
}

/** Read and check the primary (§2.4 "Load + check"). */
export async function loadPrimary(file: string, settings: Pick<GeneratorSettings, 'cniVersion' | 'overrideNetworkName'>): Promise<LoadedPrimary> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw loadError(`failed to access the primary CNI configuration from ${file}: failed to read the cluster primary CNI config ${file}: ${goPathError(e, file)}`);
  }
  return checkPrimaryText(file, text, settings);
}

/** Go's encoding/json string: JSON.stringify plus the HTML-safe and line-separator escapes. */
function goString(s: string): string {
  return JSON.stringify(s)
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('&', '\\u0026')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}

/** Go sorts map keys as byte strings. */
function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** The `daemonSocketDir` to write (see the header). */
export function effectiveDaemonSocketDir(s: Pick<GeneratorSettings, 'daemonSocketDir' | 'socketDir' | 'localSource'>): string {
  if (s.daemonSocketDir !== '') return s.daemonSocketDir;
  if (s.localSource && path.resolve(s.socketDir) !== path.resolve(DEFAULT_SOCKET_DIR)) return s.socketDir;
  return '';
}

/** The text of 00-multus.conf for this primary. */
export function generateMultusConf(settings: GeneratorSettings, primary: LoadedPrimary): string {
  // Daemon-config capabilities as given (Go keeps false entries), then the primary's enabled ones.
  const caps: Record<string, boolean> = Object.create(null);
  for (const [k, v] of Object.entries(settings.capabilities)) caps[k] = v;
  for (const k of primary.capabilities) caps[k] = true;
  if (settings.localSource) caps[POD_ANNOTATIONS_CAPABILITY] = true;
  const capKeys = Object.keys(caps).sort(byteOrder);

  const parts: string[] = [];
  const put = (k: string, v: string): void => void parts.push(`${goString(k)}:${v}`);
  if (settings.binDir) put('binDir', goString(settings.binDir));
  if (capKeys.length > 0) put('capabilities', `{${capKeys.map((k) => `${goString(k)}:${caps[k]}`).join(',')}}`);
  put('cniVersion', goString(settings.cniVersion));
  if (settings.logFile) put('logFile', goString(settings.logFile));
  if (settings.logLevel) put('logLevel', goString(settings.logLevel));
  if (settings.logToStderr) put('logToStderr', 'true');
  if (settings.logOptions) {
    // logging.LogOptions: pointer fields with omitempty, so a given 0/false is written.
    const o = settings.logOptions;
    const lo: string[] = [];
    if (o.maxAge !== undefined) lo.push(`"maxAge":${o.maxAge}`);
    if (o.maxSize !== undefined) lo.push(`"maxSize":${o.maxSize}`);
    if (o.maxBackups !== undefined) lo.push(`"maxBackups":${o.maxBackups}`);
    if (o.compress !== undefined) lo.push(`"compress":${o.compress}`);
    put('logOptions', `{${lo.join(',')}}`);
  }
  put('name', goString(primary.networkName));
  if (primary.path) put('clusterNetwork', goString(primary.path));
  if (settings.namespaceIsolation) put('namespaceIsolation', 'true');
  if (settings.globalNamespaces) put('globalNamespaces', goString(settings.globalNamespaces));
  put('type', goString(MULTUS_SHIM_TYPE));
  if (settings.cniDir) put('cniDir', goString(settings.cniDir));
  if (settings.auxiliaryCNIChainName) put('auxiliaryCNIChainName', goString(settings.auxiliaryCNIChainName));
  const socketDir = effectiveDaemonSocketDir(settings);
  if (socketDir) put('daemonSocketDir', goString(socketDir));
  if (settings.overrideNetworkName) put('overrideNetworkName', 'true');
  return `{${parts.join(',')}}`;
}

/**
 * `forceCNIVersion` (kind/e2e only): rewrite the primary file's `cniVersion` to ours (S105). Unlike
 * Multus (decode + re-encode with sorted keys, non-atomic write, mode 0644) only the `cniVersion` member
 * is spliced, the file is replaced atomically and keeps its mode. Returns whether the file changed.
 */
export async function forcePrimaryVersion(file: string, version: string): Promise<boolean> {
  let text: string;
  let mode: number;
  try {
    text = await readFile(file, 'utf8');
    mode = (await stat(file)).mode & 0o7777;
  } catch (e) {
    throw new CniError('CONFIG_IO', `failed to read cni config ${file}: ${goPathError(e, file)}`);
  }
  const syntax = goJsonSyntaxError(text);
  if (syntax !== undefined) throw new CniError('CONFIG_PARSE', `failed to unmarshall cni config ${file}: ${syntax}`);
  const data = JSON.parse(text) as Json;
  if (!isObject(data)) throw new CniError('CONFIG_PARSE', `failed to unmarshall cni config ${file}: not a JSON object`);
  if (data.cniVersion === version) return false;
  await writeFileAtomic(file, spliceObject(text, { cniVersion: goString(version) }), mode);
  return true;
}
