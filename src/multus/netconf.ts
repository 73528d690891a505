// The Multus configuration on stdin (multus.md §1.1; Go's LoadNetConf). It is decoded over Multus'
// defaults with Go's struct rules (go-decode.ts: case-insensitive keys, last key wins, `null` keeps a
// scalar's default and empties a list), unknown keys are ignored, and the result is deeply frozen.
// Deviations (documented in docs/compatibility.md):
//  - `cniDir`, `confDir`, `binDir`, `multusNamespace` given as "" get their defaults (Go keeps "", which
//    makes ADD fail or look in the wrong place);
//  - static `delegates` keep their exact text (Go re-encodes them with sorted keys);
//  - `"plugins": []` in a delegate is an error (Go crashes);
//  - our own keys `apiTimeoutMs` (Multus hard-codes API timeouts, #1461) and `podLookupTimeoutMs`.
import { arrayElements } from '../cni/raw-json.ts';
import { goJsonSyntaxError } from '../cni/exec/go-json.ts';
import { convertResult, parseResult, type CniResult } from '../cni/result/index.ts';
import { CniError } from '../errors/catalogue.ts';
import { loadDelegate, type Delegate } from './delegate.ts';
import { deepFreeze } from './freeze.ts';
import { decodeFields, goBool, goBoolMap, goInt, goObject, goString, goStringList, goTrimSpace, jsonKind, typeError, type GoCtx } from './go-decode.ts';
import { decodeRuntimeConfig, type RuntimeConfig } from './runtime-config.ts';

export const DEFAULT_CNI_DIR = '/var/lib/cni/multus';
export const DEFAULT_CONF_DIR = '/etc/cni/multus/net.d';
export const DEFAULT_BIN_DIR = '/opt/cni/bin';
export const DEFAULT_MULTUS_NAMESPACE = 'kube-system';
export const DEFAULT_API_TIMEOUT_MS = 10_000;
/** Multus' overall pod lookup poll timeout (§3.2). */
export const DEFAULT_POD_LOOKUP_TIMEOUT_MS = 2_500;

export interface LogOptions {
  readonly maxAge?: number;
  readonly maxSize?: number;
  readonly maxBackups?: number;
  readonly compress?: boolean;
}

export interface MultusConf {
  readonly name: string;
  readonly cniVersion: string;
  readonly type: string;
  readonly kubeconfig: string;
  readonly clusterNetwork: string;
  readonly defaultNetworks: readonly string[];
  /** Static delegates, #0 the master; empty when clusterNetwork is set (then `delegates` is not read). */
  readonly delegates: readonly Delegate[];
  readonly multusNamespace: string;
  readonly systemNamespaces: readonly string[];
  readonly namespaceIsolation: boolean;
  /** Namespaces any pod may reference under namespace isolation (`globalNamespaces`, default ["default"]). */
  readonly globalNamespaces: readonly string[];
  readonly readinessIndicatorFile: string;
  readonly logLevel: string;
  readonly logFile: string;
  readonly logToStderr: boolean;
  readonly logOptions?: LogOptions;
  readonly confDir: string;
  readonly cniDir: string;
  readonly binDir: string;
  readonly capabilities: Readonly<Record<string, boolean>>;
  readonly runtimeConfig?: RuntimeConfig;
  /** Validated against cniVersion and otherwise unused, as in Multus. */
  readonly prevResult?: CniResult;
  readonly auxiliaryCNIChainName: string;
  readonly retryDeleteOnError: boolean;
  readonly apiTimeoutMs: number;
  readonly podLookupTimeoutMs: number;
  /** Ours: pods and NADs from local files instead of Kubernetes (sources/local.ts). */
  readonly localSource?: LocalSourceConf;
}

export interface LocalSourceConf {
  readonly nadDir: string;
  readonly podsFile?: string;
  readonly statusDir: string;
}

function decodeLocalSource(raw: string, ctx: GoCtx): LocalSourceConf | undefined {
  const text = goObject(raw, ctx, 'LocalSourceConf');
  if (text === null) return undefined;
  const o: { nadDir?: string; podsFile?: string; statusDir?: string } = {};
  decodeFields(text, { struct: 'LocalSourceConf', path: ctx.path }, {
    nadDir: (r, c) => void (o.nadDir = goString(r, c) ?? o.nadDir),
    podsFile: (r, c) => void (o.podsFile = goString(r, c) ?? o.podsFile),
    statusDir: (r, c) => void (o.statusDir = goString(r, c) ?? o.statusDir),
  });
  if (!o.nadDir || !o.statusDir) throw new CniError('CONFIG_INVALID', `${ctx.path} needs "nadDir" and "statusDir", e.g. {"nadDir":"/etc/multus-ts/nads","statusDir":"/var/lib/multus-ts/status"}`);
  return { nadDir: o.nadDir, statusDir: o.statusDir, ...(o.podsFile ? { podsFile: o.podsFile } : {}) };
}

