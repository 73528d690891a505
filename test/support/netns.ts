// Throwaway network namespaces for tests that run real plugins. The host network is never touched:
// plugins run inside a "node" namespace (`ip netns exec <node> <plugin>`), pods are further
// namespaces made with `ip netns add`, so CNI_NETNS is `/var/run/netns/<name>` as on a real node.
//
// Names are `mts-<pid>-<counter>-<rand>`: unique per run, and the pid tells a later run whether the
// creator is still alive, so leftovers of a crashed run (SIGKILL, power cut) can be swept safely
// while other test processes on the same machine keep theirs.
import type { AfterHost } from './tmp.ts';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { ProcessExec, type ExecOutput, type ExecRequest, type PluginExec, type ProcessExecOptions } from '../../src/cni/exec/index.ts';

export const NETNS_PREFIX = 'mts-';
export const NETNS_DIR = '/var/run/netns';
const NAME_RE = /^mts-(\d+)-\d+-[0-9a-z]+$/;


/** iproute2's `ip`, by absolute path: the env given to a wrapped plugin may have no PATH. */
export const IP_BIN = ['/usr/sbin/ip', '/sbin/ip', '/usr/bin/ip', '/bin/ip'].find((p) => existsSync(p)) ?? 'ip';

let counter = 0;

export function uniqueNsName(): string {
  return `${NETNS_PREFIX}${process.pid}-${++counter}-${randomBytes(3).toString('hex')}`;
}

/** A link name unique per run, within the kernel's 15-byte limit. */
export function uniqueIfName(prefix = 'mt'): string {
  const tail = `${(process.pid % 46656).toString(36)}${(++counter % 1296).toString(36)}${randomBytes(2).toString('hex')}`;
  return (prefix + tail).slice(0, 15);
}

export function podNetnsPath(name: string): string {
  return `${NETNS_DIR}/${name}`;
}

/** `ip <args>`, synchronously; throws with ip's stderr on failure. */
export function ip(args: readonly string[]): string {
  try {
    return execFileSync(IP_BIN, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`ip ${args.join(' ')}: ${(err.stderr ?? '').trim() || err.message}`, { cause: e });
  }
}

// ---- registry and cleanup -------------------------------------------------------------------------

const live = new Set<string>();
let hooksInstalled = false;
let swept = false;

function deleteNs(name: string): void {
  live.delete(name);
  try {
    execFileSync(IP_BIN, ['netns', 'del', name], { stdio: 'ignore' });
  } catch {
    // already gone
  }
}

/** Deletes every namespace this process created and has not deleted yet (synchronous: exit-safe). */
export function cleanupAllNetns(): void {
  for (const name of [...live]) deleteNs(name);
}

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  // 'exit' handlers must be synchronous, hence execFileSync in deleteNs.
  process.on('exit', cleanupAllNetns);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      cleanupAllNetns();
      // With no other listener left, die of the signal as we would have without this hook.
      if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
    });
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** All `mts-*` namespace names present on the machine. */
export function listOurKindOfNetns(): string[] {
  try {
    return readdirSync(NETNS_DIR).filter((n) => n.startsWith(NETNS_PREFIX));
  } catch {
    return []; // no /var/run/netns yet
  }
}

/** Namespaces created by this process that still exist. */
export function listOwnNetns(): string[] {
  return listOurKindOfNetns().filter((n) => n.startsWith(`${NETNS_PREFIX}${process.pid}-`));
}

/** Deletes leftover `mts-<pid>-…` namespaces whose creating process is dead; returns their names. */
export function sweepStaleNetns(): string[] {
  const removed: string[] = [];
  for (const name of listOurKindOfNetns()) {
    const m = NAME_RE.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || pidAlive(pid)) continue;
    deleteNs(name);
    removed.push(name);
  }
  return removed;
}

// ---- creation -------------------------------------------------------------------------------------

/**
 * A new namespace with `lo` up, deleted after `t` (if given), at exit, and on SIGINT/SIGTERM/SIGHUP.
 * The first call of a process also sweeps namespaces left by dead runs.
 */
export function createNetns(t?: AfterHost): string {
  if (!swept) {
    swept = true;
    sweepStaleNetns();
  }
  installHooks();
  const name = uniqueNsName();
  live.add(name); // before creating: a signal between the two must still clean it
  ip(['netns', 'add', name]);
  ip(['-n', name, 'link', 'set', 'lo', 'up']);
  t?.after(() => deleteNs(name));
  return name;
}

/** The namespace plugins run in: stands in for the node's host network. */
export function createNodeNs(t?: AfterHost): string {
  return createNetns(t);
}

/** A pod sandbox; pass `podNetnsPath(name)` as CNI_NETNS. */
export function createPodNs(t?: AfterHost): string {
  return createNetns(t);
}

export function removeNetns(name: string): void {
  deleteNs(name);
}

/** A veth pair with both ends up inside `ns` (e.g. a macvlan master, since dummy links do not exist here). */
export function createVethPair(ns: string, a = uniqueIfName('mva'), b = uniqueIfName('mvb')): { a: string; b: string } {
  ip(['-n', ns, 'link', 'add', a, 'type', 'veth', 'peer', 'name', b]);
  ip(['-n', ns, 'link', 'set', a, 'up']);
  ip(['-n', ns, 'link', 'set', b, 'up']);
  return { a, b };
}

// ---- inspection -----------------------------------------------------------------------------------

export interface IpAddrInfo {
  readonly family: 'inet' | 'inet6' | string;
  readonly local: string;
  readonly prefixlen: number;
  readonly scope?: string;
  readonly [k: string]: unknown;
}

