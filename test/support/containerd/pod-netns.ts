// Looking inside a sandbox's network namespace. containerd keeps the netns file as a bind mount in
// its private mount namespace (under its state dir): from ours that path is an empty file, so every
// access goes through containerd's view of it (/proc/<containerd pid>/root/<path>).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { IP_BIN, type IpLink, type RunResult } from '../netns.ts';
import type { Containerd } from './containerd.ts';
import { findBinary } from './containerd.ts';

type View = Pick<Containerd, 'hostView'>;

const NSENTER = findBinary('nsenter') ?? 'nsenter';

/** The sandbox's netns path as containerd reports it (PodSandboxStatus verbose info); throws when it has none. */
export async function sandboxNetnsPath(c: Pick<Containerd, 'cri'>, id: string): Promise<string> {
  const st = await c.cri.podSandboxStatus(id);
  if (!st.netnsPath) throw new Error(`sandbox ${id} reports no network namespace`);
  return st.netnsPath;
}

/** True while the netns mount exists in containerd's mount namespace. */
export function podNetnsExists(c: View, netnsPath: string): boolean {
  return existsSync(c.hostView(netnsPath));
}

/** `ip <args>` inside the pod's netns, synchronously; throws with ip's stderr. */
export function ipInPod(c: View, netnsPath: string, args: readonly string[]): string {
  try {
    return execFileSync(NSENTER, [`--net=${c.hostView(netnsPath)}`, IP_BIN, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`ip ${args.join(' ')} in ${netnsPath}: ${(err.stderr ?? '').trim() || err.message}`, { cause: e });
  }
}

/** Every link of the pod with its addresses (`ip -j -d addr show`). */
export function podLinks(c: View, netnsPath: string): IpLink[] {
  return JSON.parse(ipInPod(c, netnsPath, ['-j', '-d', 'addr', 'show'])) as IpLink[];
}

/** One link of the pod; throws when it does not exist. */
export function podLink(c: View, netnsPath: string, ifname: string): IpLink {
  const [link] = JSON.parse(ipInPod(c, netnsPath, ['-j', '-d', 'addr', 'show', 'dev', ifname])) as IpLink[];
  if (!link) throw new Error(`no link ${ifname} in ${netnsPath}`);
  return link;
}

/** The IPv4 addresses (without prefix) of `ifname` in the pod. */
export function podIPv4s(c: View, netnsPath: string, ifname: string): string[] {
  return (podLink(c, netnsPath, ifname).addr_info ?? []).filter((a) => a.family === 'inet').map((a) => a.local);
}

/** Runs `argv` inside the pod's netns (e.g. ping); never rejects on failure; killed after timeoutMs. */
export function runInPod(c: View, netnsPath: string, argv: readonly string[], opts: { timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(NSENTER, [`--net=${c.hostView(netnsPath)}`, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 10_000);
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
