// A small typed client for the handful of API calls Multus makes, over node:http(s) with a keep-alive
// agent. Chosen over @kubernetes/client-node by measurement (README.md): the generated client costs
// ~80 MB of RSS and ~0.5 s of import, more than the daemon's whole memory budget (issue 8).
import type http from 'node:http';
import { CniError } from '../errors/catalogue.ts';
import { impersonationHeaders, type AuthMaterial } from './credentials.ts';
import { errorFromNetwork, errorFromResponse, KubeError, timeoutError } from './errors.ts';
import type { KubeAccess } from './kubeconfig.ts';
import type {
  CoreEvent,
  KubeList,
  KubeObject,
  NetworkAttachmentDefinition,
  Pod,
  VersionInfo,
  WatchEvent,
} from './types.ts';

/** Kept equal to package.json's version by test/k8s/user-agent.test.ts. */
export const MULTUS_TS_VERSION = '0.1.0';
export const DEFAULT_USER_AGENT = `multus-ts/${MULTUS_TS_VERSION}`;
/** Multus' client: a one-minute request timeout (pkg/k8sclient). */
export const DEFAULT_TIMEOUT_MS = 60_000;

export const NAD_GROUP_PATH = '/apis/k8s.cni.cncf.io/v1';

export interface KubeClientOptions {
  /** Per-call timeout when a call does not give its own (default 60 s). */
  timeoutMs?: number;
  userAgent?: string;
  /** Sockets per host (default 16: a burst of CNI ADDs writes status and events in parallel). */
  maxSockets?: number;
  /** Idle keep-alive sockets are closed after this long (default 30 s, under the API server's 90 s). */
  idleSocketMs?: number;
}

export interface CallOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface ListOptions extends CallOptions {
  fieldSelector?: string;
  labelSelector?: string;
  resourceVersion?: string;
  resourceVersionMatch?: 'Exact' | 'NotOlderThan';
  limit?: number;
  continue?: string;
}

export interface WatchOptions {
  /** Time allowed until the response headers arrive (default: the client's timeout). */
  timeoutMs?: number;
  /**
   * A watch that sends nothing for this long is treated as dead (default 5 min). With bookmarks on,
   * kube-apiserver sends one about every minute, so silence means a half-open TCP connection.
   */
  idleTimeoutMs?: number;
}

export type Query = Record<string, string | number | boolean | undefined>;

interface RequestSpec {
  method: string;
  path: string;
  query?: Query;
  body?: unknown;
  contentType?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

interface Transport {
  request: typeof http.request;
  agent: http.Agent;
}

function seg(s: string): string {
  return encodeURIComponent(s);
}

function podPath(ns: string, name?: string): string {
  return `/api/v1/namespaces/${seg(ns)}/pods${name === undefined ? '' : `/${seg(name)}`}`;
}

function buildQuery(q: Query | undefined): string {
  if (!q) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

function readBody(res: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
    res.on('close', () => {
      if (!res.complete) reject(Object.assign(new Error('the connection closed before the response ended'), { code: 'ECONNRESET' }));
    });
  });
}

const TIMEOUT = Symbol('timeout');

/** A request whose response headers have arrived. */
interface Opened {
  res: http.IncomingMessage;
  /** Ends the exchange early (destroys the socket if the body has not ended). */
  abort: () => void;
  /** Clears the timer and the caller-signal listener; call once the body is consumed. */
  done: () => void;
  /** The KubeError (or the caller's abort reason) for an error seen while reading the body. */
  explain: (err: unknown) => unknown;
}

export class KubeClient {
  readonly access: KubeAccess;
  private readonly timeoutMs: number;
  private readonly userAgent: string;
  private readonly maxSockets: number;
  private readonly idleSocketMs: number;
  private readonly base: URL;
  private transport: Promise<Transport> | undefined;
  private closed = false;

  constructor(access: KubeAccess, options: KubeClientOptions = {}) {
    this.access = access;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
    this.maxSockets = options.maxSockets ?? 16;
    this.idleSocketMs = options.idleSocketMs ?? 30_000;
    this.base = new URL(access.server);
  }

  // --- the calls Multus makes -------------------------------------------------------------------

  getPod(ns: string, name: string, o?: CallOptions): Promise<Pod> {
    return this.request<Pod>({ method: 'GET', path: podPath(ns, name), ...o });
  }

