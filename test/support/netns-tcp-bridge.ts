// Makes a TCP service of the test process (host namespace, 127.0.0.1:port) reachable at the same
// address from inside a throwaway network namespace, without touching the host's network: the bytes go
// through a unix socket (filesystem objects cross namespaces). A tiny forwarder runs inside the
// namespace on 127.0.0.1:port and pipes each connection to the socket; the test process pipes the
// socket to the real service. So a kubeconfig pointing at http://127.0.0.1:port works in both places.
import { spawn } from 'node:child_process';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { IP_BIN } from './netns.ts';
import { tempDir, type AfterHost } from './tmp.ts';

function pipeBoth(a: Socket, b: Socket): void {
  a.pipe(b);
  b.pipe(a);
  const end = () => {
    a.destroy();
    b.destroy();
  };
  a.on('error', end);
  b.on('error', end);
  a.on('close', end);
  b.on('close', end);
}

const FORWARDER = `
const net = require('node:net');
const [port, sock] = process.argv.slice(1);
const srv = net.createServer((c) => {
  const u = net.connect(sock);
  c.pipe(u); u.pipe(c);
  const end = () => { c.destroy(); u.destroy(); };
  c.on('error', end); u.on('error', end); c.on('close', end); u.on('close', end);
});
srv.listen(Number(port), '127.0.0.1', () => process.stdout.write('ready\\n'));
process.on('SIGTERM', () => process.exit(0));
`;

export async function bridgeTcpIntoNetns(t: AfterHost, ns: string, port: number): Promise<void> {
  const sockPath = join(tempDir(t), `tcp-${port}.sock`);
  const host: Server = createServer((c) => pipeBoth(c, createConnection(port, '127.0.0.1')));
  await new Promise<void>((resolve, reject) => {
    host.once('error', reject);
    host.listen(sockPath, () => resolve());
  });
  host.unref();
  const child = spawn(IP_BIN, ['netns', 'exec', ns, process.execPath, '-e', FORWARDER, String(port), sockPath], { stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(() => {
    child.kill('SIGTERM');
    host.close();
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`the forwarder in ${ns} exited (${code}) before listening on 127.0.0.1:${port}`)));
  });
  child.stdout.resume();
}
