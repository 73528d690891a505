// The networks of issue 8's P1–P3, shared by bench/thick.ts and bench/thin.ts: a bridge cluster
// network and three NADs (bridge, macvlan on the node's veth, ptp), all with host-local in `ipamDir`,
// plus the loopback-only list of P2; and the same delegates as separate lists, to run directly.
import { parseConfList, type NetworkConfigList } from '../../src/cni/config/index.ts';
import { uniqueIfName } from '../../test/support/netns.ts';

export interface BenchNetworks {
  readonly cluster: object;
  readonly loopback: object;
  readonly nads: Readonly<Record<string, object>>;
  /** The cluster network and each NAD as its own list, in attachment order (eth0, net1, ...). */
  readonly directLists: readonly NetworkConfigList[];
}

/** `prefix` is the first two octets of the /24s ("10.77"): two benchmarks on one node must differ. */
export function benchNetworks(ipamDir: string, master: string, prefix: string): BenchNetworks {
  let subnet = 10;
  const plugin = (type: string, extra: object = {}) => ({ type, ipam: { type: 'host-local', subnet: `${prefix}.${subnet++}.0/24`, dataDir: ipamDir }, ...extra });
  const cluster = { cniVersion: '1.0.0', name: 'cluster', plugins: [plugin('bridge', { bridge: uniqueIfName('bc'), isGateway: true })] };
  const nads: Record<string, object> = {
    'bridge-net': { cniVersion: '1.0.0', ...plugin('bridge', { bridge: uniqueIfName('bb') }) },
    'macvlan-net': { cniVersion: '1.0.0', ...plugin('macvlan', { master, mode: 'bridge' }) },
    'ptp-net': { cniVersion: '1.0.0', ...plugin('ptp') },
  };
  return {
    cluster, nads,
    loopback: { cniVersion: '1.0.0', name: 'lo', plugins: [{ type: 'loopback' }] },
    directLists: [parseConfList(JSON.stringify(cluster)), ...Object.entries(nads).map(([n, c]) => parseConfList(JSON.stringify({ cniVersion: '1.0.0', name: n, plugins: [c] })))],
  };
}
