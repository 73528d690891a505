// A deliberately plain HTTP client for the fake-apiserver tests: node:http/https with no pooling, so
// each test sees exactly the wire behaviour (status, headers, body bytes, stream framing).
import http from 'node:http';
import https from 'node:https';
import type { TestContext } from 'node:test';
import { startFakeApiServer, type FakeApiServer, type FakeApiServerOptions, type WatchEvent } from '../support/fake-apiserver/index.ts';

export async function fake(t: TestContext, opts?: FakeApiServerOptions): Promise<FakeApiServer> {
  const api = await startFakeApiServer(opts);
  t.after(() => api.close());
  return api;
}

export interface CallOptions {
  readonly body?: unknown;
  /** Raw body text (sent as is) instead of JSON-encoding `body`. */
  readonly raw?: string;
  readonly contentType?: string;
  readonly token?: string;
  readonly headers?: Record<string, string>;
  /** Trust this CA (HTTPS); defaults to the server's own. */
  readonly ca?: string;
}

export interface Resp {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string;
  readonly json: any;
}

function payload(opts: CallOptions): string | undefined {
  return opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
}

function request(api: FakeApiServer, method: string, path: string, opts: CallOptions): http.ClientRequest {
  const url = new URL(path, api.url);
  const headers: Record<string, string | number> = { ...opts.headers };
  if (opts.token !== undefined) headers.Authorization = `Bearer ${opts.token}`;
  const body = payload(opts);
  if (body !== undefined) {
    headers['Content-Type'] = opts.contentType ?? 'application/json';
    // node sends a DELETE body without any framing unless told its length
    headers['Content-Length'] = Buffer.byteLength(body);
  }
  const common = { method, headers, agent: false as const };
  return url.protocol === 'https:' ? https.request(url, { ...common, ca: opts.ca ?? api.caPem }) : http.request(url, common);
}

export function call(api: FakeApiServer, method: string, path: string, opts: CallOptions = {}): Promise<Resp> {
  return new Promise((resolve, reject) => {
    const req = request(api, method, path, opts);
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.end(payload(opts));
  });
}

/** A watch stream read frame by frame. */
export interface WatchReader {
  readonly status: Promise<number>;
  /** Every frame received so far, raw lines included for framing checks. */
  readonly events: WatchEvent[];
  readonly lines: string[];
  /** The next frame, or a rejection after `timeoutMs` or at the end of the stream. */
  next(timeoutMs?: number): Promise<WatchEvent>;
  /** Resolves when the server ends the stream: 'end' (clean) or 'aborted' (connection dropped). */
  readonly ended: Promise<'end' | 'aborted'>;
  close(): void;
}

export function watch(api: FakeApiServer, path: string, opts: CallOptions = {}): WatchReader {
  const events: WatchEvent[] = [];
  const lines: string[] = [];
  const waiters: Array<() => void> = [];
  let done = false;
  let read = 0;
  let resolveStatus: (n: number) => void = () => {};
  let resolveEnded: (how: 'end' | 'aborted') => void = () => {};
  const status = new Promise<number>((r) => (resolveStatus = r));
  const ended = new Promise<'end' | 'aborted'>((r) => (resolveEnded = r));
  const wake = () => waiters.splice(0).forEach((w) => w());
  const finish = (how: 'end' | 'aborted') => {
    if (done) return;
    done = true;
    resolveEnded(how);
    wake();
  };
  const req = request(api, 'GET', path, opts);
  req.on('error', () => finish('aborted'));
  req.on('response', (res) => {
    resolveStatus(res.statusCode ?? 0);
    let buf = '';
    res.setEncoding('utf8');
    res.on('data', (c: string) => {
      buf += c;
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        lines.push(line);
        events.push(JSON.parse(line) as WatchEvent);
      }
      wake();
    });
    res.on('end', () => finish('end'));
    res.on('aborted', () => finish('aborted'));
    res.on('close', () => finish(res.complete ? 'end' : 'aborted'));
  });
  req.end();
  return {
    status,
    events,
    lines,
    ended,
    close: () => req.destroy(),
    next(timeoutMs = 1000) {
      return new Promise<WatchEvent>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no watch event within ${timeoutMs} ms (got ${events.length})`)), timeoutMs);
        const check = () => {
          if (read < events.length) {
            clearTimeout(timer);
            resolve(events[read++]);
          } else if (done) {
            clearTimeout(timer);
            reject(new Error(`watch ended after ${events.length} events`));
          } else waiters.push(check);
        };
        check();
      });
    },
  };
}

/** A minimal pod for tests. */
export function pod(name: string, extra: { namespace?: string; nodeName?: string; labels?: Record<string, string>; uid?: string } = {}): {
  metadata: { name: string; namespace: string; labels?: Record<string, string>; uid?: string };
  spec: Record<string, unknown>;
} {
  const metadata: { name: string; namespace: string; labels?: Record<string, string>; uid?: string } = { name, namespace: extra.namespace ?? 'default' };
  if (extra.labels) metadata.labels = extra.labels;
  if (extra.uid) metadata.uid = extra.uid;
  const spec: Record<string, unknown> = { containers: [{ name: 'c', image: 'busybox' }] };
  if (extra.nodeName) spec.nodeName = extra.nodeName;
  return { metadata, spec };
}
