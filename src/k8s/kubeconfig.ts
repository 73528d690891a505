// Where the API server is and how to authenticate to it: a kubeconfig file, or the pod's service
// account (in-cluster). Our own loader for the common credential kinds (token, tokenFile, client
// certificates, basic auth), so neither the thin plugin nor the daemon imports client-node; only an
// `exec` / `auth-provider` user loads it, lazily (external-auth.ts). README.md has the figures.
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cniError } from '../errors/catalogue.ts';
import {
  basicCredentials,
  noCredentials,
  staticCredentials,
  TokenFileCredentials,
  type Credentials,
  type Impersonation,
} from './credentials.ts';
import { parseYamlLite, UNSUPPORTED } from './yaml-lite.ts';

/** Everything the client needs to reach one API server. */
export interface KubeAccess {
  /** For messages: `kubeconfig /etc/cni/net.d/multus.d/multus.kubeconfig (context "x")` or `in-cluster`. */
  readonly source: string;
  /** Base URL, without a trailing slash; may carry a path prefix (Rancher-style proxies). */
  readonly server: string;
  readonly ca?: Buffer;
  readonly insecureSkipTlsVerify: boolean;
  readonly tlsServerName?: string;
  readonly clientCert?: Buffer;
  readonly clientKey?: Buffer;
  readonly credentials: Credentials;
  readonly impersonate?: Impersonation;
  /** The context's namespace, or the service account's. */
  readonly namespace?: string;
}

export interface KubeconfigOptions {
  /** Context to use instead of current-context. */
  context?: string;
  /** Token file re-read period (default 60 s). */
  tokenRefreshMs?: number;
  /**
   * exec / auth-provider users: load them with @kubernetes/client-node (default true). When false they
   * are a K8S_CONFIG error naming the field.
   */
  allowClientNode?: boolean;
}

type Obj = Record<string, unknown>;

const SUPPORTED_USER_FIELDS = new Set([
  'token',
  'tokenFile',
  'client-certificate',
  'client-certificate-data',
  'client-key',
  'client-key-data',
  'username',
  'password',
  'as',
  'as-uid',
  'as-groups',
  'as-user-extra',
  'exec',
  'auth-provider',
  'extensions',
]);

async function importYaml(): Promise<(text: string) => unknown> {
  const y = await import('yaml');
  return (text) => y.parse(text);
}

/** kubeconfig text → object: JSON, else our fast subset parser, else the full YAML parser. */
export async function parseKubeconfigText(text: string): Promise<unknown> {
  if (text.trimStart().startsWith('{')) {
    try {
      return JSON.parse(text);
    } catch {
      // not JSON after all (a YAML flow mapping): the YAML parser decides
    }
  }
  const lite = parseYamlLite(text);
  if (lite !== UNSUPPORTED) return lite;
  return (await importYaml())(text);
}

class Where {
  readonly file: string;
  constructor(file: string) {
    this.file = file;
  }
  error(what: string): Error {
    return cniError('K8S_CONFIG', `kubeconfig ${this.file}: ${what}`);
  }
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(o: Obj, key: string, w: Where, at: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw w.error(`${at}.${key} must be a string`);
  return v;
}

/** The `{name, <kind>: {...}}` entry named `name` of clusters/users/contexts. */
function namedEntry(doc: Obj, list: string, kind: string, name: string, w: Where): Obj | undefined {
  const arr = doc[list];
  if (arr === undefined || arr === null) return undefined;
  if (!Array.isArray(arr)) throw w.error(`${list} must be a list`);
  for (const e of arr) {
    if (isObj(e) && e.name === name) {
      const inner = e[kind];
      if (inner === undefined || inner === null) return {};
      if (!isObj(inner)) throw w.error(`${list}["${name}"].${kind} must be a mapping`);
      return inner;
    }
  }
  return undefined;
}

/** Reads `<field>` (a path, relative to the kubeconfig's directory) or decodes `<field>-data`. */
function fileOrData(o: Obj, field: string, dir: string, w: Where, at: string): Buffer | undefined {
  const file = str(o, field, w, at);
  const data = str(o, `${field}-data`, w, at);
  // kubectl refuses both too ("client-cert-data and client-cert are both specified")
  if (file && data) throw w.error(`${at}: ${field} and ${field}-data are both set`);
  if (data) return Buffer.from(data, 'base64');
  if (!file) return undefined;
  const p = path.resolve(dir, file);
  try {
    return readFileSync(p);
  } catch (e) {
    throw w.error(`${at}.${field}: cannot read ${p}: ${(e as Error).message}`);
  }
}

/** `https://host:port`, `host:port` (client-go assumes https), with or without a path prefix. */
function normaliseServer(server: string, w: Where | undefined, at: string): string {
  const s = server.includes('://') ? server : `https://${server}`;
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    const m = `${at}: invalid server URL ${JSON.stringify(server)}`;
    throw w ? w.error(m) : cniError('K8S_CONFIG', m);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    const m = `${at}: server URL ${JSON.stringify(server)} must be http or https`;
    throw w ? w.error(m) : cniError('K8S_CONFIG', m);
  }
  return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
}