const P = 'LoadNetConf: ';

function decodeLogOptions(raw: string, ctx: GoCtx): LogOptions | undefined {
  const text = goObject(raw, ctx, 'logging.LogOptions');
  if (text === null) return undefined;
  const o: { -readonly [K in keyof LogOptions]: LogOptions[K] } = {};
  decodeFields(text, { struct: 'LogOptions', path: ctx.path }, {
    maxAge: (r, c) => void (o.maxAge = goInt(r, c) ?? o.maxAge),
    maxSize: (r, c) => void (o.maxSize = goInt(r, c) ?? o.maxSize),
    maxBackups: (r, c) => void (o.maxBackups = goInt(r, c) ?? o.maxBackups),
    compress: (r, c) => void (o.compress = goBool(r, c) ?? o.compress),
  });
  for (const k of Object.keys(o) as (keyof LogOptions)[]) if (o[k] === undefined) delete o[k];
  return o;
}

function positiveMs(raw: string, ctx: GoCtx): number | undefined {
  const n = goInt(raw, ctx);
  if (n !== undefined && n <= 0) throw new CniError('CONFIG_INVALID', `${ctx.path} must be a positive number of milliseconds, not ${n}`);
  return n;
}

/** Parse Multus' stdin config. Errors are CniErrors whose text starts `LoadNetConf: `. */
export function parseMultusConf(stdinText: string): MultusConf {
  const syntax = goJsonSyntaxError(stdinText);
  if (syntax !== undefined) throw new CniError('CONFIG_PARSE', `${P}failed to load netconf: ${syntax}`);
  const text = stdinText.trim();
  const kind = jsonKind(text);
  if (kind !== 'object' && kind !== 'null') {
    throw new CniError('CONFIG_PARSE', `${P}failed to load netconf: ${typeError(text, { struct: '', path: '' }, 'types.NetConf').msg}`);
  }

  const c = {
    name: '', cniVersion: '', type: '', kubeconfig: '', clusterNetwork: '',
    defaultNetworks: [] as string[], multusNamespace: DEFAULT_MULTUS_NAMESPACE, systemNamespaces: ['kube-system'],
    namespaceIsolation: false, globalNamespacesRaw: '', readinessIndicatorFile: '', logLevel: '', logFile: '',
    logToStderr: true, logOptions: undefined as LogOptions | undefined, confDir: DEFAULT_CONF_DIR, cniDir: DEFAULT_CNI_DIR,
    binDir: DEFAULT_BIN_DIR, capabilities: Object.create(null) as Record<string, boolean>,
    runtimeConfig: undefined as RuntimeConfig | undefined, prevResultRaw: undefined as string | undefined,
    auxiliaryCNIChainName: '', retryDeleteOnError: false, apiTimeoutMs: DEFAULT_API_TIMEOUT_MS,
    podLookupTimeoutMs: DEFAULT_POD_LOOKUP_TIMEOUT_MS, delegatesRaw: undefined as string[] | undefined,
    localSource: undefined as LocalSourceConf | undefined,
  };
  type StrKey = 'name' | 'cniVersion' | 'type' | 'kubeconfig' | 'clusterNetwork' | 'multusNamespace' | 'globalNamespacesRaw'
    | 'readinessIndicatorFile' | 'logLevel' | 'logFile' | 'confDir' | 'cniDir' | 'binDir' | 'auxiliaryCNIChainName';
  const str = (k: StrKey) => (r: string, at: GoCtx): void => void (c[k] = goString(r, at) ?? c[k]);
  const bool = (k: 'namespaceIsolation' | 'logToStderr' | 'retryDeleteOnError') => (r: string, at: GoCtx): void =>
    void (c[k] = goBool(r, at) ?? c[k]);
  const list = (k: 'defaultNetworks' | 'systemNamespaces') => (r: string, at: GoCtx): void => void (c[k] = goStringList(r, at) ?? []);

  if (kind === 'object') {
    try {
      decodeFields(text, { struct: 'NetConf', path: '' }, {
        // types.NetConf (embedded)
        cniVersion: str('cniVersion'),
        name: str('name'),
        type: str('type'),
        capabilities: (r, at) => void (c.capabilities = goBoolMap(r, at) ?? Object.create(null)),
        ipam: (r, at) => void goObject(r, at, 'types.IPAM'),
        dns: (r, at) => void goObject(r, at, 'types.DNS'),
        prevResult: (r, at) => void (c.prevResultRaw = goObject(r, at, 'map[string]interface {}') ?? undefined),
        // Multus' own keys
        confDir: str('confDir'),
        cniDir: str('cniDir'),
        binDir: str('binDir'),
        delegates: (r, at) => {
          const k = jsonKind(r);
          if (k === 'null') return void (c.delegatesRaw = undefined);
          if (k !== 'array') throw typeError(r, at, '[]map[string]interface {}');
          c.delegatesRaw = arrayElements(r).map((el) => {
            const ek = jsonKind(el);
            if (ek !== 'object' && ek !== 'null') throw typeError(el, at, 'map[string]interface {}');
            return el;
          });
        },
        clusterNetwork: str('clusterNetwork'),
        defaultNetworks: list('defaultNetworks'),
        kubeconfig: str('kubeconfig'),
        logFile: str('logFile'),
        logLevel: str('logLevel'),
        logToStderr: bool('logToStderr'),
        logOptions: (r, at) => void (c.logOptions = decodeLogOptions(r, at)),
        runtimeConfig: (r, at) => void (c.runtimeConfig = decodeRuntimeConfig(r, at)),
        readinessindicatorfile: str('readinessIndicatorFile'),
        namespaceIsolation: bool('namespaceIsolation'),
        globalNamespaces: str('globalNamespacesRaw'),
        auxiliaryCNIChainName: str('auxiliaryCNIChainName'),
        systemNamespaces: list('systemNamespaces'),
        multusNamespace: str('multusNamespace'),
        retryDeleteOnError: bool('retryDeleteOnError'),
        // ours
        apiTimeoutMs: (r, at) => void (c.apiTimeoutMs = positiveMs(r, at) ?? c.apiTimeoutMs),
        podLookupTimeoutMs: (r, at) => void (c.podLookupTimeoutMs = positiveMs(r, at) ?? c.podLookupTimeoutMs),
        localSource: (r, at) => void (c.localSource = decodeLocalSource(r, at)),
      });
    } catch (e) {
      throw e instanceof CniError ? e.withPrefix(`${P}failed to load netconf: `) : e;
    }
  }

  // prevResult: parsed as a result of the config's version (error if it is not one), then unused.
  let prevResult: CniResult | undefined;
  if (c.prevResultRaw !== undefined) {
    try {
      prevResult = parseResult(JSON.parse(c.prevResultRaw), c.cniVersion);
    } catch (e) {
      throw e instanceof CniError ? e.withPrefix(`${P}could not parse prevResult: `) : e;
    }
    try {
      convertResult(prevResult, '1.1.0');
    } catch (e) {
      throw e instanceof CniError ? e.withPrefix(`${P}could not convert result to current version: `) : e;
    }
  }

  const raws = c.delegatesRaw ?? [];
  if (raws.length === 0 && c.clusterNetwork === '') {
    throw new CniError('CONFIG_INVALID', `${P}at least one delegate/clusterNetwork must be specified`);
  }
  // With clusterNetwork set, `delegates` is not even looked at (§1.1).
  const delegates = c.clusterNetwork !== '' ? [] : raws.map((raw, i) => {
    try {
      return loadDelegate(raw);
    } catch (e) {
      throw e instanceof CniError ? e.withPrefix(`${P}failed to load delegate ${i} config: `) : e;
    }
  });

  const conf: MultusConf = {
    name: c.name,
    cniVersion: c.cniVersion,
    type: c.type,
    kubeconfig: c.kubeconfig,
    clusterNetwork: c.clusterNetwork,
    defaultNetworks: c.defaultNetworks,
    delegates,
    multusNamespace: c.multusNamespace || DEFAULT_MULTUS_NAMESPACE,
    systemNamespaces: c.systemNamespaces,
    namespaceIsolation: c.namespaceIsolation,
    // "" means the implicit ["default"]; a value replaces it (comma separated, each item trimmed).
    globalNamespaces: c.globalNamespacesRaw === '' ? ['default'] : c.globalNamespacesRaw.split(',').map(goTrimSpace),
    readinessIndicatorFile: c.readinessIndicatorFile,
    logLevel: c.logLevel,
    logFile: c.logFile,
    logToStderr: c.logToStderr,
    confDir: c.confDir || DEFAULT_CONF_DIR,
    cniDir: c.cniDir || DEFAULT_CNI_DIR,
    binDir: c.binDir || DEFAULT_BIN_DIR,
    capabilities: c.capabilities,
    auxiliaryCNIChainName: c.auxiliaryCNIChainName,
    retryDeleteOnError: c.retryDeleteOnError,
    apiTimeoutMs: c.apiTimeoutMs,
    podLookupTimeoutMs: c.podLookupTimeoutMs,
  };
  const out = conf as { -readonly [K in keyof MultusConf]: MultusConf[K] };
  if (c.logOptions) out.logOptions = c.logOptions;
  if (c.runtimeConfig) out.runtimeConfig = c.runtimeConfig;
  if (prevResult) out.prevResult = prevResult;
  if (c.localSource) out.localSource = c.localSource;
  return deepFreeze(out);
}

/** Go's CheckSystemNamespaces: exact membership. */
export function isSystemNamespace(namespace: string, systemNamespaces: readonly string[]): boolean {
  return systemNamespaces.includes(namespace);
}
