// `daemon-config.json` (multus.md §2.2). Multus reads the one file three ways, and so do we:
//  1. the daemon's own settings (socket, logging, metrics, chroot, …),
//  2. the generator settings for 00-multus.conf (§2.4, generate.ts),
//  3. VERBATIM as the per-request override (§2.5, override.ts) — which is why `raw` keeps the text.
// Keys are matched as Go's encoding/json does (exact, then case-insensitive; the last repeat wins;
// `null` keeps the default; unknown keys are ignored), because existing Multus configs must keep
// working. Unlike Multus, everything is validated ONCE at start and every error names the key and the
// fix: Multus accepts e.g. `"cniVersion": ""` in auto mode and only fails later (exit 2), or a bad
// `defaultNetworks` that then fails every pod. The result is deeply frozen.
//
// Deviations from Multus (docs/compatibility.md):
//  - `multusAutoconfigDir` defaults to `cniConfigDir` (Multus: "", which cannot be listed);
//  - "" for `socketDir`, `cniConfigDir`, `multusConfigFile` means the default (Go keeps "": a relative
//    socket path, `00-multus.conf` in the cwd, a copy of "");
//  - paths must be absolute (a daemon's cwd is an accident); `logLevel` must be a known level;
//    `cniVersion` must be a CNI version we implement; `metricsPort` must be 1–65535;
//  - our keys: `metricsAddress`, `delegateConcurrency`, `maxRequestBytes`, `apiTimeoutMs`,
//    `deleteConfigOnExit`, `nodeName`, `localSource`.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { goJsonSyntaxError } from '../../cni/exec/go-json.ts';
import { memberRaw, objectMembers, spliceObject } from '../../cni/raw-json.ts';
import { SUPPORTED_VERSIONS } from '../../cni/version.ts';
import { CniError } from '../../errors/catalogue.ts';
import { deepFreeze } from '../../multus/freeze.ts';
import { decodeFields, jsonKind } from '../../multus/go-decode.ts';
import { DEFAULT_API_TIMEOUT_MS, parseMultusConf, type LocalSourceConf, type LogOptions } from '../../multus/netconf.ts';
import { parseLogLevel } from '../../util/logger.ts';
import { parseGoDuration } from './go-duration.ts';

export const DEFAULT_DAEMON_CONFIG_FILE = '/etc/cni/net.d/multus.d/daemon-config.json';
export const DEFAULT_SOCKET_DIR = '/run/multus/';
export const DEFAULT_CNI_CONFIG_DIR = '/etc/cni/net.d';
export const DEFAULT_METRICS_ADDRESS = '127.0.0.1:9091';
export const DEFAULT_DELEGATE_CONCURRENCY = 16;
export const DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;
/** Multus' DefaultCertDuration (pkg/server/types.go). */
export const DEFAULT_CERT_DURATION = '10m';
export const AUTO = 'auto';

export interface PerNodeCertificate {
  readonly enabled: boolean;
  readonly bootstrapKubeconfig: string;
  readonly certDir: string;
  /** As written (a Go duration). */
  readonly certDuration: string;
  readonly certDurationMs: number;
}

export interface ListenAddress {
  readonly host: string;
  readonly port: number;
}

export interface DaemonConfig {
  /** The file's text, exactly as read: the per-request override (§2.5). */
  readonly raw: string;
  /** Where it was read from, for messages. */
  readonly source?: string;

  // ---- daemon settings (Multus ControllerNetConf) ----
  /** Delegates are executed chrooted here when set (manifest: /hostroot). */
  readonly chrootDir: string;
  /** Directory of `multus.sock`. */
  readonly socketDir: string;
  /** Multus' metrics key, if given (folded into `metricsAddress`). */
  readonly metricsPort?: number;
  readonly logFile: string;
  /** As written ("" = Multus' default, panic); validated with parseLogLevel. */
  readonly logLevel: string;
  readonly logToStderr: boolean;
  readonly logOptions?: LogOptions;
  readonly perNodeCertificate?: PerNodeCertificate;

