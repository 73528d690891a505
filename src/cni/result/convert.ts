// libcni's GetAsVersion (cni.md §2.8). Conversions go legacy <-> 0.4 directly and legacy <-> 1.x through
// 0.4, exactly as Go's converter registry does, so that what is lost on the way (extra IPs, interfaces,
// route extras for legacy; mtu/socketPath/pciID for 0.4) is lost in the same places.
// Every conversion returns fresh objects; only "same version" hands back its input.
import { cniError } from '../../errors/catalogue.ts';
import { isIpv4Text } from './ip.ts';
import {
  compact, resultKindOf,
  type CniResult, type Dns, type Interface04, type Interface1, type IpConfig04, type IpConfig1,
  type LegacyIpConfig, type LegacyResult, type Result04, type Result1, type Route,
} from './types.ts';

function copyRoute(r: Route): Route {
  return { ...r };
}

function copyDns(d: Dns | undefined): Dns | undefined {
  if (!d) return undefined;
  return compact({
    nameservers: d.nameservers && [...d.nameservers],
    domain: d.domain,
    search: d.search && [...d.search],
    options: d.options && [...d.options],
  });
}

/** Map a list, keeping the canonical form: an empty list is absent. */
function mapList<T, U>(a: readonly T[] | undefined, f: (e: T) => U): U[] | undefined {
  return a && a.length > 0 ? a.map(f) : undefined;
}

function nonEmpty<T>(a: T[]): T[] | undefined {
  return a.length > 0 ? a : undefined;
}

function relabel<T extends CniResult>(r: T, cniVersion: string): T {
  // structuredClone keeps the canonical shape (no undefined-valued keys appear).
  return { ...structuredClone(r), cniVersion };
}

function legacyTo04(r: LegacyResult, cniVersion: string): Result04 {
  const ips: IpConfig04[] = [];
  const routes: Route[] = [];
  for (const [version, c] of [['4', r.ip4], ['6', r.ip6]] as const) {
    if (!c) continue;
    ips.push(compact({ version, address: c.ip, gateway: c.gateway }));
    for (const rt of c.routes ?? []) routes.push(copyRoute(rt));
  }
  return compact<Result04>({ kind: '0.4', cniVersion, ips: nonEmpty(ips), routes: nonEmpty(routes), dns: copyDns(r.dns) });
}

function r04ToLegacy(r: Result04, cniVersion: string): LegacyResult {
  let ip4: LegacyIpConfig | undefined;
  let ip6: LegacyIpConfig | undefined;
  // Legacy results hold one address per family: the first of each wins; unlabelled entries are ignored.
  for (const c of r.ips ?? []) {
    if (c.version === '4' && !ip4) ip4 = compact({ ip: c.address, gateway: c.gateway });
    else if (c.version === '6' && !ip6) ip6 = compact({ ip: c.address, gateway: c.gateway });
    if (ip4 && ip6) break;
  }
  for (const rt of r.routes ?? []) {
    // Routes go by the family of their destination, and only dst/gw survive (Go builds a new Route).
    const target = isIpv4Text(rt.dst) ? ip4 : ip6;
    if (target) (target.routes ??= []).push(compact({ dst: rt.dst, gw: rt.gw }));
  }
  if (!ip4 && !ip6) throw cniError('RESULT_CONVERT', 'cannot convert: no valid IP addresses');
  return compact<LegacyResult>({ kind: 'legacy', cniVersion, ip4, ip6, dns: copyDns(r.dns) });
}

function r04To1(r: Result04, cniVersion: string): Result1 {
  return compact<Result1>({
    kind: '1.x',
    cniVersion,
    interfaces: mapList(r.interfaces, (i): Interface1 => compact({ name: i.name, mac: i.mac, sandbox: i.sandbox })),
    ips: mapList(r.ips, (c): IpConfig1 => compact({ interface: c.interface, address: c.address, gateway: c.gateway })),
    routes: mapList(r.routes, copyRoute),
    dns: copyDns(r.dns),
  });
}

function r1To04(r: Result1, cniVersion: string): Result04 {
  return compact<Result04>({
    kind: '0.4',
    cniVersion,
    interfaces: mapList(r.interfaces, (i): Interface04 => compact({ name: i.name, mac: i.mac, sandbox: i.sandbox })),
    ips: mapList(r.ips, (c): IpConfig04 => compact({
      version: isIpv4Text(c.address) ? '4' : '6',
      interface: c.interface,
      address: c.address,
      gateway: c.gateway,
    })),
    // Shared Go route type: the 1.1.0 route extras survive.
    routes: mapList(r.routes, copyRoute),
    dns: copyDns(r.dns),
  });
}

/**
 * The result in another version (`""` means 0.1.0). The same version returns `r` itself; otherwise the
 * result is a new value. Throws RESULT_CONVERT when the target cannot hold the result or is unknown.
 */
export function convertResult(r: CniResult, toVersion: string): CniResult {
  const to = toVersion === '' ? '0.1.0' : toVersion;
  if (r.cniVersion === to) return r;
  const toKind = resultKindOf(to);
  // Go finds converters by the from-version string, so a result labelled with a version its type does
  // not carry has none.
  if (!toKind || resultKindOf(r.cniVersion) !== r.kind) {
    throw cniError('RESULT_CONVERT', `no converter for CNI result version ${r.cniVersion} to ${to}`);
  }
  if (r.kind === toKind) return relabel(r, to);
  switch (r.kind) {
    case 'legacy': {
      if (toKind === '0.4') return legacyTo04(r, to);
      return r04To1(legacyTo04(r, '0.4.0'), to);
    }
    case '0.4':
      return toKind === 'legacy' ? r04ToLegacy(r, to) : r04To1(r, to);
    case '1.x': {
      if (toKind === '0.4') return r1To04(r, to);
      return r04ToLegacy(r1To04(r, '0.4.0'), to);
    }
  }
}