export interface IpLink {
  readonly ifindex: number;
  readonly ifname: string;
  readonly flags: readonly string[];
  readonly mtu: number;
  readonly operstate: string;
  readonly address?: string;
  readonly master?: string;
  readonly link?: string;
  readonly linkinfo?: { readonly info_kind?: string; readonly [k: string]: unknown };
  readonly addr_info?: readonly IpAddrInfo[];
  readonly [k: string]: unknown;
}

export interface IpRoute {
  readonly dst: string;
  readonly gateway?: string;
  readonly dev?: string;
  readonly [k: string]: unknown;
}

/** `ip -j addr show dev <ifname>` in `ns`; throws when the link does not exist. */
export function ipAddrIn(ns: string, ifname: string): IpLink {
  const [link] = JSON.parse(ip(['-n', ns, '-j', 'addr', 'show', 'dev', ifname])) as IpLink[];
  if (!link) throw new Error(`no link ${ifname} in ${ns}`);
  return link;
}

/** Every link of `ns` with details (`linkinfo.info_kind` tells veth/bridge/macvlan). */
export function linksIn(ns: string): IpLink[] {
  return JSON.parse(ip(['-n', ns, '-j', '-d', 'link', 'show'])) as IpLink[];
}

export function routesIn(ns: string, family: '-4' | '-6' = '-4'): IpRoute[] {
  return JSON.parse(ip(['-n', ns, family, '-j', 'route', 'show'])) as IpRoute[];
}

// ---- running things inside a namespace ------------------------------------------------------------

function killGroup(pid: number | undefined): void {
  // Never with pid 0 or 1: kill(-0) would be our own group.
  if (pid === undefined || pid <= 1) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

export interface RunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** Exact environment (default: ours). */
  readonly env?: Readonly<Record<string, string>>;
  readonly stdin?: string;
  /** Kill the whole process group after this long (default 30 s: a hung test must not hang forever). */
  readonly timeoutMs?: number;
}

/** Runs `argv` inside `ns` with `ip netns exec`, resolving with its status and output (never rejects on failure). */
export function runInNs(ns: string, argv: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(IP_BIN, ['netns', 'exec', ns, ...argv], {
      env: opts.env ? { ...opts.env } : process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.stdin.on('error', () => {});
    child.stdin.end(opts.stdin ?? '');
    const timer = setTimeout(() => killGroup(child.pid), opts.timeoutMs ?? 30_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/** `runInNs` for the node namespace. */
export function runInNodeNs(node: string, argv: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  return runInNs(node, argv, opts);
}

/**
 * A PluginExec that runs every plugin inside the node namespace, with ProcessExec's semantics
 * (decoding, timeouts, process-group kill): `ip netns exec` execs the plugin in place, so the pid and
 * process group are the plugin's own. It also remounts /sys for the namespace, which plugins want.
 */
export class NetnsExec implements PluginExec {
  readonly node: string;
  readonly #inner: ProcessExec;

  constructor(node: string, opts: Omit<ProcessExecOptions, 'wrapArgv'> = {}) {
    this.node = node;
    this.#inner = new ProcessExec({ ...opts, wrapArgv: [IP_BIN, 'netns', 'exec', node] });
  }

  exec(req: ExecRequest): Promise<ExecOutput> {
    return this.#inner.exec(req);
  }

  findInPath(type: string, paths: readonly string[]): Promise<string> {
    return this.#inner.findInPath(type, paths);
  }
}

// ---- connectivity ---------------------------------------------------------------------------------

export const PING_BIN = ['/usr/bin/ping', '/bin/ping'].find((p) => existsSync(p));

/** Why ping cannot be used here, or undefined when it can (for `t.skip(reason)`). */
export function pingSkipReason(): string | undefined {
  return PING_BIN ? undefined : 'ping is not installed (apt-get install -y iputils-ping)';
}

/** `ping -c1 -W1 <ip>` from inside `fromNs`: true when a reply came back. */
export async function ping(fromNs: string, ipAddr: string): Promise<boolean> {
  if (!PING_BIN) throw new Error(pingSkipReason());
  const r = await runInNs(fromNs, [PING_BIN, '-c1', '-W1', ipAddr], { timeoutMs: 5000 });
  return r.code === 0;
}

/**
 * Connectivity without ping: a one-shot TCP server on `ipAddr:port` in `toNs` (our Node binary), a
 * client in `fromNs`; true when the client read the server's greeting.
 */
export async function tcpReachable(fromNs: string, toNs: string, ipAddr: string, port = 7357): Promise<boolean> {
  const server = spawn(
    IP_BIN,
    ['netns', 'exec', toNs, process.execPath, '-e',
      `const s=require('net').createServer(c=>{c.end('pong');s.close()});s.listen(${port},${JSON.stringify(ipAddr)},()=>console.log('ready'));setTimeout(()=>process.exit(1),5000)`],
    { stdio: ['ignore', 'pipe', 'inherit'], detached: true },
  );
  try {
    await new Promise<void>((resolve, reject) => {
      server.stdout.once('data', () => resolve());
      server.once('exit', () => reject(new Error(`server in ${toNs} could not listen on ${ipAddr}:${port}`)));
    });
    const client = await runInNs(
      fromNs,
      [process.execPath, '-e',
        `const c=require('net').connect(${port},${JSON.stringify(ipAddr)});let d='';c.setTimeout(2000,()=>process.exit(1));c.on('data',b=>d+=b);c.on('end',()=>process.exit(d==='pong'?0:1));c.on('error',()=>process.exit(1))`],
      { timeoutMs: 5000 },
    );
    return client.code === 0;
  } finally {
    killGroup(server.pid);
  }
}