  // ---- generator settings (Multus MultusConf, §2.4) ----
  readonly cniVersion: string;
  /** "auto" or the path of a user-provided config copied into cniConfigDir. */
  readonly multusConfigFile: string;
  /** multusConfigFile === "auto". */
  readonly autoMode: boolean;
  readonly cniConfigDir: string;
  readonly multusAutoconfigDir: string;
  /** File name (relative to multusAutoconfigDir) of the primary; "" = auto-select. */
  readonly multusMasterCNI: string;
  readonly forceCNIVersion: boolean;
  readonly overrideNetworkName: boolean;
  /** `readinessindicatorfile` (all lower case, as Multus spells it). */
  readonly readinessIndicatorFile: string;
  /** Merged into the generated conf as written (Go keeps false entries too). */
  readonly capabilities: Readonly<Record<string, boolean>>;
  readonly daemonSocketDir: string;
  readonly binDir: string;
  readonly cniDir: string;
  readonly namespaceIsolation: boolean;
  /** The raw comma-separated string, copied into the generated conf. */
  readonly globalNamespaces: string;
  readonly auxiliaryCNIChainName: string;

  // ---- ours ----
  /** `host:port` of the Prometheus listener; "" = no metrics. */
  readonly metricsAddress: string;
  /** metricsAddress split; undefined when metrics are off. */
  readonly metrics?: ListenAddress;
  /** Delegate executions in flight at once, across all requests. */
  readonly delegateConcurrency: number;
  /** Largest socket request body accepted. */
  readonly maxRequestBytes: number;
  readonly apiTimeoutMs: number;
  /** Delete 00-multus.conf when the daemon stops (Multus always does, #1527; we do not by default). */
  readonly deleteConfigOnExit: boolean;
  /** Node filter for the pod watch (default: env MULTUS_NODE_NAME). */
  readonly nodeName: string;
  /** Pods and NADs from local files instead of Kubernetes. */
  readonly localSource?: LocalSourceConf;
}

export interface ParseDaemonConfigOptions {
  /** File path, for messages. */
  readonly source?: string;
  /** Environment for defaults (MULTUS_NODE_NAME); default process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

type Kind = ReturnType<typeof jsonKind>;

class ConfigProblem extends Error {}

/** A problem with one key: what is wrong and how to fix it. */
function bad(key: string, problem: string, fix: string): never {
  throw new ConfigProblem(`"${key}" ${problem}; ${fix}`);
}

function kindName(k: Kind): string {
  return k === 'bool' ? 'a boolean' : k === 'null' ? 'null' : k === 'array' ? 'an array' : k === 'object' ? 'an object' : `a ${k}`;
}

function readString(raw: string, key: string, fix: string): string | undefined {
  const k = jsonKind(raw);
  if (k === 'null') return undefined;
  if (k !== 'string') bad(key, `must be a string, not ${kindName(k)} (${raw})`, fix);
  return JSON.parse(raw) as string;
}

function readBool(raw: string, key: string): boolean | undefined {
  const k = jsonKind(raw);
  if (k === 'null') return undefined;
  if (k !== 'bool') bad(key, `must be true or false, not ${kindName(k)} (${raw})`, `write "${key}": ${raw === '"true"' ? 'true' : 'true or false without quotes'}`);
  return raw === 'true';
}

function readInt(raw: string, key: string, min: number, max: number, fix: string): number | undefined {
  const k = jsonKind(raw);
  if (k === 'null') return undefined;
  if (k !== 'number') bad(key, `must be an integer, not ${kindName(k)} (${raw})`, fix);
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) bad(key, `must be an integer, not ${raw}`, fix);
  if (n < min || n > max) bad(key, `must be between ${min} and ${max}, not ${n}`, fix);
  return n;
}

function readObject(raw: string, key: string, fix: string): string | undefined {
  const k = jsonKind(raw);
  if (k === 'null') return undefined;
  if (k !== 'object') bad(key, `must be an object, not ${kindName(k)}`, fix);
  return raw;
}

