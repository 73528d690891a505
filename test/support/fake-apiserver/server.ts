// The fake kube-apiserver: a real HTTP(S) listener on 127.0.0.1 (random port) serving the routes of
// routes.ts from the Store, plus the in-process control surface tests drive it with (object helpers,
// request log, faults, restarts). The filter chain mirrors the real one's order where it shows:
// authentication (401) → authorization (403 for anonymous) → content negotiation (406) → handler.
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import type { KubeObject, RequestFilter, RequestInfo, RequestLogEntry, RequestMatch } from './types.ts';
import { Store } from './store.ts';
import { Api } from './crud.ts';
import { mergePatch } from './patch.ts';
import { CORE_EVENTS, EVENTS_V1, NADS, PODS, apiVersionOf } from './resources.ts';
import { ApiError, forbidden, internalError, notAcceptable, qualified, unauthorized } from './status.ts';
import { Faults, cannedResponse, matches, type FailSpec, type Latency } from './faults.ts';
import { isPublicPath, requestInfo, route, type Reply, type RouteContext } from './routes.ts';
import { WatchStream } from './watch.ts';
import { present } from './objects.ts';
import { serverPki } from './tls.ts';
import { writeKubeconfig, type KubeconfigOptions } from './kubeconfig.ts';

export interface FakeApiServerOptions {
  /** Serve HTTPS with a CA generated for this process (`caPem`). */
  readonly https?: boolean;
  /** Require `Authorization: Bearer <token>`; a wrong token gets 401. */
  readonly token?: string;
  /**
   * With a token set, requests without credentials are system:anonymous (kube-apiserver's default
   * --anonymous-auth=true): /healthz, /readyz, /livez and /version answer, everything else is 403.
   * false: they get 401.
   */
  readonly anonymous?: boolean;
  /** Interval of BOOKMARK events on watches that allow them (kube-apiserver: about a minute). */
  readonly bookmarkIntervalMs?: number;
  /** Watch events kept per resource; a watch from before the oldest kept one gets 410. */
  readonly historyLimit?: number;
  /** How long a request for a future resourceVersion waits before its 504 (kube-apiserver: 3 s). */
  readonly tooLargeResourceVersionWaitMs?: number;
}

export interface EventsQuery {
  readonly namespace?: string;
  /** The view to return: core `v1` (default, what client-go's recorder posts) or `events.k8s.io/v1`. */
  readonly apiVersion?: 'v1' | 'events.k8s.io/v1';
}

const JSON_TYPES = ['application/json'];

function acceptsJson(accept: string | undefined): boolean {
  if (!accept || accept.trim() === '') return true;
  return accept.split(',').some((part) => {
    const [type, ...params] = part.split(';').map((s) => s.trim());
    // `as=Table` and friends ask for a different object, not just an encoding
    if (params.some((p) => p.startsWith('as='))) return false;
    const t = type.toLowerCase();
    return t === 'application/json' || t === 'application/*' || t === '*/*';
  });
}