  /** PUT pods/{name}/status with the whole object; its resourceVersion makes it conditional (409). */
  updatePodStatus(pod: Pod, o?: CallOptions): Promise<Pod> {
    const ns = pod.metadata.namespace ?? '';
    const name = pod.metadata.name ?? '';
    return this.request<Pod>({ method: 'PUT', path: `${podPath(ns, name)}/status`, body: pod, ...o });
  }

  /**
   * Merge-patches annotations through pods/status (a null value removes the key). Without a
   * resourceVersion it cannot conflict, so a writer holding a fresh cached pod needs no GET first.
   */
  patchPodStatusAnnotations(
    ns: string,
    name: string,
    annotations: Record<string, string | null>,
    resourceVersion?: string,
    o?: CallOptions,
  ): Promise<Pod> {
    const metadata: Record<string, unknown> = { annotations };
    if (resourceVersion !== undefined) metadata.resourceVersion = resourceVersion;
    return this.request<Pod>({
      method: 'PATCH',
      path: `${podPath(ns, name)}/status`,
      body: { metadata },
      contentType: 'application/merge-patch+json',
      ...o,
    });
  }

  getNad(ns: string, name: string, o?: CallOptions): Promise<NetworkAttachmentDefinition> {
    return this.request<NetworkAttachmentDefinition>({
      method: 'GET',
      path: `${NAD_GROUP_PATH}/namespaces/${seg(ns)}/network-attachment-definitions/${seg(name)}`,
      ...o,
    });
  }

  /** Pods of every namespace, or of `o.namespace`. */
  listPods(o: ListOptions & { namespace?: string } = {}): Promise<KubeList<Pod>> {
    const path = o.namespace ? podPath(o.namespace) : '/api/v1/pods';
    return this.list<Pod>(path, o);
  }

  listNads(ns?: string, o: ListOptions = {}): Promise<KubeList<NetworkAttachmentDefinition>> {
    const path = ns
      ? `${NAD_GROUP_PATH}/namespaces/${seg(ns)}/network-attachment-definitions`
      : `${NAD_GROUP_PATH}/network-attachment-definitions`;
    return this.list<NetworkAttachmentDefinition>(path, o);
  }

  /** Any list endpoint (the informer uses this with its own path). */
  list<T>(path: string, o: ListOptions = {}): Promise<KubeList<T>> {
    return this.request<KubeList<T>>({
      method: 'GET',
      path,
      query: {
        fieldSelector: o.fieldSelector,
        labelSelector: o.labelSelector,
        resourceVersion: o.resourceVersion,
        resourceVersionMatch: o.resourceVersionMatch,
        limit: o.limit,
        continue: o.continue,
      },
      timeoutMs: o.timeoutMs,
      signal: o.signal,
    });
  }

  createEvent(ns: string, event: CoreEvent, o?: CallOptions): Promise<CoreEvent> {
    return this.request<CoreEvent>({ method: 'POST', path: `/api/v1/namespaces/${seg(ns)}/events`, body: event, ...o });
  }

  getVersion(o?: CallOptions): Promise<VersionInfo> {
    return this.request<VersionInfo>({ method: 'GET', path: '/version', ...o });
  }

  /** Destroys the agent's sockets (calls still in flight fail) and refuses further calls. */
  async close(): Promise<void> {
    this.closed = true;
    const t = this.transport;
    if (t) (await t.catch(() => undefined))?.agent.destroy();
  }

  // --- plumbing ---------------------------------------------------------------------------------

  /** One JSON call: 2xx → the decoded body; anything else → a KubeError. */
  async request<T>(spec: RequestSpec): Promise<T> {
    const { body } = await this.exchange(spec);
    try {
      return JSON.parse(body) as T;
    } catch {
      throw new KubeError('K8S_API', `${spec.method} ${spec.path}: the API server sent invalid JSON`, undefined, {
        status: 200,
        reason: 'InvalidJSON',
      });
    }
  }

