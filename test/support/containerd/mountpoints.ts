// The two host directories containerd's private mount namespace mounts over (/run/containerd: a
// tmpfs, since 1.6 hard-codes its shim socket dir under it; /var/lib/cni: a bind of the test's CNI
// cache). They must exist on the host; when missing we create them, and remove them again once no
// instance of ours still runs.
//
// Why the care: removing a directory that is a mount point in ANOTHER mount namespace is allowed and
// silently detaches that mount there (Linux >= 3.18), which would pull the tmpfs out from under a
// containerd of a parallel test process. So creation and removal happen under a machine-wide lock
// (an atomic mkdir), and removal only when no other live instance exists; a marker file remembers
// which directories our kind created, so the last instance out removes them whoever made them.
import { mkdirSync, readFileSync, rmdirSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pidLive, sleepSync } from './procs.ts';

export const HOST_MOUNT_POINTS = ['/run/containerd', '/var/lib/cni'] as const;

const LOCK = join(tmpdir(), 'mts-ctrd.lock');
const MARKER = join(tmpdir(), 'mts-ctrd-created-mountpoints.json');

function lockOwner(): number | undefined {
  try {
    return Number(readFileSync(join(LOCK, 'owner'), 'utf8')) || undefined;
  } catch {
    return undefined;
  }
}

/** Runs `fn` holding the lock (synchronous: also used from exit handlers). */
export function withHostLock<T>(fn: () => T, waitMs = 10_000): T {
  const end = Date.now() + waitMs;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, 'owner'), String(process.pid));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = lockOwner();
      let age = 0;
      try {
        age = Date.now() - statSync(LOCK).mtimeMs;
      } catch {
        continue; // released meanwhile
      }
      // a holder that died (SIGKILL) or never wrote its pid leaves a stale lock
      if ((owner !== undefined && owner !== process.pid && !pidLive(owner)) || (owner === undefined && age > 2000)) {
        rmSync(LOCK, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > end) throw new Error(`could not take ${LOCK} (held by pid ${owner ?? '?'})`);
      sleepSync(10);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

function readMarker(): string[] {
  try {
    return (JSON.parse(readFileSync(MARKER, 'utf8')) as string[]).filter((p) => (HOST_MOUNT_POINTS as readonly string[]).includes(p));
  } catch {
    return [];
  }
}

function writeMarker(paths: readonly string[]): void {
  if (paths.length === 0) rmSync(MARKER, { force: true });
  else writeFileSync(MARKER, JSON.stringify([...new Set(paths)]));
}

/** Creates the missing mount points (call under withHostLock, after registering the instance). */
export function ensureHostMountPoints(): void {
  const created = readMarker();
  for (const p of HOST_MOUNT_POINTS) {
    if (existsSync(p)) continue;
    mkdirSync(p, { mode: 0o755 });
    created.push(p);
  }
  writeMarker(created);
}

/**
 * Removes the mount points our kind created, if `othersLive` says no other instance runs (call under
 * withHostLock). rmdir only: a directory someone filled meanwhile is left alone and forgotten.
 */
export function releaseHostMountPoints(othersLive: boolean): void {
  if (othersLive) return;
  for (const p of readMarker()) {
    try {
      rmdirSync(p);
    } catch {
      // gone already, or no longer empty: not ours to remove any more
    }
  }
  writeMarker([]);
}
