// Process-group probes for the timeout tests.
import { readdirSync, readFileSync } from 'node:fs';

/**
 * Live (non-zombie) pids whose process group is `pgid`, from /proc. Zombies are left out: killed
 * orphans are reparented to pid 1, and the init of these machines reaps them only lazily, so
 * `kill -0 -<pgid>` keeps succeeding for dead processes.
 */
export function groupMembers(pgid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // fields after "(comm)": state ppid pgrp …; comm may contain spaces or parentheses
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(rest[2]) === pgid && rest[0] !== 'Z' && rest[0] !== 'X') out.push(Number(name));
    } catch {
      // the process went away while we looked
    }
  }
  return out;
}

export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch {
    return false; // ESRCH: not even a zombie is left
  }
  return groupMembers(pgid).length > 0;
}

/** Waits until no process of the group is left (killed orphans are reaped by init asynchronously). */
export async function waitGroupGone(pgid: number, limitMs = 1000): Promise<boolean> {
  const end = Date.now() + limitMs;
  while (Date.now() < end) {
    if (!groupAlive(pgid)) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

export function killGroupQuietly(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // already gone
  }
}
