// Reboot recovery (issue 5, issue 9 F6L): after a node reboot every pod network namespace is gone, but
// the delegate caches, libcni result caches and host-local reservations survive on disk. If the
// runtime forgot the old sandboxes (or the kubelet cleaned up before we were back), nobody would ever
// DEL them and their addresses would leak. So at start, when the kernel's boot id differs from the one
// we recorded, every cached attachment whose netns no longer exists is DELed through its cached
// delegates (IPAM releases the address), then its caches are removed.
// Safety: a live container is never touched — its netns exists, and an attachment can only have been
// created after this boot if a daemon of this boot recorded the boot id first. The boot id is recorded
// only after recovery finished, so a crash mid-way resumes on the next start (DEL is idempotent).
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { listCachedAttachments } from '../cni/cache.ts';
import { asCniError } from '../errors/catalogue.ts';
import { writeFileAtomic } from '../util/atomic-write.ts';
import type { Logger } from '../util/logger.ts';
import { cmdDel } from '../multus/cmd/del.ts';
import type { MultusDeps } from '../multus/cmd/deps.ts';
import { readDelegateCache } from '../multus/delegate-cache.ts';

export const BOOT_ID_FILE = '.multus-ts-boot-id';
const CONTAINER_ID = /^[a-zA-Z0-9][a-zA-Z0-9_.\-]*$/;

export interface RecoveryOptions {
  readonly cniDir: string;
  /** The Multus config a DEL runs with (the generated 00-multus.conf, overridden by the daemon config). */
  readonly multusConf: string;
  readonly deps: MultusDeps;
  readonly log: Logger;
  /** The current boot id (default: /proc/sys/kernel/random/boot_id). */
  readonly bootId?: string;
}

export interface RecoveryReport {
  readonly newBoot: boolean;
  readonly deleted: string[];
  readonly kept: string[];
  readonly failed: Array<{ containerID: string; error: string }>;
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

export async function currentBootId(): Promise<string> {
  return (await readFile('/proc/sys/kernel/random/boot_id', 'utf8')).trim();
}

// writeFileAtomic's temp files (`.<name>.<12 hex>.tmp`): one is left behind only when the process died
// between creating it and the rename. At start nothing of ours is writing, so every one is stale.
export const TEMP_FILE = /^\..+\.[0-9a-f]{12}\.tmp$/;

async function sweepTempFiles(dirs: readonly string[], log: Logger): Promise<void> {
  for (const d of dirs) {
    let names: string[] = [];
    try {
      names = await readdir(d);
    } catch {
      continue;
    }
    for (const n of names.filter((x) => TEMP_FILE.test(x))) {
      await rm(join(d, n), { force: true });
      log.verbose('removed a temp file left by an interrupted write', { path: join(d, n) });
    }
  }
}

export async function recoverAfterReboot(o: RecoveryOptions): Promise<RecoveryReport> {
  await sweepTempFiles([o.cniDir, join(o.cniDir, 'results')], o.log);
  const bootId = o.bootId ?? (await currentBootId());
  const file = join(o.cniDir, BOOT_ID_FILE);
  const recorded = await readFile(file, 'utf8').then((s) => s.trim(), () => undefined);
  const report = { newBoot: recorded !== undefined && recorded !== bootId, deleted: [] as string[], kept: [] as string[], failed: [] as Array<{ containerID: string; error: string }> };
  if (report.newBoot) {
    let names: string[] = [];
    try {
      names = (await readdir(o.cniDir, { withFileTypes: true })).filter((e) => e.isFile() && CONTAINER_ID.test(e.name)).map((e) => e.name);
    } catch {
      // no cniDir: nothing was ever attached
    }
    for (const cid of names.sort()) {
      const masterName = (await readDelegateCache(o.cniDir, cid).catch(() => undefined))?.[0]?.confName;
      const master = (await listCachedAttachments(o.cniDir, cid)).find((a) => a.networkName === masterName);
      if (master?.netNS && (await exists(master.netNS))) {
        report.kept.push(cid);
        continue;
      }
      try {
        await cmdDel({ command: 'DEL', containerID: cid, netns: master?.netNS ?? '', ifName: master?.ifName ?? 'eth0', args: '', path: '', stdin: o.multusConf }, o.deps);
        report.deleted.push(cid);
        o.log.verbose('reboot recovery: deleted an attachment whose sandbox is gone', { container: cid });
      } catch (e) {
        report.failed.push({ containerID: cid, error: asCniError(e).message });
        o.log.error('reboot recovery: DEL failed; retried on the next start', { container: cid, error: asCniError(e).message });
      }
    }
  }
  // only once everything that could be done is done: a crash before this line re-runs recovery
  if (report.failed.length === 0) {
    try {
      await mkdir(o.cniDir, { recursive: true, mode: 0o700 });
      await writeFileAtomic(file, `${bootId}\n`, 0o600);
    } catch (e) {
      o.log.error('cannot record the boot id', { file, error: asCniError(e).message });
    }
  }
  return report;
}