  /**
   * Streams the watch at `path` (`watch=true` is added to `query`), calling onEvent for each line of
   * the newline-delimited JSON body. Resolves when the server ends the stream (it does at the watch's
   * timeoutSeconds) or when `signal` aborts; rejects with a KubeError when the watch cannot start (HTTP
   * 410 → K8S_GONE), when the connection breaks, or with what onEvent threw.
   */
  async watch<T = KubeObject>(
    path: string,
    query: Query,
    onEvent: (e: WatchEvent<T>) => void,
    signal: AbortSignal,
    options: WatchOptions = {},
  ): Promise<void> {
    const what = `WATCH ${path}`;
    const spec: RequestSpec = { method: 'GET', path, query: { ...query, watch: 'true' }, timeoutMs: options.timeoutMs, signal };
    let opened: Opened | undefined;
    for (let attempt = 0; !opened; attempt++) {
      if (signal.aborted) return;
      let o: Opened;
      try {
        o = await this.open(spec, true);
      } catch (e) {
        if (signal.aborted) return;
        throw e;
      }
      const status = o.res.statusCode ?? 0;
      if (status === 200) {
        opened = o;
        break;
      }
      // an error answer is a small Status body: read it and map it (410 → K8S_GONE)
      let body = '';
      try {
        body = await readBody(o.res);
      } catch (e) {
        if (signal.aborted) return;
        throw o.explain(e);
      } finally {
        o.done();
      }
      if (status === 401 && attempt === 0 && this.access.credentials.invalidate()) continue;
      throw errorFromResponse(what, status, body, o.res.headers['retry-after'] as string | undefined);
    }
    const { res, abort, done } = opened;
    const idleMs = options.idleTimeoutMs ?? 300_000;
    return new Promise<void>((resolve, reject) => {
      let buf = '';
      let settled = false;
      let idle: NodeJS.Timeout | undefined;
      const finish = (err?: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(idle);
        done();
        if (err === undefined || signal.aborted) resolve();
        else reject(err);
      };
      // one timer, pushed back on every chunk (refresh() rather than a new timer per chunk)
      idle = setTimeout(() => {
        abort();
        finish(new KubeError('K8S_TIMEOUT', `${what}: no data for ${idleMs} ms`, undefined, { status: 0, reason: 'Timeout' }));
      }, idleMs);
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        idle?.refresh();
        buf += chunk;
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl).trim();
          buf = buf.slice(nl + 1);
          if (line === '') continue;
          let ev: WatchEvent<T>;
          try {
            ev = JSON.parse(line) as WatchEvent<T>;
          } catch {
            abort();
            finish(new KubeError('K8S_API', `${what}: malformed watch event: ${line.slice(0, 100)}`, undefined, { status: 200, reason: 'InvalidJSON' }));
            return;
          }
          try {
            onEvent(ev);
          } catch (e) {
            abort();
            finish(e);
            return;
          }
          if (settled) return;
        }
      });
      res.on('end', () => {
        const rest = buf.trim();
        let last: WatchEvent<T> | undefined;
        try {
          last = rest === '' ? undefined : (JSON.parse(rest) as WatchEvent<T>);
        } catch {
          // a partial last line: the stream was cut mid-event; the informer resumes from its RV anyway
        }
        try {
          if (last !== undefined) onEvent(last);
        } catch (e) {
          return finish(e);
        }
        finish();
      });
      res.on('error', (e) => finish(signal.aborted ? undefined : errorFromNetwork(what, e)));
      res.on('close', () => {
        if (!res.complete) finish(signal.aborted ? undefined : errorFromNetwork(what, Object.assign(new Error('the watch connection was closed'), { code: 'ECONNRESET' })));
      });
    });
  }

  private getTransport(): Promise<Transport> {
    // Loaded on first use, and through getBuiltinModule rather than `import`: an ESM import of
    // node:http builds its namespace object, which runs the lazy `http.WebSocket` getter and loads
    // undici: ~50 ms and ~11 MB for nothing (README.md). https (the TLS stack, ~7 MB) only when needed.
    this.transport ??= (async () => {
      const a = this.access;
      if (this.base.protocol === 'http:') {
        const http = process.getBuiltinModule('node:http');
        return {
          request: http.request,
          agent: new http.Agent({ keepAlive: true, maxSockets: this.maxSockets, timeout: this.idleSocketMs }),
        };
      }
      const https = process.getBuiltinModule('node:https');
      return {
        request: https.request as unknown as typeof http.request,
        agent: new https.Agent({
          keepAlive: true,
          maxSockets: this.maxSockets,
          timeout: this.idleSocketMs,
          ca: a.ca,
          cert: a.clientCert,
          key: a.clientKey,
          rejectUnauthorized: !a.insecureSkipTlsVerify,
          servername: a.tlsServerName,
        }),
      };
    })();
    return this.transport;
  }

  /** A complete exchange: body read, 401 retried once after the credentials are refreshed. */
  private async exchange(spec: RequestSpec): Promise<{ status: number; body: string }> {
    const what = `${spec.method} ${spec.path}`;
    for (let attempt = 0; ; attempt++) {
      const o = await this.open(spec, false);
      let body: string;
      try {
        body = await readBody(o.res);
      } catch (e) {
        throw o.explain(e);
      } finally {
        o.done();
      }
      const status = o.res.statusCode ?? 0;
      if (status >= 200 && status < 300) return { status, body };
      if (status === 401 && attempt === 0 && this.access.credentials.invalidate()) continue;
      throw errorFromResponse(what, status, body, o.res.headers['retry-after'] as string | undefined);
    }
  }

  /**
   * Sends one request and waits for the response headers (and, unless `stream`, the timeout keeps
   * running until `done()`). Errors are KubeErrors; the caller's own abort rethrows its reason.
   */
  private async open(
    spec: RequestSpec,
    stream: boolean,
  ): Promise<Opened> {
    if (this.closed) {
      throw new KubeError('K8S_UNAVAILABLE', `${spec.method} ${spec.path}: the client is closed`, undefined, { status: 0, reason: 'Closed' });
    }
    const what = `${spec.method} ${spec.path}`;
    const t = await this.getTransport();
    let auth: AuthMaterial;
    try {
      auth = await this.access.credentials.get();
    } catch (e) {
      throw e instanceof CniError ? e : new KubeError('K8S_CONFIG', `${what}: credentials: ${(e as Error).message}`, undefined, { status: 0, reason: 'Credentials' });
    }
    const headers: http.OutgoingHttpHeaders = {
      Accept: 'application/json',
      'User-Agent': this.userAgent,
      ...impersonationHeaders(this.access.impersonate),
    };
    if (auth.authorization) headers.Authorization = auth.authorization;
    let payload: Buffer | undefined;
    if (spec.body !== undefined) {
      payload = Buffer.from(JSON.stringify(spec.body));
      headers['Content-Type'] = spec.contentType ?? 'application/json';
      headers['Content-Length'] = payload.length;
    }
    const timeoutMs = spec.timeoutMs ?? this.timeoutMs;
    const fullPath = this.base.pathname.replace(/\/+$/, '') + spec.path + buildQuery(spec.query);

    for (let resetRetry = 0; ; resetRetry++) {
      const ac = new AbortController();
      const onCallerAbort = () => ac.abort(spec.signal?.reason);
      spec.signal?.addEventListener('abort', onCallerAbort, { once: true });
      if (spec.signal?.aborted) ac.abort(spec.signal.reason);
      const timer = setTimeout(() => ac.abort(TIMEOUT), timeoutMs);
      let cleaned = false;
      const done = () => {
        if (cleaned) return;
        cleaned = true;
        clearTimeout(timer);
        spec.signal?.removeEventListener('abort', onCallerAbort);
      };
      let reused = false;
      try {
        const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
          const req = t.request({
            protocol: this.base.protocol,
            hostname: this.base.hostname.replace(/^\[|\]$/g, ''),
            port: this.base.port || (this.base.protocol === 'https:' ? 443 : 80),
            path: fullPath,
            method: spec.method,
            headers,
            agent: t.agent,
            signal: ac.signal,
            ...(auth.cert ? { cert: auth.cert, key: auth.key } : {}),
          });
          req.on('socket', () => {
            reused = req.reusedSocket;
          });
          req.on('response', resolve);
          req.on('error', reject);
          req.end(payload);
        });
        // a watch's timer covers only the wait for headers; a plain call's covers the body too
        if (stream) clearTimeout(timer);
        const explain = (err: unknown): unknown => {
          if (err instanceof CniError) return err;
          if (ac.signal.aborted) return ac.signal.reason === TIMEOUT ? timeoutError(what, timeoutMs) : (spec.signal?.reason ?? err);
          return errorFromNetwork(what, err);
        };
        // once the body has ended the socket may be back in the agent's pool: nothing may abort the
        // request after that (destroying a pooled socket emits an error nobody listens to)
        res.once('end', done);
        // ending early destroys the response, which destroys the socket only while the body is
        // unfinished; aborting the signal instead would reach a socket already back in the pool
        return { res, abort: () => res.destroy(), done, explain };
      } catch (e) {
        done();
        if (ac.signal.aborted) {
          if (ac.signal.reason === TIMEOUT) throw timeoutError(what, timeoutMs);
          throw spec.signal?.reason ?? e;
        }
        // a keep-alive socket the server closed while idle: the request never reached it, send again
        if (reused && resetRetry === 0 && (e as { code?: string }).code === 'ECONNRESET') continue;
        throw errorFromNetwork(what, e);
      }
    }
  }
}
