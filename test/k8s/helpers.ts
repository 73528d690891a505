// Test plumbing for src/k8s: a tiny HTTP(S) server whose handler each test scripts, a throwaway PKI
// made with /usr/bin/openssl, and API-server-shaped bodies.
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { staticCredentials } from '../../src/k8s/credentials.ts';
import type { KubeAccess } from '../../src/k8s/kubeconfig.ts';

export interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type Handler = (req: Seen, res: http.ServerResponse) => void | Promise<void>;

export interface LocalServer {
  url: string;
  port: number;
  seen: Seen[];
  /** Replaces the handler. */
  handle(h: Handler): void;
  /** Drops every open connection (a watch, keep-alive sockets) without closing the listener. */
  dropConnections(): void;
  close(): Promise<void>;
}

interface AfterHost {
  after(fn: () => unknown): void;
}

export async function startServer(
  t: AfterHost,
  handler: Handler,
  tls?: { key: Buffer; cert: Buffer; ca?: Buffer; requestCert?: boolean },
): Promise<LocalServer> {
  let h = handler;
  const seen: Seen[] = [];
  const sockets = new Set<Socket>();
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://x');
      const s: Seen = { method: req.method ?? '', path: u.pathname, query: u.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString() };
      seen.push(s);
      Promise.resolve(h(s, res)).catch((e) => {
        res.writeHead(500).end(String(e));
      });
    });
  };
  const server = tls
    ? https.createServer({ key: tls.key, cert: tls.cert, ca: tls.ca, requestCert: tls.requestCert, rejectUnauthorized: tls.requestCert ?? false }, onRequest)
    : http.createServer(onRequest);
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('secureConnection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const close = async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  };
  t.after(close);
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    seen,
    handle: (n) => {
      h = n;
    },
    dropConnections: () => {
      for (const s of sockets) s.destroy();
    },
    close,
  };
}

export function json(res: http.ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(code, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** A meta/v1 Status body worded as kube-apiserver words it. */
export function status(code: number, reason: string, message: string, details?: object): object {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code, ...(details ? { details } : {}) };
}

export function notFound(resource: string, name: string): object {
  return status(404, 'NotFound', `${resource} "${name}" not found`, { name, kind: resource });
}

/** Access to `url` with a static bearer token, for client tests that are not about kubeconfigs. */
export function testAccess(url: string, token = 'test-token'): KubeAccess {
  return { source: 'test', server: url, insecureSkipTlsVerify: false, credentials: staticCredentials(`Bearer ${token}`, 'test') };
}

export function pod(name: string, ns = 'default', rv = '1', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns, uid: `uid-${ns}-${name}`, resourceVersion: rv, annotations: {} },
    spec: { nodeName: 'node1' },
    status: { phase: 'Running' },
    ...extra,
  };
}

function openssl(dir: string, args: string[]): void {
  const r = spawnSync('/usr/bin/openssl', args, { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${r.stderr}`);
}

export interface Pki {
  dir: string;
  caPath: string;
  ca: Buffer;
  serverKey: Buffer;
  /** SAN: IP 127.0.0.1, DNS localhost. */
  serverCert: Buffer;
  /** SAN: DNS kube.test only, so reaching it at 127.0.0.1 needs tls-server-name. */
  kubeTestCert: Buffer;
  clientCertPath: string;
  clientKeyPath: string;
  /** A second CA that signed nothing of ours: for "wrong CA" cases. */
  otherCaPath: string;
}

/**
 * A CA, server certificates, and a client certificate (CN=system:node:node1, O=system:nodes) — made
 * fresh by /usr/bin/openssl in `dir`. EC P-256 keys: RSA key generation would dominate the test time.
 */
export function makePki(dir: string): Pki {
  const o = (...a: string[]) => openssl(dir, a);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  o('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=test-ca');
  o('req', '-x509', ...ec, '-keyout', 'other-ca.key', '-out', 'other-ca.crt', '-days', '2', '-subj', '/CN=other-ca');
  o('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=kube-apiserver');
  const sign = (csr: string, out: string, ext: string) => {
    writeFileSync(path.join(dir, `${out}.ext`), ext);
    o('x509', '-req', '-in', csr, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', out, '-days', '2', '-extfile', `${out}.ext`);
  };
  sign('server.csr', 'server.crt', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  sign('server.csr', 'kube-test.crt', 'subjectAltName=DNS:kube.test\nextendedKeyUsage=serverAuth\n');
  o('req', ...ec, '-keyout', 'client.key', '-out', 'client.csr', '-subj', '/O=system:nodes/CN=system:node:node1');
  sign('client.csr', 'client.crt', 'extendedKeyUsage=clientAuth\n');
  const p = (f: string) => path.join(dir, f);
  return {
    dir,
    caPath: p('ca.crt'),
    ca: readFileSync(p('ca.crt')),
    serverKey: readFileSync(p('server.key')),
    serverCert: readFileSync(p('server.crt')),
    kubeTestCert: readFileSync(p('kube-test.crt')),
    clientCertPath: p('client.crt'),
    clientKeyPath: p('client.key'),
    otherCaPath: p('other-ca.crt'),
  };
}

/** A kubeconfig in the layout kubectl writes, with one cluster, one user and one context. */
export function kubeconfigText(o: { server: string; cluster?: Record<string, string | boolean>; user?: Record<string, unknown>; context?: string; namespace?: string }): string {
  const ctx = o.context ?? 'test';
  const indentMap = (m: Record<string, unknown>, pad: string) =>
    Object.entries(m)
      .map(([k, v]) => `${pad}${k}: ${typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v)}`)
      .join('\n');
  return `apiVersion: v1
kind: Config
clusters:
- cluster:
    server: ${o.server}
${indentMap(o.cluster ?? {}, '    ')}
  name: c1
contexts:
- context:
    cluster: c1
    user: u1${o.namespace ? `\n    namespace: ${o.namespace}` : ''}
  name: ${ctx}
current-context: ${ctx}
preferences: {}
users:
- name: u1
  user:
${indentMap(o.user ?? {}, '    ') || '    {}'}
`;
}

/** Resolves when `cond()` holds (polled every 5 ms), or rejects after `ms`. */
export async function until(cond: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
