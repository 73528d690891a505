// Shared by the shim tests: builds the C shim once (through scripts/build-shim.sh, the way the project
// builds it), runs it as a real process, and provides fake daemons on unix sockets.
import { spawn, spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir, type AfterHost } from '../support/tmp.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SHIM_SOURCE = path.join(ROOT, 'shim/multus-shim.c');
export const BUILD_SCRIPT = path.join(ROOT, 'scripts/build-shim.sh');
export const SHIM = path.join(ROOT, 'dist/multus-shim');
export const OUR_TYPE = 'application/vnd.multus-ts.cni-output+json';

function mtime(p: string): number {
  try {
    return statSync(p).mtimeMs;
  } catch {
    return -1;
  }
}

export function hasCommand(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

let built: string | undefined;

/**
 * Builds dist/multus-shim unless it is newer than its source and build script (node --test runs each
 * file in its own process, so "once" means once per change, not once per file). Returns undefined when
 * it was built, or the reason to skip the tests. A failing build throws: that is a bug, not a skip.
 */
export function buildShim(): string | undefined {
  if (built !== undefined) return built || undefined;
  if (!hasCommand('gcc')) {
    built = 'gcc is not installed: the C shim cannot be built here';
    return built;
  }
  if (mtime(SHIM) < Math.max(mtime(SHIM_SOURCE), mtime(BUILD_SCRIPT))) {
    const r = spawnSync('bash', [BUILD_SCRIPT], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`scripts/build-shim.sh failed (${r.status}):\n${r.stdout}${r.stderr}`);
  }
  built = '';
  return undefined;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stdoutBytes: Buffer;
  stderr: string;
  ms: number;
}

export interface RunOptions {
  env: Record<string, string>;
  stdin?: string | Buffer;
  args?: string[];
  /** Run under another program (valgrind): argv prefix. */
  wrapper?: string[];
  binary?: string;
}

/** Runs the shim with exactly `env` (nothing inherited) and `stdin`; async, so a fake daemon in this
 * process keeps answering while the shim waits. */
export function runShim(o: RunOptions): Promise<RunResult> {
  const bin = o.binary ?? SHIM;
  const argv = [...(o.wrapper ?? []), bin, ...(o.args ?? [])];
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(argv[0], argv.slice(1), { env: o.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    // The shim may exit before reading stdin (VERSION, oversize input): that is not a test failure.
    child.stdin.on('error', () => {});
    child.on('close', (code, signal) => {
      const stdoutBytes = Buffer.concat(out);
      resolve({
        code,
        signal,
        stdout: stdoutBytes.toString('utf8'),
        stdoutBytes,
        stderr: Buffer.concat(err).toString('utf8'),
        ms: performance.now() - t0,
      });
    });
    child.stdin.end(o.stdin ?? '');
  });
}

/** A CNI environment as containerd sets it, pointed at `socket`. */
export function cniEnv(socket: string | undefined, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {
    CNI_COMMAND: 'ADD',
    CNI_CONTAINERID: 'c0ffee00c0ffee00',
    CNI_NETNS: '/var/run/netns/cni-1234',
    CNI_IFNAME: 'eth0',
    CNI_ARGS: 'IgnoreUnknown=1;K8S_POD_NAMESPACE=default;K8S_POD_NAME=web-0;K8S_POD_UID=u-1',
    CNI_PATH: '/opt/cni/bin',
    PATH: '/usr/sbin:/usr/bin:/sbin:/bin',
  };
  if (socket !== undefined) env.MULTUS_SHIM_SOCKET = socket;
  return { ...env, ...extra };
}

export const CONFIG = '{"cniVersion":"1.0.0","name":"multus-cni-network","type":"multus-shim"}';

export interface Recorded {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  rawHeaders: string[];
  httpVersion: string;
  body: Buffer;
  json: { env: Record<string, string>; config: string } | undefined;
}

export interface FakeDaemon {
  dir: string;
  socket: string;
  requests: Recorded[];
}

export type Handler = (req: Recorded, res: http.ServerResponse) => void;

/** An HTTP daemon on `<fresh 0700 dir>/multus.sock` that records every request and answers with
 * `handler` (default: 200, our content type, `{}`). Closed after `t`. */
export async function fakeDaemon(t: AfterHost, handler?: Handler, dir = tempDir(t, 'mts-shim-')): Promise<FakeDaemon> {
  const socket = path.join(dir, 'multus.sock');
  const requests: Recorded[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (b: Buffer) => chunks.push(b));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      let json: Recorded['json'];
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch {
        json = undefined;
      }
      const rec: Recorded = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        httpVersion: req.httpVersion,
        body,
        json,
      };
      requests.push(rec);
      if (handler) handler(rec, res);
      else {
        res.writeHead(200, { 'Content-Type': OUR_TYPE });
        res.end('{}');
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socket, () => resolve());
  });
  t.after(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { dir, socket, requests };
}

/** A raw stream server on `<fresh dir>/multus.sock` for answers HTTP servers will not produce
 * (cut-off, silence, garbage). `onRequest` gets the socket once a full request head + body arrived,
 * or as soon as it is accepted when `atAccept`. */
export async function rawDaemon(
  t: AfterHost,
  onRequest: (sock: net.Socket, received: Buffer) => void,
  atAccept = false,
): Promise<{ socket: string; connections: () => number }> {
  const dir = tempDir(t, 'mts-shim-');
  const socket = path.join(dir, 'multus.sock');
  const live = new Set<net.Socket>();
  let count = 0;
  const server = net.createServer((sock) => {
    count++;
    live.add(sock);
    sock.on('close', () => live.delete(sock));
    sock.on('error', () => {});
    if (atAccept) return onRequest(sock, Buffer.alloc(0));
    let got = Buffer.alloc(0);
    let done = false;
    sock.on('data', (b: Buffer) => {
      got = Buffer.concat([got, b]);
      const headEnd = got.indexOf('\r\n\r\n');
      if (done || headEnd < 0) return;
      const m = /content-length: *(\d+)/i.exec(got.subarray(0, headEnd).toString('latin1'));
      if (got.length >= headEnd + 4 + Number(m?.[1] ?? 0)) {
        done = true;
        onRequest(sock, got);
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socket, () => resolve());
  });
  t.after(
    () =>
      new Promise<void>((resolve) => {
        for (const s of live) s.destroy();
        server.close(() => resolve());
      }),
  );
  return { socket, connections: () => count };
}

/** Parses the shim's stdout as one CNI error object. */
export function cniError(stdout: string): { code: number; msg: string; details?: string } {
  const e = JSON.parse(stdout);
  if (typeof e.code !== 'number' || typeof e.msg !== 'string') throw new Error(`not a CNI error: ${stdout}`);
  return e;
}
