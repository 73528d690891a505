// The pod cgroups runc creates for our sandboxes (cgroupfs driver: <hierarchy>/<cgroup_parent>/<id>),
// found in every mounted hierarchy (this machine is cgroup v1 + a v2 "unified" mount; pure v2 has one),
// emptied and removed at teardown. Only paths under a name we chose are ever touched.
import { existsSync, readdirSync, readFileSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { pidLive, sleepSync, terminateSync } from './procs.ts';

/** Mount points of every cgroup hierarchy, from our mountinfo. */
export function cgroupHierarchies(): string[] {
  const out: string[] = [];
  for (const line of readFileSync('/proc/self/mountinfo', 'utf8').split('\n')) {
    const sep = line.indexOf(' - ');
    if (sep < 0) continue;
    const fstype = line.slice(sep + 3).split(' ')[0];
    if (fstype === 'cgroup' || fstype === 'cgroup2') out.push(line.split(' ')[4]);
  }
  return out;
}

/** `<hierarchy>/<rel>` for every hierarchy where it exists. */
export function cgroupDirs(rel: string): string[] {
  const clean = rel.replace(/^\/+/, '');
  if (!clean || clean.includes('..')) throw new Error(`refusing cgroup path ${JSON.stringify(rel)}`);
  return cgroupHierarchies().map((h) => join(h, clean)).filter((d) => existsSync(d));
}

function subdirs(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(dir, e.name));
  } catch {
    return [];
  }
}

/** Every pid in the cgroup tree at `dir`. */
export function cgroupTreePids(dir: string): number[] {
  const pids = new Set<number>();
  const walk = (d: string) => {
    try {
      for (const l of readFileSync(join(d, 'cgroup.procs'), 'utf8').split('\n')) if (l) pids.add(Number(l));
    } catch {
      // removed meanwhile
    }
    for (const s of subdirs(d)) walk(s);
  };
  walk(dir);
  return [...pids];
}

/** Kills what runs in the trees at `dirs` and removes them bottom-up; returns what could not be removed. */
export function removeCgroupTrees(dirs: readonly string[]): string[] {
  const pids = dirs.flatMap(cgroupTreePids).filter(pidLive);
  terminateSync([...new Set(pids)], 'SIGKILL');
  const left: string[] = [];
  const rm = (d: string): boolean => {
    let ok = true;
    for (const s of subdirs(d)) ok = rm(s) && ok;
    // EBUSY for a moment after the last task exits: retry briefly
    for (let i = 0; i < 50; i++) {
      try {
        rmdirSync(d);
        return ok;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return ok;
        if (code !== 'EBUSY') break;
        sleepSync(20);
      }
    }
    left.push(d);
    return false;
  };
  for (const d of dirs) rm(d);
  return left;
}