/** Loads `file` and picks `options.context` or its current-context. */
export async function loadKubeconfig(file: string, options: KubeconfigOptions = {}): Promise<KubeAccess> {
  const w = new Where(file);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw w.error(`cannot read: ${(e as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = await parseKubeconfigText(text);
  } catch (e) {
    throw w.error(`invalid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!isObj(doc)) throw w.error('not a kubeconfig (the top level is not a mapping)');
  const dir = path.dirname(path.resolve(file));

  const ctxName = options.context ?? (typeof doc['current-context'] === 'string' ? doc['current-context'] : '');
  if (!ctxName) throw w.error('current-context is not set and no context was given');
  const ctx = namedEntry(doc, 'contexts', 'context', ctxName, w);
  if (!ctx) throw w.error(`context "${ctxName}" not found`);
  const ctxAt = `contexts["${ctxName}"].context`;
  const clusterName = str(ctx, 'cluster', w, ctxAt);
  if (!clusterName) throw w.error(`${ctxAt}.cluster is not set`);
  const cluster = namedEntry(doc, 'clusters', 'cluster', clusterName, w);
  if (!cluster) throw w.error(`cluster "${clusterName}" (of context "${ctxName}") not found`);
  const userName = str(ctx, 'user', w, ctxAt);
  let user: Obj = {};
  if (userName) {
    const u = namedEntry(doc, 'users', 'user', userName, w);
    if (!u) throw w.error(`user "${userName}" (of context "${ctxName}") not found`);
    user = u;
  }

  const cAt = `clusters["${clusterName}"].cluster`;
  const server = str(cluster, 'server', w, cAt);
  if (!server) throw w.error(`${cAt}.server is not set`);
  if (cluster['proxy-url'] !== undefined) {
    throw w.error(`${cAt}.proxy-url is not supported (connect to the API server directly)`);
  }
  const insecure = cluster['insecure-skip-tls-verify'];
  if (insecure !== undefined && insecure !== null && typeof insecure !== 'boolean') {
    throw w.error(`${cAt}.insecure-skip-tls-verify must be true or false`);
  }
  const ca = fileOrData(cluster, 'certificate-authority', dir, w, cAt);
  if (insecure === true && ca) {
    // client-go: "specifying a root certificates file with the insecure flag is not allowed"
    throw w.error(`${cAt}: certificate-authority and insecure-skip-tls-verify are both set`);
  }

  const uAt = `users["${userName ?? ''}"].user`;
  for (const k of Object.keys(user)) {
    if (!SUPPORTED_USER_FIELDS.has(k)) throw w.error(`${uAt}.${k} is not supported`);
  }
  const clientCert = fileOrData(user, 'client-certificate', dir, w, uAt);
  const clientKey = fileOrData(user, 'client-key', dir, w, uAt);
  if (!!clientCert !== !!clientKey) {
    throw w.error(`${uAt}: client-certificate and client-key must be set together`);
  }

  const token = str(user, 'token', w, uAt);
  const tokenFile = str(user, 'tokenFile', w, uAt);
  const username = str(user, 'username', w, uAt);
  const password = str(user, 'password', w, uAt);
  if ((token || tokenFile) && (username || password)) {
    throw w.error(`${uAt}: username/password and a bearer token cannot both be set`);
  }

  let credentials: Credentials = noCredentials;
  const external = user.exec !== undefined ? 'exec' : user['auth-provider'] !== undefined ? 'auth-provider' : undefined;
  if (external) {
    if (options.allowClientNode === false) {
      throw w.error(`${uAt}.${external} credentials are not supported here (only token, tokenFile, client certificates and basic auth)`);
    }
    const { clientNodeCredentials } = await import('./external-auth.ts');
    credentials = await clientNodeCredentials(file, ctxName, `kubeconfig ${file}: ${uAt}.${external}`);
  } else if (tokenFile) {
    // client-go: the file, when set, wins over an inline token (its last good read takes precedence)
    const t = new TokenFileCredentials(path.resolve(dir, tokenFile), {
      refreshMs: options.tokenRefreshMs,
      where: `kubeconfig ${file}: ${uAt}.tokenFile`,
    });
    await t.load();
    credentials = t;
  } else if (token) {
    credentials = staticCredentials(`Bearer ${token}`, `token of ${uAt}`);
  } else if (username !== undefined || password !== undefined) {
    credentials = basicCredentials(username ?? '', password ?? '');
  }

  const groups = user['as-groups'];
  if (groups !== undefined && groups !== null && !(Array.isArray(groups) && groups.every((g) => typeof g === 'string'))) {
    throw w.error(`${uAt}.as-groups must be a list of strings`);
  }
  const extra = user['as-user-extra'];
  if (
    extra !== undefined &&
    extra !== null &&
    !(isObj(extra) && Object.values(extra).every((v) => Array.isArray(v) && v.every((x) => typeof x === 'string')))
  ) {
    throw w.error(`${uAt}.as-user-extra must map names to lists of strings`);
  }
  const impersonate: Impersonation = {
    user: str(user, 'as', w, uAt),
    uid: str(user, 'as-uid', w, uAt),
    groups: (groups as string[] | null | undefined) ?? undefined,
    extra: (extra as Record<string, string[]> | null | undefined) ?? undefined,
  };

  return {
    source: `kubeconfig ${file} (context "${ctxName}")`,
    server: normaliseServer(server, w, `${cAt}.server`),
    ca,
    insecureSkipTlsVerify: insecure === true,
    tlsServerName: str(cluster, 'tls-server-name', w, cAt) || undefined,
    clientCert,
    clientKey,
    credentials,
    impersonate: impersonate.user || impersonate.uid || impersonate.groups || impersonate.extra ? impersonate : undefined,
    namespace: str(ctx, 'namespace', w, ctxAt) || undefined,
  };
}

