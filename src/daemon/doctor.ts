// Finding host-local reservations that no attachment explains (issue 5): after crashes, or a reboot
// handled by an older Multus, `<dataDir>/<network>/<ip>` files (content `<containerID>\r\n<ifname>`)
// can outlive their containers and the addresses are never handed out again. An attachment explains a
// reservation when libcni's result cache under `<cniDir>/results` (or the runtime's own cache dirs)
// holds the same container id and interface. We only report by default: another plugin or runtime may
// own a reservation we know nothing about; removal needs an explicit option.
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { listCachedAttachments } from '../cni/cache.ts';

export const DEFAULT_HOST_LOCAL_DATA_DIR = '/var/lib/cni/networks';

export interface Reservation {
  readonly path: string;
  readonly network: string;
  readonly ip: string;
  readonly containerID: string;
  readonly ifName: string;
}

const ADDRESS = /^(\d+\.\d+\.\d+\.\d+|[0-9a-fA-F:]+:[0-9a-fA-F:.]*)$/;

async function names(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch {
    return [];
  }
}

/** Every host-local reservation under the data dirs. */
export async function listReservations(dataDirs: readonly string[]): Promise<Reservation[]> {
  const out: Reservation[] = [];
  for (const dataDir of new Set(dataDirs)) {
    for (const network of await names(dataDir)) {
      for (const ip of await names(join(dataDir, network))) {
        if (!ADDRESS.test(ip)) continue; // lock, last_reserved_ip.N
        const path = join(dataDir, network, ip);
        const text = await readFile(path, 'utf8').catch(() => undefined);
        if (text === undefined) continue;
        const [containerID = '', ifName = ''] = text.split(/\r?\n/);
        out.push({ path, network, ip, containerID: containerID.trim(), ifName: ifName.trim() });
      }
    }
  }
  return out;
}

/** The ipam.dataDir values of the cached delegate configs (a NAD may keep its reservations elsewhere). */
export async function dataDirsOfCaches(cacheDirs: readonly string[]): Promise<string[]> {
  const dirs = new Set<string>();
  for (const d of cacheDirs) {
    for (const a of await listCachedAttachments(d)) {
      for (const m of a.config.matchAll(/"dataDir"\s*:\s*("(?:[^"\\]|\\.)*")/g)) dirs.add(JSON.parse(m[1]) as string);
    }
  }
  return [...dirs];
}

export interface DoctorReport {
  readonly reservations: number;
  readonly orphans: Reservation[];
  readonly removed: string[];
}

export async function doctor(o: { cacheDirs: readonly string[]; dataDirs?: readonly string[]; remove?: boolean }): Promise<DoctorReport> {
  const dataDirs = [...(o.dataDirs ?? [DEFAULT_HOST_LOCAL_DATA_DIR]), ...(await dataDirsOfCaches(o.cacheDirs))];
  const known = new Set<string>();
  for (const d of o.cacheDirs) for (const a of await listCachedAttachments(d)) known.add(`${a.containerID}\u0000${a.ifName}`);
  const all = await listReservations(dataDirs);
  const orphans = all.filter((r) => !known.has(`${r.containerID}\u0000${r.ifName}`));
  const removed: string[] = [];
  if (o.remove) {
    for (const r of orphans) {
      await rm(r.path, { force: true });
      removed.push(r.path);
    }
  }
  return { reservations: all.length, orphans, removed };
}
