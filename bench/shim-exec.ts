// The C shim's own cost per CNI call: exec + read stdin + connect + one HTTP round trip + print,
// against a fake daemon that answers at once, next to exec of /bin/true (the floor of any exec from
// Node on this machine). Runs are interleaved; medians over N (default 200). Target: ≤ 5 ms per call.
//   node bench/shim-exec.ts [runs]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ms, summarize, table } from './lib/stats.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SHIM = path.join(ROOT, 'dist/multus-shim');
const runs = Number(process.argv[2] ?? 200);
const CONFIG = '{"cniVersion":"1.0.0","name":"multus-cni-network","type":"multus-shim"}';
const RESULT = '{"cniVersion":"1.0.0","interfaces":[{"name":"eth0"}],"ips":[{"address":"10.1.2.3/24"}]}';
const TYPE = 'application/vnd.multus-ts.cni-output+json';

const built = spawnSync('bash', [path.join(ROOT, 'scripts/build-shim.sh')], { encoding: 'utf8' });
if (built.status !== 0) {
  console.error(`shim-exec: scripts/build-shim.sh failed:\n${built.stderr}`);
  process.exit(1);
}

const dir = mkdtempSync(path.join(tmpdir(), 'mts-bench-shim-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

// What the daemon does (Node's HTTP server), and a raw socket writing a canned answer: the difference
// is Node's HTTP handling, not the shim.
const httpSock = path.join(dir, 'http.sock');
const httpServer = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'Content-Type': TYPE });
    res.end(RESULT);
  });
});
const rawSock = path.join(dir, 'raw.sock');
const canned = `HTTP/1.1 200 OK\r\nContent-Type: ${TYPE}\r\nContent-Length: ${RESULT.length}\r\nConnection: close\r\n\r\n${RESULT}`;
const rawServer = net.createServer((s) => {
  let got = '';
  s.on('error', () => {});
  s.on('data', (b) => {
    got += b.toString('latin1');
    const end = got.indexOf('\r\n\r\n');
    const len = Number(/content-length: (\d+)/i.exec(got)?.[1] ?? 0);
    if (end >= 0 && got.length >= end + 4 + len) s.end(canned);
  });
});
await new Promise<void>((r) => httpServer.listen(httpSock, r));
await new Promise<void>((r) => rawServer.listen(rawSock, r));

const env = (socket: string) => ({
  CNI_COMMAND: 'ADD',
  CNI_CONTAINERID: 'c0ffee',
  CNI_NETNS: '/var/run/netns/x',
  CNI_IFNAME: 'eth0',
  CNI_ARGS: 'K8S_POD_NAMESPACE=default;K8S_POD_NAME=p',
  CNI_PATH: '/opt/cni/bin',
  MULTUS_SHIM_SOCKET: socket,
});

function once(cmd: string, e: Record<string, string>, stdin: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const c = spawn(cmd, [], { env: e, stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    c.stdout.on('data', (b: Buffer) => (out += b));
    c.on('error', reject);
    c.on('close', (code) => {
      const dt = performance.now() - t0;
      if (code !== 0 || (cmd === SHIM && out !== RESULT)) reject(new Error(`${cmd} exited ${code}: ${out}`));
      else resolve(dt);
    });
    c.stdin.on('error', () => {});
    c.stdin.end(stdin);
  });
}

const variants: [string, () => Promise<number>][] = [
  ['/bin/true', () => once('/bin/true', {}, CONFIG)],
  ['multus-shim → Node http server', () => once(SHIM, env(httpSock), CONFIG)],
  ['multus-shim → raw socket answer', () => once(SHIM, env(rawSock), CONFIG)],
];
const samples = variants.map(() => [] as number[]);
for (let i = 0; i < 10; i++) for (const [, f] of variants) await f(); // warm-up
for (let i = 0; i < runs; i++) for (const [k, [, f]] of variants.entries()) samples[k].push(await f());

const floor = summarize(samples[0]).median;
const rows = [['variant', 'median', 'min', 'p90', 'over /bin/true']];
for (const [k, [name]] of variants.entries()) {
  const s = summarize(samples[k]);
  rows.push([name, ms(s.median), ms(s.min), ms(s.p90), k === 0 ? '–' : ms(s.median - floor)]);
}
console.log(`shim binary: ${statSync(SHIM).size} bytes; ${runs} interleaved runs per variant\n`);
console.log(table(rows));
const shim = summarize(samples[1]).median;
console.log(`\ntarget ≤ 5 ms per call through the Node server: ${shim <= 5 ? 'met' : 'NOT met'} (${ms(shim)})`);
httpServer.close();
rawServer.close();
