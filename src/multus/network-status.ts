// The `k8s.v1.cni.cncf.io/network-status` annotation (multus.md §3.6, cni.md §3.4, §5.11 cases 73–76):
// the entries one delegate's result contributes (NAD client CreateNetworkStatuses / CreateNetworkStatus)
// and the exact text Multus writes. The text matters: tools diff and grep it.
// Deviation: a default route without a gateway is left out of `gateway` (Go writes the string "<nil>").
import { convertResult, type CniResult, type Dns, type Result1 } from '../cni/result/index.ts';

export const NETWORK_STATUS_ANNOTATION = 'k8s.v1.cni.cncf.io/network-status';

export interface NetworkStatusEntry {
  readonly name: string;
  readonly interface?: string;
  readonly ips?: readonly string[];
  readonly mac?: string;
  readonly mtu?: number;
  readonly default: boolean;
  readonly dns: Dns;
  /** Device-info (§5) as read from the CNI device-info file, written as given. */
  readonly deviceInfo?: Readonly<Record<string, unknown>>;
  readonly gateway?: readonly string[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function bareIp(cidr: string): string {
  return cidr.slice(0, cidr.lastIndexOf('/'));
}

/** The NAD client's isDefaultRoute: the destination address is 0.0.0.0 or :: (any prefix length). */
function isDefaultDst(dst: string): boolean {
  const ip = bareIp(dst);
  return ip === '0.0.0.0' || ip === '::';
}

// A default route without `gw` goes via the gateway of the result's IP of the same family (CNI spec:
// "if absent, the gateway of the matching ips entry may be used"). Go writes the string "<nil>" there;
// with no such gateway either, the route adds nothing.
function gateways(r: Result1): string[] | undefined {
  const out: string[] = [];
  for (const rt of r.routes ?? []) {
    if (!isDefaultDst(rt.dst)) continue;
    const v6 = rt.dst.includes(':');
    const gw = rt.gw ?? (r.ips ?? []).find((ip) => ip.gateway !== undefined && ip.address.includes(':') === v6)?.gateway;
    if (gw !== undefined) out.push(gw);
  }
  return out.length > 0 ? out : undefined;
}

function copyDns(d: Dns | undefined): Dns {
  const o: Mutable<Dns> = {};
  if (d?.nameservers?.length) o.nameservers = [...d.nameservers];
  if (d?.domain) o.domain = d.domain;
  if (d?.search?.length) o.search = [...d.search];
  if (d?.options?.length) o.options = [...d.options];
  return o;
}

function entry(
  name: string,
  isDefault: boolean,
  iface: { name: string; mac?: string; mtu?: number } | undefined,
  ips: string[],
  r: Result1,
  deviceInfo: Readonly<Record<string, unknown>> | undefined,
  gw: string[] | undefined,
): NetworkStatusEntry {
  const e: Mutable<NetworkStatusEntry> = { name, default: isDefault, dns: copyDns(r.dns) };
  if (iface?.name) e.interface = iface.name;
  if (ips.length > 0) e.ips = ips;
  if (iface?.mac) e.mac = iface.mac;
  if (iface?.mtu) e.mtu = iface.mtu;
  if (deviceInfo) e.deviceInfo = deviceInfo;
  if (gw) e.gateway = [...gw];
  return e;
}

/**
 * CreateNetworkStatus: one entry whatever the result holds; `interface`/`mac`/`mtu` from the LAST
 * interface that has a sandbox, every IP (bare), every default route's gateway.
 */
export function networkStatusEntry(
  result: CniResult, name: string, isDefault: boolean, deviceInfo?: Readonly<Record<string, unknown>>,
): NetworkStatusEntry {
  const r = convertResult(result, '1.1.0') as Result1;
  const sandboxed = (r.interfaces ?? []).filter((i) => i.sandbox);
  const last = sandboxed[sandboxed.length - 1];
  return entry(name, isDefault, last, (r.ips ?? []).map((ip) => bareIp(ip.address)), r, deviceInfo, gateways(r));
}

/**
 * CreateNetworkStatuses, what Multus uses per delegate (§3.6):
 *  - exactly one interface in the result → the single entry above;
 *  - otherwise one entry per interface with a sandbox (none at all for an interface-less result, e.g.
 *    IPAM-only or 0.x); each IP goes to the entry of its `interface` index, an IP without index to the
 *    last entry; all share the gateways and DNS. For the default network, `default` marks the entry of
 *    the first IP having both a gateway and an interface index, else the first entry.
 */
export function networkStatusEntries(
  result: CniResult, name: string, isDefault: boolean, deviceInfo?: Readonly<Record<string, unknown>>,
): NetworkStatusEntry[] {
  const r = convertResult(result, '1.1.0') as Result1;
  const ifaces = r.interfaces ?? [];
  if (ifaces.length === 1) return [networkStatusEntry(result, name, isDefault, deviceInfo)];
  const gw = gateways(r);
  const ipsList = r.ips ?? [];
  let gwIndex = -1;
  if (isDefault) {
    const first = ipsList.find((ip) => ip.gateway !== undefined && ip.interface !== undefined);
    if (first) gwIndex = first.interface as number;
  }
  const byIndex = new Map<number, string[]>();
  const slots: { i: number; ips: string[] }[] = [];
  let setDefault = false;
  let firstSandbox = false;
  const defaults: boolean[] = [];
  ifaces.forEach((iface, i) => {
    if (!iface.sandbox) return;
    let d = false;
    if (isDefault && i === gwIndex && !setDefault) d = setDefault = true;
    if (isDefault && gwIndex === -1 && !firstSandbox) d = firstSandbox = true;
    const ips: string[] = [];
    byIndex.set(i, ips);
    slots.push({ i, ips });
    defaults.push(d);
  });
  const lastSlot = slots[slots.length - 1];
  for (const ip of ipsList) {
    if (ip.interface !== undefined) byIndex.get(ip.interface)?.push(bareIp(ip.address));
    else lastSlot?.ips.push(bareIp(ip.address));
  }
  return slots.map((s, k) => entry(name, defaults[k], ifaces[s.i], s.ips, r, deviceInfo, gw));
}

// ---- the annotation text ----

/** Go's encoding/json escapes these in strings; JSON.stringify does not. */
function goEscape(json: string): string {
  return json
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('&', '\\u0026')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}

/** The entry as the NAD client's NetworkStatus type marshals it: field order and omitempty rules. */
function entryJson(e: NetworkStatusEntry): Record<string, unknown> {
  const o: Record<string, unknown> = { name: e.name };
  if (e.interface) o.interface = e.interface;
  if (e.ips && e.ips.length > 0) o.ips = e.ips;
  if (e.mac) o.mac = e.mac;
  if (e.mtu) o.mtu = e.mtu;
  if (e.default) o.default = true;
  const dns: Record<string, unknown> = {};
  if (e.dns.nameservers?.length) dns.nameservers = e.dns.nameservers;
  if (e.dns.domain) dns.domain = e.dns.domain;
  if (e.dns.search?.length) dns.search = e.dns.search;
  if (e.dns.options?.length) dns.options = e.dns.options;
  o.dns = dns;
  if (e.deviceInfo) o['device-info'] = e.deviceInfo;
  if (e.gateway && e.gateway.length > 0) o.gateway = e.gateway;
  return o;
}

/**
 * The annotation value exactly as Multus writes it: each entry indented with 4 spaces, entries joined
 * by `,` inside `[` `]` (`[{…},{…}]`, no space between entries).
 */
export function serializeNetworkStatus(entries: readonly NetworkStatusEntry[]): string {
  return `[${entries.map((e) => goEscape(JSON.stringify(entryJson(e), null, 4))).join(',')}]`;
}
