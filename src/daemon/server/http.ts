// The socket API, wire-compatible with Multus (multus.md §2.6): POST /cni, POST /delegate (hotplug,
// §3.12), GET|POST /healthz, GET /readyz; other paths 404, other methods 405.
// Bodies above maxRequestBytes are refused before they are read whole. CNI work runs under a
// semaphore; in-flight requests are drained on shutdown while /readyz answers 500.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { cniError } from '../../errors/catalogue.ts';
import { Semaphore } from '../../util/semaphore.ts';
import { handleCni, handleDelegate, type HandlerOptions } from './cni-handler.ts';
import type { Metrics } from './metrics.ts';
import { lockDownSocket, prepareSocketPath } from './socket.ts';

export interface SocketServerOptions extends HandlerOptions {
  readonly socketPath: string;
  readonly maxRequestBytes: number;
  readonly concurrency: number;
  readonly metrics: Metrics;
  /** undefined = ready; otherwise why not (for /readyz). */
  readonly notReady: () => Promise<string | undefined>;
}

export interface SocketServer {
  readonly server: Server;
  readonly inFlight: () => number;
  /** Stop accepting, answer /readyz 500, wait for in-flight requests (up to `graceMs`). */
  shutdown(graceMs: number): Promise<void>;
}

// Too large a body is refused with a 413 the client can read: we stop keeping it, read (and drop) the
// rest up to a bound so the answer is not lost in a reset, and cut the connection past that bound.
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const tooLarge = () => cniError('CONFIG_INVALID', `request body larger than maxRequestBytes (${limit} bytes)`);
  const declared = Number(req.headers['content-length'] ?? NaN);
  return new Promise((resolve, reject) => {
    if (declared > limit) {
      reject(tooLarge());
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
      else if (size > 4 * limit) req.destroy();
    });
    req.on('end', () => (size > limit ? reject(tooLarge()) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

export async function startSocketServer(o: SocketServerOptions): Promise<SocketServer> {
  const sem = new Semaphore(o.concurrency);
  let inFlight = 0;
  let draining = false;
  o.metrics.gauge('multus_ts_request_queue_depth', 'CNI requests waiting for a free slot', () => sem.queued);
  o.metrics.gauge('multus_ts_requests_in_flight', 'CNI requests being handled', () => inFlight);

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const count = (code: number) => o.metrics.requests({ handler: path, code: String(code), method: req.method ?? '' });
    void (async () => {
      if (path === '/healthz') {
        count(200);
        return send(res, 200, 'text/plain', '');
      }
      if (path === '/readyz') {
        const why = draining ? 'shutting down' : await o.notReady();
        count(why ? 500 : 200);
        return send(res, why ? 500 : 200, 'text/plain', why ?? '');
      }
      if (path !== '/cni' && path !== '/delegate') {
        count(404);
        return send(res, 404, 'text/plain', '');
      }
      if (req.method !== 'POST') {
        count(405);
        return send(res, 405, 'text/plain', 'Method not allowed');
      }
      inFlight++;
      try {
        let body: string;
        try {
          body = await readBody(req, o.maxRequestBytes);
        } catch (e) {
          count(413);
          return send(res, 413, 'application/json', JSON.stringify((e as { toJSON?: () => unknown }).toJSON?.() ?? { code: 5, msg: String(e) }));
        }
        const handle = path === '/delegate' ? handleDelegate : handleCni;
        const answer = await sem.run(() => handle(body, String(req.headers.accept ?? ''), o));
        count(answer.status);
        send(res, answer.status, answer.contentType, answer.body);
      } finally {
        inFlight--;
      }
    })().catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain', String(e));
    });
  });
  // A CNI ADD may run delegates for minutes; the runtime has its own timeout.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;

  await prepareSocketPath(o.socketPath);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.socketPath, () => resolve());
  });
  await lockDownSocket(o.socketPath);

  return {
    server,
    inFlight: () => inFlight,
    async shutdown(graceMs: number): Promise<void> {
      draining = true;
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeIdleConnections();
      const deadline = Date.now() + graceMs;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      server.closeAllConnections();
      await closed;
    },
  };
}