function absolute(key: string, v: string, example: string): string {
  if (v !== '' && !path.isAbsolute(v)) bad(key, `must be an absolute path, not ${JSON.stringify(v)}`, `write e.g. "${key}": "${example}"`);
  return v;
}

/** `host:port` (IPv6 hosts in brackets), port 1–65535. */
export function parseListenAddress(v: string): ListenAddress | undefined {
  const m = /^(\[[0-9A-Fa-f:.%\w]+\]|[^:[\]]*):(\d{1,5})$/.exec(v);
  if (!m) return undefined;
  const port = Number(m[2]);
  if (port < 1 || port > 65535) return undefined;
  const host = m[1].startsWith('[') ? m[1].slice(1, -1) : m[1];
  return { host, port };
}

function decodeLogOptions(text: string): LogOptions {
  const o: { maxAge?: number; maxSize?: number; maxBackups?: number; compress?: boolean } = {};
  const fix = (k: string) => `write e.g. "logOptions": {"${k}": 5}`;
  decodeFields(text, { struct: 'LogOptions', path: 'logOptions' }, {
    maxAge: (r) => void (o.maxAge = readInt(r, 'logOptions.maxAge', 0, 2 ** 31 - 1, fix('maxAge')) ?? o.maxAge),
    maxSize: (r) => void (o.maxSize = readInt(r, 'logOptions.maxSize', 0, 2 ** 31 - 1, fix('maxSize')) ?? o.maxSize),
    maxBackups: (r) => void (o.maxBackups = readInt(r, 'logOptions.maxBackups', 0, 2 ** 31 - 1, fix('maxBackups')) ?? o.maxBackups),
    compress: (r) => void (o.compress = readBool(r, 'logOptions.compress') ?? o.compress),
  });
  return o;
}

function decodePerNodeCertificate(text: string): PerNodeCertificate {
  const o = { enabled: false, bootstrapKubeconfig: '', certDir: '', certDuration: '' };
  const s = (k: 'bootstrapKubeconfig' | 'certDir' | 'certDuration', ex: string) => (r: string): void =>
    void (o[k] = readString(r, `perNodeCertificate.${k}`, `write e.g. "${k}": "${ex}"`) ?? o[k]);
  decodeFields(text, { struct: 'PerNodeCertificate', path: 'perNodeCertificate' }, {
    enabled: (r) => void (o.enabled = readBool(r, 'perNodeCertificate.enabled') ?? o.enabled),
    bootstrapKubeconfig: s('bootstrapKubeconfig', '/var/lib/kubelet/kubeconfig'),
    certDir: s('certDir', '/tmp/multus-certs'),
    certDuration: s('certDuration', '10m'),
  });
  const certDuration = o.certDuration || DEFAULT_CERT_DURATION;
  const ms = parseGoDuration(certDuration);
  if (ms === undefined || ms <= 0) {
    bad('perNodeCertificate.certDuration', `is not a positive Go duration (${JSON.stringify(o.certDuration)})`, 'write e.g. "certDuration": "24h" (units ns, us, ms, s, m, h)');
  }
  if (o.enabled) {
    absolute('perNodeCertificate.bootstrapKubeconfig', o.bootstrapKubeconfig, '/var/lib/kubelet/kubeconfig');
    absolute('perNodeCertificate.certDir', o.certDir, '/tmp/multus-certs');
    if (o.bootstrapKubeconfig === '' || o.certDir === '') {
      bad('perNodeCertificate', 'is enabled but lacks "bootstrapKubeconfig" or "certDir"', 'give both, e.g. {"enabled": true, "bootstrapKubeconfig": "/var/lib/kubelet/kubeconfig", "certDir": "/tmp/multus-certs"}');
    }
  }
  return { ...o, certDuration, certDurationMs: ms };
}

