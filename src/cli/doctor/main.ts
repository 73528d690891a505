// `multus-doctor`: lists host-local reservations that no cached attachment explains (docs/operations.md).
//   multus-doctor [--cni-dir DIR]... [--data-dir DIR]... [--remove] [--json]
// Defaults: cache dirs /var/lib/cni/multus (Multus' cniDir) and /var/lib/cni (the runtime's libcni);
// data dir /var/lib/cni/networks plus every ipam.dataDir found in the cached configs.
import { doctor, DEFAULT_HOST_LOCAL_DATA_DIR } from '../../daemon/doctor.ts';

export async function main(argv: readonly string[]): Promise<{ stdout: string; code: number }> {
  const cacheDirs: string[] = [];
  const dataDirs: string[] = [];
  let remove = false;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--cni-dir') cacheDirs.push(argv[++i] ?? '');
    else if (a === '--data-dir') dataDirs.push(argv[++i] ?? '');
    else if (a === '--remove') remove = true;
    else if (a === '--json') json = true;
    else return { stdout: `multus-doctor: unknown argument ${JSON.stringify(a)}\nusage: multus-doctor [--cni-dir DIR]... [--data-dir DIR]... [--remove] [--json]\n`, code: 2 };
  }
  const r = await doctor({ cacheDirs: cacheDirs.length ? cacheDirs : ['/var/lib/cni/multus', '/var/lib/cni'], dataDirs: dataDirs.length ? dataDirs : [DEFAULT_HOST_LOCAL_DATA_DIR], remove });
  if (json) return { stdout: `${JSON.stringify(r, null, 2)}\n`, code: 0 };
  const lines = [`${r.reservations} host-local reservation(s), ${r.orphans.length} not explained by any cached attachment`];
  for (const o of r.orphans) lines.push(`  orphan ${o.network} ${o.ip}  container=${o.containerID} ifname=${o.ifName}  ${o.path}${remove ? '  (removed)' : ''}`);
  if (r.orphans.length && !remove) lines.push('Remove them with --remove once you are sure no other runtime or plugin owns them.');
  return { stdout: `${lines.join('\n')}\n`, code: 0 };
}