function wantsPretty(info: RequestInfo, userAgent: string | undefined): boolean {
  const p = info.query.pretty;
  if (p !== undefined) return p === 'true' || p === '1';
  // the apiserver pretty-prints for interactive user agents
  return /^(curl|Wget|Mozilla)\//.test(userAgent ?? '');
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
    req.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

export class FakeApiServer {
  readonly store: Store;
  readonly api: Api;
  readonly faults = new Faults();
  /** Every request, in arrival order; entries are completed (status, ms) when their response ends. */
  readonly requests: RequestLogEntry[] = [];
  readonly caPem: string | undefined;
  readonly #server: http.Server;
  readonly #sockets = new Set<Socket>();
  readonly #watches = new Set<WatchStream>();
  readonly #anonymous: boolean;
  readonly #ctx: RouteContext;
  #token: string | undefined;
  #port = 0;
  #down = false;
  #closed = false;

  private constructor(opts: FakeApiServerOptions, pki: { caPem: string; certPem: string; keyPem: string } | undefined) {
    this.store = new Store({ historyLimit: opts.historyLimit });
    this.api = new Api(this.store);
    this.caPem = pki?.caPem;
    this.#token = opts.token;
    this.#anonymous = opts.anonymous ?? true;
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
      this.#handle(req, res).catch((e: unknown) => {
        if (!res.headersSent && !res.destroyed) this.#sendJson(res, 500, internalError(String(e)), false);
        else res.destroy();
      });
    };
    this.#server = pki ? https.createServer({ key: pki.keyPem, cert: pki.certPem }, handler) : http.createServer(handler);
    this.#server.on('connection', (s: Socket) => {
      // neither the listener nor its connections keep a test process alive: a test that forgets
      // close() still exits (its clients, which are ref'd, decide how long the process lives)
      s.unref();
      this.#sockets.add(s);
      s.on('close', () => this.#sockets.delete(s));
    });
    const self = this;
    this.#ctx = {
      api: this.api,
      store: this.store,
      bookmarkIntervalMs: opts.bookmarkIntervalMs ?? 1000,
      tooLargeWaitMs: opts.tooLargeResourceVersionWaitMs ?? 3000,
      get serverAddress() {
        return `127.0.0.1:${self.#port}`;
      },
    };
  }

  static async start(opts: FakeApiServerOptions = {}): Promise<FakeApiServer> {
    const pki = opts.https ? await serverPki() : undefined;
    const s = new FakeApiServer(opts, pki);
    await s.#listen(0);
    return s;
  }

  #listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, '127.0.0.1', () => {
        this.#server.off('error', reject);
        this.#port = (this.#server.address() as { port: number }).port;
        this.#server.unref();
        resolve();
      });
    });
  }

  get url(): string {
    return `${this.caPem ? 'https' : 'http'}://127.0.0.1:${this.#port}`;
  }

  get port(): number {
    return this.#port;
  }

  get token(): string | undefined {
    return this.#token;
  }

  /** Rotates the accepted token (projected service-account tokens are re-issued); undefined disables auth. */
  setToken(token: string | undefined): void {
    this.#token = token;
  }

  /** The cluster's current resourceVersion (the last write's). */
  get resourceVersion(): string {
    return String(this.store.resourceVersion);
  }

  // ---- HTTP handling ------------------------------------------------------------------------------

  async #handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const t0 = performance.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const info = requestInfo(method, new URL(req.url ?? '/', 'http://fake'));
    const entry: RequestLogEntry = {
      method, path: info.path, query: info.query, verb: info.verb, resource: info.resource, subresource: info.subresource,
      namespace: info.namespace, name: info.name, watch: info.verb === 'watch', status: 0, ms: 0,
    };
    this.requests.push(entry);
    res.on('close', () => {
      entry.ms = performance.now() - t0;
    });
    const text = await readBody(req);
    await this.faults.gate(info);
    if (this.#closed || res.destroyed) return;
    if (this.faults.takeDrop(info)) {
      entry.dropped = true;
      req.socket.destroy();
      return;
    }
    const pretty = wantsPretty(info, req.headers['user-agent']);
    const reply = this.#reply(res, entry, pretty);
    try {
      this.#authorize(req, info);
      const failure = this.faults.takeFailure(info);
      if (failure) {
        const canned = cannedResponse(failure, info);
        if (typeof canned.body === 'string') {
          entry.status = canned.code;
          res.writeHead(canned.code, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', ...canned.headers });
          res.end(canned.body);
        } else reply.json(canned.code, canned.body, canned.headers);
        return;
      }
      if (info.isResourceRequest || info.path.startsWith('/api')) {
        if (!acceptsJson(req.headers.accept)) throw new ApiError(notAcceptable(JSON_TYPES));
      }
      await route(this.#ctx, info, { contentType: req.headers['content-type'] ?? '', text }, reply);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (res.headersSent) res.destroy();
      else reply.json(e.body.code, e.body, { ...e.headers });
    }
  }

  /** Authentication, then the one authorization rule the fake has: anonymous users see only public paths. */
  #authorize(req: http.IncomingMessage, info: RequestInfo): void {
    if (this.#token === undefined) return;
    const header = req.headers.authorization?.trim() ?? '';
    const m = /^bearer\s+(.*)$/i.exec(header);
    if (m) {
      if (m[1].trim() !== this.#token) throw new ApiError(unauthorized());
      return;
    }
    // no (bearer) credentials: system:anonymous
    if (!this.#anonymous) throw new ApiError(unauthorized());
    if (isPublicPath(info.path)) return;
    const user = 'User "system:anonymous"';
    if (!info.isResourceRequest) throw new ApiError(forbidden(`forbidden: ${user} cannot ${info.verb} path "${info.path}"`));
    const gr = { group: info.group ?? '', plural: info.resource ?? '' };
    const what = info.subresource ? `${gr.plural}/${info.subresource}` : gr.plural;
    const where = info.namespace !== undefined ? `in the namespace "${info.namespace}"` : 'at the cluster scope';
    const subject = info.name ? `${qualified(gr)} "${info.name}"` : qualified(gr);
    throw new ApiError(forbidden(`${subject} is forbidden: ${user} cannot ${info.verb} resource "${what}" in API group "${gr.group}" ${where}`, gr, info.name));
  }

  #sendJson(res: http.ServerResponse, code: number, body: unknown, pretty: boolean, headers: Record<string, string> = {}): void {
    if (res.destroyed) return;
    const text = `${pretty ? JSON.stringify(body, null, 2) : JSON.stringify(body)}\n`;
    res.writeHead(code, {
      'Audit-Id': randomUUID(),
      'Cache-Control': 'no-cache, private',
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  }

  #reply(res: http.ServerResponse, entry: RequestLogEntry, pretty: boolean): Reply {
    return {
      json: (code, body, headers) => {
        entry.status = code;
        this.#sendJson(res, code, body, pretty, headers);
      },
      text: (code, body) => {
        entry.status = code;
        if (res.destroyed) return;
        res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Content-Length': Buffer.byteLength(body) });
        res.end(body);
      },
      watch: () => {
        entry.status = 200;
        res.writeHead(200, { 'Audit-Id': randomUUID(), 'Cache-Control': 'no-cache, private', 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
        res.flushHeaders();
        const stream = new WatchStream(res);
        this.#watches.add(stream);
        stream.onFinish(() => this.#watches.delete(stream));
        return stream;
      },
    };
  }

  // ---- object helpers (in-process; they bypass HTTP, faults and the request log) -------------------

  /** Creates a pod as given (uid, status and timestamps kept when set; namespace defaults to "default"). */
  createPod(obj: Partial<KubeObject> & { metadata: KubeObject['metadata'] }): KubeObject {
    return this.api.create(PODS, obj.metadata.namespace ?? 'default', obj, { system: true });
  }

  /** Replaces a pod wholesale, spec and status included (a precondition applies if metadata.resourceVersion is set). */
  updatePod(obj: KubeObject): KubeObject {
    return this.api.update(PODS, obj.metadata.namespace ?? 'default', obj.metadata.name ?? '', 'all', obj, true);
  }

  /** Applies an RFC 7386 merge patch to a pod (spec and status alike). */
  patchPod(namespace: string, name: string, patch: object): KubeObject {
    return this.api.update(PODS, namespace, name, 'all', mergePatch(this.api.get(PODS, namespace, name), patch), true);
  }

  /** Deletes a pod now (no graceful termination); watchers get DELETED. Throws the 404 ApiError if absent. */
  deletePod(namespace: string, name: string): KubeObject {
    return this.api.delete(PODS, namespace, name);
  }

  getPod(namespace: string, name: string): KubeObject | undefined {
    const o = this.store.get(PODS.bucket, `${namespace}/${name}`);
    return o && present(PODS, o);
  }

  pods(namespace?: string): KubeObject[] {
    return this.store.current(PODS.bucket).filter((o) => namespace === undefined || o.metadata.namespace === namespace).map((o) => present(PODS, o));
  }

  /** Creates a NetworkAttachmentDefinition; `config` undefined leaves spec.config out (file-based delegate). */
  createNad(namespace: string, name: string, config: string | undefined, annotations?: Record<string, string>): KubeObject {
    const metadata: KubeObject['metadata'] = { name, namespace };
    if (annotations) metadata.annotations = { ...annotations };
    return this.api.create(NADS, namespace, { apiVersion: apiVersionOf(NADS), kind: NADS.kind, metadata, spec: config === undefined ? {} : { config } }, { system: true });
  }

  updateNad(obj: KubeObject): KubeObject {
    return this.api.update(NADS, obj.metadata.namespace ?? 'default', obj.metadata.name ?? '', 'all', obj, true);
  }

  deleteNad(namespace: string, name: string): KubeObject {
    return this.api.delete(NADS, namespace, name);
  }

  getNad(namespace: string, name: string): KubeObject | undefined {
    const o = this.store.get(NADS.bucket, `${namespace}/${name}`);
    return o && present(NADS, o);
  }

  /** Every stored Event, in the order they were first created, whichever API posted them. */
  events(q: EventsQuery = {}): KubeObject[] {
    const rt = q.apiVersion === 'events.k8s.io/v1' ? EVENTS_V1 : CORE_EVENTS;
    return this.store.inserted(CORE_EVENTS.bucket).filter((o) => q.namespace === undefined || o.metadata.namespace === q.namespace).map((o) => present(rt, o));
  }

  // ---- request log ---------------------------------------------------------------------------------

  countRequests(filter?: RequestFilter): number {
    if (!filter) return this.requests.length;
    if (typeof filter === 'function') return this.requests.filter(filter).length;
    return this.requests.filter((e) => matches(filter, { ...e, isResourceRequest: e.resource !== undefined })).length;
  }

  clearRequests(): void {
    this.requests.length = 0;
  }

  // ---- faults --------------------------------------------------------------------------------------

  /** Delays every request (before authentication) by `ms`, or by what the function returns for it. */
  setLatency(latency: Latency): void {
    this.faults.latency = latency;
  }

  /** The next `n` requests matching `spec.match` get `spec.status` with the real server's Status body. */
  failNext(n: number, spec: FailSpec): void {
    this.faults.failNext(n, spec);
  }

  /** The next `n` matching requests have their connection destroyed without an answer. */
  dropConnections(n: number, match?: RequestMatch): void {
    this.faults.dropNext(n, match);
  }

  clearFaults(): void {
    this.faults.reset();
  }

  /** Ends every open watch: cleanly (terminating chunk) by default, or by destroying the connection. */
  closeWatches(opts: { abrupt?: boolean } = {}): number {
    const open = [...this.#watches];
    for (const w of open) {
      if (opts.abrupt) w.destroy();
      else w.end();
    }
    return open.length;
  }

  get openWatches(): number {
    return this.#watches.size;
  }

  /** Forgets all watch history: resuming from any older resourceVersion now gets 410 Expired. */
  compactHistory(): void {
    this.store.compact();
  }

  /** Holds every request (new and waiting) until resume(): a server that accepts but does not answer. */
  pause(): void {
    this.faults.pause();
  }

  resume(): void {
    this.faults.resume();
  }

  /** Stops listening and drops every connection: clients get ECONNREFUSED until up(). */
  async down(): Promise<void> {
    if (this.#down || this.#closed) return;
    this.#down = true;
    await this.#stop();
  }

  /** Listens again on the same port. */
  async up(): Promise<void> {
    if (!this.#down || this.#closed) return;
    await this.#listen(this.#port);
    this.#down = false;
  }

  async #stop(): Promise<void> {
    for (const w of [...this.#watches]) w.destroy();
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeAllConnections();
    for (const s of this.#sockets) s.destroy();
    await closed;
  }

  /** Writes a kubeconfig for this server (token and CA included) and returns its path. */
  writeKubeconfig(file: string, opts: KubeconfigOptions = {}): Promise<string> {
    return writeKubeconfig(file, this.url, this.caPem, this.#token, opts);
  }

  /** Ends watches, drops connections and stops listening; safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.faults.resume();
    if (this.#down) return;
    await this.#stop();
  }
}

export function startFakeApiServer(opts?: FakeApiServerOptions): Promise<FakeApiServer> {
  return FakeApiServer.start(opts);
}