function decodeLocalSource(text: string): LocalSourceConf {
  const o = { nadDir: '', podsFile: '', statusDir: '' };
  const s = (k: 'nadDir' | 'podsFile' | 'statusDir', ex: string) => (r: string): void =>
    void (o[k] = absolute(`localSource.${k}`, readString(r, `localSource.${k}`, `write e.g. "${k}": "${ex}"`) ?? o[k], ex));
  decodeFields(text, { struct: 'LocalSourceConf', path: 'localSource' }, {
    nadDir: s('nadDir', '/etc/multus-ts/nads'),
    podsFile: s('podsFile', '/etc/multus-ts/pods.yaml'),
    statusDir: s('statusDir', '/var/lib/multus-ts/status'),
  });
  if (o.nadDir === '' || o.statusDir === '') {
    bad('localSource', 'needs "nadDir" and "statusDir"', 'write e.g. "localSource": {"nadDir": "/etc/multus-ts/nads", "statusDir": "/var/lib/multus-ts/status"}');
  }
  return { nadDir: o.nadDir, statusDir: o.statusDir, ...(o.podsFile ? { podsFile: o.podsFile } : {}) };
}

/**
 * Every top-level key reaches every CNI request (§2.5), so a value the request parser refuses would
 * fail every pod, long after start-up. Parse the daemon config as a request would see it, once.
 */
function checkAsRequestConfig(raw: string): void {
  // The request always carries clusterNetwork (00-multus.conf has it); stand in for it when the
  // daemon config does not override it.
  const probe = memberRaw(raw, 'clusterNetwork') === undefined ? spliceObject(raw, { clusterNetwork: '"probe"' }) : raw;
  try {
    parseMultusConf(probe);
  } catch (e) {
    if (!(e instanceof CniError)) throw e;
    throw new ConfigProblem(`every CNI request receives this file's top-level keys, and with them the request config is refused: ${e.msg}; fix or remove that key`);
  }
}