export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

export interface InClusterOptions {
  env?: NodeJS.ProcessEnv;
  /** Where token, ca.crt and namespace are (default the standard mount); injectable for tests. */
  serviceAccountDir?: string;
  tokenRefreshMs?: number;
}

/** Both variables set and non-empty: the test client-go's InClusterConfig makes. */
export function inClusterAvailable(env: NodeJS.ProcessEnv = process.env): boolean {
  return !!env.KUBERNETES_SERVICE_HOST && !!env.KUBERNETES_SERVICE_PORT;
}

/** The pod's service account: `https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT`. */
export async function loadInCluster(options: InClusterOptions = {}): Promise<KubeAccess> {
  const env = options.env ?? process.env;
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  if (!host || !port) {
    throw cniError('K8S_CONFIG', 'in-cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must both be set');
  }
  const dir = options.serviceAccountDir ?? SERVICE_ACCOUNT_DIR;
  const tokenPath = path.join(dir, 'token');
  const token = new TokenFileCredentials(tokenPath, { refreshMs: options.tokenRefreshMs, where: 'in-cluster' });
  await token.load();
  // client-go logs a missing ca.crt and carries on with the system roots; so do we
  let ca: Buffer | undefined;
  try {
    ca = await readFile(path.join(dir, 'ca.crt'));
  } catch {
    ca = undefined;
  }
  let namespace: string | undefined;
  try {
    namespace = (await readFile(path.join(dir, 'namespace'), 'utf8')).trim() || undefined;
  } catch {
    namespace = undefined;
  }
  const hostPart = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host; // net.JoinHostPort
  return {
    source: 'in-cluster',
    server: normaliseServer(`https://${hostPart}:${port}`, undefined, 'in-cluster'),
    ca,
    insecureSkipTlsVerify: false,
    credentials: token,
    namespace,
  };
}

export interface ResolveOptions extends KubeconfigOptions, InClusterOptions {}

/**
 * Multus' rule (GetK8sClient): a kubeconfig path → that file; no path → in-cluster when both
 * KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are set; otherwise null: no Kubernetes at all
 * (no NADs, no status, no events).
 */
export async function resolveKubeAccess(kubeconfig: string | undefined, options: ResolveOptions = {}): Promise<KubeAccess | null> {
  if (kubeconfig) return loadKubeconfig(kubeconfig, options);
  if (inClusterAvailable(options.env ?? process.env)) return loadInCluster(options);
  return null;
}
