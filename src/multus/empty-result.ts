// The ADD result when the pod is already gone from the API (multus.md §3.2, §3.7, V6, S83): no
// delegate runs, and the runtime still needs a well-formed success result. Multus 4.2.4 returns one
// interface {CNI_IFNAME, CNI_NETNS} and one IP 0.0.0.0/0 via 0.0.0.0, as a 1.x-shaped object labelled
// with the config's version — which its thick daemon then panics converting for 0.x versions.
// Deviation: we build the same content as a correctly typed result of the requested version:
//   1.0.0/1.1.0      interfaces + ips (no interface index), no dns — byte-identical to 4.2.4;
//   0.3.0–0.4.0      the same with `"version":"4"` on the IP (and the `dns: {}` the 0.x printer adds);
//   0.1.0/0.2.0/""   `ip4` only (the legacy schema has no interfaces).
import type { CniResult } from '../cni/result/index.ts';
import { resultKindOf } from '../cni/result/types.ts';
import { CniError } from '../errors/catalogue.ts';

export function emptyAddResult(cniVersion: string, ifName: string, netns: string): CniResult {
  const version = cniVersion === '' ? '0.1.0' : cniVersion;
  const iface = netns === '' ? { name: ifName } : { name: ifName, sandbox: netns };
  switch (resultKindOf(version)) {
    case '1.x':
      return { kind: '1.x', cniVersion: version, interfaces: [iface], ips: [{ address: '0.0.0.0/0', gateway: '0.0.0.0' }] };
    case '0.4':
      return { kind: '0.4', cniVersion: version, interfaces: [iface], ips: [{ version: '4', address: '0.0.0.0/0', gateway: '0.0.0.0' }] };
    case 'legacy':
      return { kind: 'legacy', cniVersion: version, ip4: { ip: '0.0.0.0/0', gateway: '0.0.0.0' } };
    default:
      throw new CniError('RESULT_VERSION_UNSUPPORTED', `unsupported CNI result version "${cniVersion}"`);
  }
}