/** Parse and validate `daemon-config.json` text. Throws a CniError (CONFIG_PARSE / CONFIG_INVALID). */
export function parseDaemonConfig(text: string, opts: ParseDaemonConfigOptions = {}): DaemonConfig {
  const where = `daemon config${opts.source ? ` ${opts.source}` : ''}`;
  const syntax = goJsonSyntaxError(text);
  if (syntax !== undefined) throw new CniError('CONFIG_PARSE', `${where}: invalid JSON: ${syntax}; the file must hold one JSON object`);
  const kind = jsonKind(text.trim());
  if (kind !== 'object') throw new CniError('CONFIG_PARSE', `${where}: must be a JSON object, not ${kindName(kind)}; write e.g. {"cniVersion": "0.3.1", "multusConfigFile": "auto"}`);
  const env = opts.env ?? process.env;

  const c = {
    chrootDir: '', socketDir: '', metricsPort: undefined as number | undefined, logFile: '', logLevel: '',
    logToStderr: false, logOptions: undefined as LogOptions | undefined,
    perNodeCertificate: undefined as PerNodeCertificate | undefined,
    cniVersion: '', multusConfigFile: AUTO, cniConfigDir: '', multusAutoconfigDir: '', multusMasterCNI: '',
    forceCNIVersion: false, overrideNetworkName: false, readinessIndicatorFile: '',
    capabilities: Object.create(null) as Record<string, boolean>, daemonSocketDir: '', binDir: '', cniDir: '',
    namespaceIsolation: false, globalNamespaces: '', auxiliaryCNIChainName: '',
    metricsAddress: undefined as string | undefined, delegateConcurrency: DEFAULT_DELEGATE_CONCURRENCY,
    maxRequestBytes: DEFAULT_MAX_REQUEST_BYTES, apiTimeoutMs: DEFAULT_API_TIMEOUT_MS, deleteConfigOnExit: false,
    nodeName: env.MULTUS_NODE_NAME ?? '', localSource: undefined as LocalSourceConf | undefined,
  };
  type StrKey = 'chrootDir' | 'socketDir' | 'logFile' | 'logLevel' | 'cniVersion' | 'multusConfigFile' | 'cniConfigDir'
    | 'multusAutoconfigDir' | 'multusMasterCNI' | 'readinessIndicatorFile' | 'daemonSocketDir' | 'binDir' | 'cniDir'
    | 'globalNamespaces' | 'auxiliaryCNIChainName' | 'nodeName';
  const str = (k: StrKey, key: string, example: string) => (r: string): void =>
    void (c[k] = readString(r, key, `write e.g. "${key}": "${example}"`) ?? c[k]);
  type BoolKey = 'logToStderr' | 'forceCNIVersion' | 'overrideNetworkName' | 'namespaceIsolation' | 'deleteConfigOnExit';
  const bool = (k: BoolKey) => (r: string): void => void (c[k] = readBool(r, k) ?? c[k]);

  try {
    decodeFields(text, { struct: 'DaemonConfig', path: '' }, {
      // Multus ControllerNetConf
      chrootDir: str('chrootDir', 'chrootDir', '/hostroot'),
      socketDir: str('socketDir', 'socketDir', '/host/run/multus/'),
      metricsPort: (r) => void (c.metricsPort = readInt(r, 'metricsPort', 1, 65535, 'write e.g. "metricsPort": 9091 (a number, not a string)') ?? c.metricsPort),
      logFile: str('logFile', 'logFile', '/var/log/multus-daemon.log'),
      logLevel: str('logLevel', 'logLevel', 'verbose'),
      logToStderr: bool('logToStderr'),
      logOptions: (r) => {
        const t = readObject(r, 'logOptions', 'write e.g. "logOptions": {"maxAge": 5, "maxSize": 100, "maxBackups": 5, "compress": true}');
        c.logOptions = t === undefined ? undefined : decodeLogOptions(t);
      },
      perNodeCertificate: (r) => {
        const t = readObject(r, 'perNodeCertificate', 'write e.g. "perNodeCertificate": {"enabled": true, "bootstrapKubeconfig": "/var/lib/kubelet/kubeconfig", "certDir": "/tmp/multus-certs"}');
        c.perNodeCertificate = t === undefined ? undefined : decodePerNodeCertificate(t);
      },
      // Multus MultusConf (generator)
      cniVersion: str('cniVersion', 'cniVersion', '0.3.1'),
      multusConfigFile: str('multusConfigFile', 'multusConfigFile', 'auto'),
      cniConfigDir: str('cniConfigDir', 'cniConfigDir', '/host/etc/cni/net.d'),
      multusAutoconfigDir: str('multusAutoconfigDir', 'multusAutoconfigDir', '/host/etc/cni/net.d'),
      multusMasterCNI: str('multusMasterCNI', 'multusMasterCNI', '10-aws.conflist'),
      forceCNIVersion: bool('forceCNIVersion'),
      overrideNetworkName: bool('overrideNetworkName'),
      readinessindicatorfile: str('readinessIndicatorFile', 'readinessindicatorfile', '/host/run/flannel/subnet.env'),
      capabilities: (r) => {
        const t = readObject(r, 'capabilities', 'write e.g. "capabilities": {"portMappings": true}');
        const caps: Record<string, boolean> = Object.create(null);
        if (t !== undefined) {
          for (const m of objectMembers(t)) {
            const k = jsonKind(m.raw);
            if (k === 'null') caps[m.key] = false; // Go's map[string]bool: null stores false
            else if (k === 'bool') caps[m.key] = m.raw === 'true';
            else bad(`capabilities.${m.key}`, `must be true or false, not ${kindName(k)} (${m.raw})`, `write "${m.key}": true`);
          }
        }
        c.capabilities = caps;
      },
      daemonSocketDir: str('daemonSocketDir', 'daemonSocketDir', '/run/multus/'),
      binDir: str('binDir', 'binDir', '/opt/cni/bin'),
      cniDir: str('cniDir', 'cniDir', '/var/lib/cni/multus'),
      namespaceIsolation: bool('namespaceIsolation'),
      globalNamespaces: str('globalNamespaces', 'globalNamespaces', 'default,kube-system'),
      auxiliaryCNIChainName: str('auxiliaryCNIChainName', 'auxiliaryCNIChainName', 'chain'),
      // ours
      metricsAddress: (r) => void (c.metricsAddress = readString(r, 'metricsAddress', `write e.g. "metricsAddress": "${DEFAULT_METRICS_ADDRESS}", or "" for no metrics`) ?? c.metricsAddress),
      delegateConcurrency: (r) => void (c.delegateConcurrency = readInt(r, 'delegateConcurrency', 1, 4096, 'write e.g. "delegateConcurrency": 16') ?? c.delegateConcurrency),
      maxRequestBytes: (r) => void (c.maxRequestBytes = readInt(r, 'maxRequestBytes', 1024, 1024 ** 3, `write e.g. "maxRequestBytes": ${DEFAULT_MAX_REQUEST_BYTES}`) ?? c.maxRequestBytes),
      apiTimeoutMs: (r) => void (c.apiTimeoutMs = readInt(r, 'apiTimeoutMs', 1, 2 ** 31 - 1, 'write e.g. "apiTimeoutMs": 10000') ?? c.apiTimeoutMs),
      deleteConfigOnExit: bool('deleteConfigOnExit'),
      nodeName: str('nodeName', 'nodeName', 'worker-1'),
      localSource: (r) => {
        const t = readObject(r, 'localSource', 'write e.g. "localSource": {"nadDir": "/etc/multus-ts/nads", "statusDir": "/var/lib/multus-ts/status"}');
        c.localSource = t === undefined ? undefined : decodeLocalSource(t);
      },
    });

    // ---- defaults for "" and cross-key rules ----
    c.socketDir ||= DEFAULT_SOCKET_DIR;
    c.cniConfigDir ||= DEFAULT_CNI_CONFIG_DIR;
    c.multusConfigFile ||= AUTO;
    c.multusAutoconfigDir ||= c.cniConfigDir;
    absolute('chrootDir', c.chrootDir, '/hostroot');
    absolute('socketDir', c.socketDir, '/host/run/multus/');
    absolute('cniConfigDir', c.cniConfigDir, '/host/etc/cni/net.d');
    absolute('multusAutoconfigDir', c.multusAutoconfigDir, '/host/etc/cni/net.d');
    absolute('readinessindicatorfile', c.readinessIndicatorFile, '/host/run/flannel/subnet.env');
    absolute('daemonSocketDir', c.daemonSocketDir, '/run/multus/');
    absolute('logFile', c.logFile, '/var/log/multus-daemon.log');
    const autoMode = c.multusConfigFile === AUTO;
    if (!autoMode) absolute('multusConfigFile', c.multusConfigFile, '/etc/multus/70-multus.conf');
    if (c.logLevel !== '' && parseLogLevel(c.logLevel) === undefined) {
      bad('logLevel', `is not a level (${JSON.stringify(c.logLevel)})`, 'use one of "debug", "verbose", "error", "panic"');
    }
    if (c.cniVersion === '' && autoMode) {
      bad('cniVersion', 'is required when "multusConfigFile" is "auto" (it is the version of the generated 00-multus.conf)', 'write e.g. "cniVersion": "0.3.1"');
    }
    if (c.cniVersion !== '' && !(SUPPORTED_VERSIONS as readonly string[]).includes(c.cniVersion)) {
      bad('cniVersion', `is not a CNI version multus-ts implements (${JSON.stringify(c.cniVersion)})`, `use one of ${SUPPORTED_VERSIONS.map((v) => `"${v}"`).join(', ')}`);
    }
    if (c.multusMasterCNI !== '') {
      const m = c.multusMasterCNI;
      if (path.isAbsolute(m) || m.split('/').includes('..')) {
        bad('multusMasterCNI', `names a file inside "multusAutoconfigDir", not a path (${JSON.stringify(m)})`, 'write only the file name, e.g. "multusMasterCNI": "10-aws.conflist"');
      }
      // Multus #1089/#1200: Multus delegating to its own config calls itself for ever.
      if (path.join(c.multusAutoconfigDir, m) === path.join(c.cniConfigDir, '00-multus.conf')) {
        bad('multusMasterCNI', 'names the generated 00-multus.conf, which would make Multus call itself', 'name the primary network\'s file, e.g. "10-calico.conflist"');
      }
    }
    // Multus' metricsPort listens on every address; ours defaults to loopback (metrics are unauthenticated).
    const metricsAddress = c.metricsAddress ?? (c.metricsPort !== undefined ? `127.0.0.1:${c.metricsPort}` : DEFAULT_METRICS_ADDRESS);
    const metrics = metricsAddress === '' ? undefined : parseListenAddress(metricsAddress);
    if (metricsAddress !== '' && metrics === undefined) {
      bad('metricsAddress', `is not host:port with a port 1-65535 (${JSON.stringify(metricsAddress)})`, `write e.g. "metricsAddress": "${DEFAULT_METRICS_ADDRESS}" or "[::1]:9091", or "" for no metrics`);
    }
    checkAsRequestConfig(text);

    const out: { -readonly [K in keyof DaemonConfig]: DaemonConfig[K] } = {
      raw: text,
      chrootDir: c.chrootDir,
      socketDir: c.socketDir,
      logFile: c.logFile,
      logLevel: c.logLevel,
      logToStderr: c.logToStderr,
      cniVersion: c.cniVersion,
      multusConfigFile: c.multusConfigFile,
      autoMode,
      cniConfigDir: c.cniConfigDir,
      multusAutoconfigDir: c.multusAutoconfigDir,
      multusMasterCNI: c.multusMasterCNI,
      forceCNIVersion: c.forceCNIVersion,
      overrideNetworkName: c.overrideNetworkName,
      readinessIndicatorFile: c.readinessIndicatorFile,
      capabilities: c.capabilities,
      daemonSocketDir: c.daemonSocketDir,
      binDir: c.binDir,
      cniDir: c.cniDir,
      namespaceIsolation: c.namespaceIsolation,
      globalNamespaces: c.globalNamespaces,
      auxiliaryCNIChainName: c.auxiliaryCNIChainName,
      metricsAddress,
      delegateConcurrency: c.delegateConcurrency,
      maxRequestBytes: c.maxRequestBytes,
      apiTimeoutMs: c.apiTimeoutMs,
      deleteConfigOnExit: c.deleteConfigOnExit,
      nodeName: c.nodeName,
    };
    if (opts.source !== undefined) out.source = opts.source;
    if (c.metricsPort !== undefined) out.metricsPort = c.metricsPort;
    if (metrics) out.metrics = metrics;
    if (c.logOptions) out.logOptions = c.logOptions;
    if (c.perNodeCertificate) out.perNodeCertificate = c.perNodeCertificate;
    if (c.localSource) out.localSource = c.localSource;
    return deepFreeze(out);
  } catch (e) {
    if (e instanceof ConfigProblem) throw new CniError('CONFIG_INVALID', `${where}: ${e.message}`);
    throw e;
  }
}

/** Read and parse the daemon config file (`-config`, default DEFAULT_DAEMON_CONFIG_FILE). */
export async function loadDaemonConfig(file: string, opts: Omit<ParseDaemonConfigOptions, 'source'> = {}): Promise<DaemonConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') {
      throw new CniError('CONFIG_NOT_FOUND', `daemon config ${file} does not exist; pass the right path with -config, or mount the multus-daemon-config ConfigMap there`);
    }
    throw new CniError('CONFIG_IO', `daemon config ${file} cannot be read: ${err.message}`);
  }
  return parseDaemonConfig(text, { ...opts, source: file });
}
