// /proc probes and synchronous kill-and-wait, usable from a process 'exit' handler (no event loop
// there). Zombies count as gone: containerd is our child and Node reaps it only when its loop runs,
// and killed orphans are reaped lazily by this machine's init.
import { readdirSync, readFileSync } from 'node:fs';

const sleeper = new Int32Array(new SharedArrayBuffer(4));

export function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/** True while `pid` exists and is not a zombie. */
export function pidLive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

export function cmdline(pid: number): string[] | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return raw ? raw.replace(/\0$/, '').split('\0') : undefined;
  } catch {
    return undefined;
  }
}

/** Live pids whose command line satisfies `pred`. */
export function findPids(pred: (argv: readonly string[], pid: number) => boolean): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    if (pid === process.pid) continue;
    const argv = cmdline(pid);
    if (argv && pred(argv, pid) && pidLive(pid)) out.push(pid);
  }
  return out;
}

function signal(pid: number, sig: NodeJS.Signals): void {
  if (pid <= 1) return; // never init, never "every process" (-1) or our group (0)
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/** Waits (blocking) until none of `pids` is live; true when they all went within `ms`. */
export function waitGoneSync(pids: readonly number[], ms: number): boolean {
  const end = Date.now() + ms;
  for (;;) {
    if (!pids.some(pidLive)) return true;
    if (Date.now() >= end) return false;
    sleepSync(10);
  }
}

/** `sig` to each pid, then SIGKILL to whatever is still live after `graceMs`. */
export function terminateSync(pids: readonly number[], sig: NodeJS.Signals = 'SIGTERM', graceMs = 2000): void {
  if (pids.length === 0) return;
  for (const p of pids) signal(p, sig);
  if (sig === 'SIGKILL' || waitGoneSync(pids, graceMs)) {
    waitGoneSync(pids, 1000);
    return;
  }
  for (const p of pids) if (pidLive(p)) signal(p, 'SIGKILL');
  waitGoneSync(pids, 1000);
}
