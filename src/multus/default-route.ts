// The `default-route` selection key (multus.md §3.4.5, §3.5, S31–S34, V1, §6.4 S94–S100): which
// delegate keeps the pod's default route. Pure decisions and pure edits of the libcni cached result; the
// netlink side (removing/adding routes in the pod netns) is the caller's.
import { isIpv4Text, tryCanonicalIp } from '../cni/result/ip.ts';
import { compareVersions } from '../cni/version.ts';
import { CniError } from '../errors/catalogue.ts';
import { deepFreeze } from './freeze.ts';

export interface GatewayRequestHolder {
  readonly gatewayRequest?: readonly string[];
  readonly filterV4Gateway: boolean;
  readonly filterV6Gateway: boolean;
}

/**
 * Go's CheckGatewayConfig, run only when some delegate has a `default-route` key (even `[]`): at most one
 * IPv4 and one IPv6 gateway across the pod, else `multus does not support ECMP for default-route`. Then
 * every delegate filters both families' default routes, except a family it requested a gateway for.
 * Without any `default-route` the flags stay false and nothing is touched. Returns new records.
 */
export function checkGatewayConfig<T extends GatewayRequestHolder>(delegates: readonly T[]): T[] {
  if (!delegates.some((d) => d.gatewayRequest !== undefined)) return delegates.map((d) => d);
  let v4 = 0;
  let v6 = 0;
  for (const d of delegates) {
    for (const gw of d.gatewayRequest ?? []) {
      if (isIpv4Text(gw)) v4++;
      else v6++;
    }
  }
  if (v4 > 1 || v6 > 1) throw new CniError('CONFIG_INVALID', 'multus does not support ECMP for default-route');
  return delegates.map((d) => {
    const gws = d.gatewayRequest ?? [];
    return deepFreeze({
      ...d,
      filterV4Gateway: !gws.some((g) => isIpv4Text(g)),
      filterV6Gateway: !gws.some((g) => !isIpv4Text(g)),
    });
  });
}

export interface DefaultRouteActions {
  /** Remove the interface's default routes (netlink: every dst-less route, both families [quirk]). */
  readonly deleteV4: boolean;
  readonly deleteV6: boolean;
  /** Add a default route via each requested gateway. */
  readonly add: boolean;
}

/**
 * What to do after the delegate's ADD (only when its result has interfaces or IPs, §3.5): a family is
 * cleaned when filtered, or when the delegate asks for its own gateway(s); adding needs a non-empty list.
 */
export function defaultRouteActions(d: GatewayRequestHolder): DefaultRouteActions {
  const requested = (d.gatewayRequest ?? []).length > 0;
  let deleteV4 = false;
  let deleteV6 = false;
  let add = false;
  if (d.filterV4Gateway) deleteV4 = true;
  else if (requested) deleteV4 = add = true;
  if (d.filterV6Gateway) deleteV6 = true;
  else if (requested) deleteV6 = add = true;
  return { deleteV4, deleteV6, add };
}

// ---- libcni cache edits (the `result` member of <cniDir>/results/<net>-<cid>-<ifname>) ----

type Json = Record<string, unknown>;

function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function shapeError(msg: string): CniError {
  return new CniError('CACHE_READ', msg);
}

const show = (v: unknown): string => JSON.stringify(v) ?? String(v);

/** Which layout the cached result has: legacy ip4/ip6 routes, or top-level routes. */
function layout(result: Json): 'legacy' | 'current' {
  if (!Object.hasOwn(result, 'cniVersion')) return 'legacy';
  const v = result.cniVersion;
  if (typeof v !== 'string') throw shapeError(`wrong cniVersion format: ${show(v)}`);
  if (v === '0.1.0' || v === '0.2.0') return 'legacy';
  if (v === '0.3.0' || v === '0.3.1' || v === '0.4.0') return 'current';
  let atLeast1 = false;
  try {
    atLeast1 = compareVersions(v, '1.0.0') >= 0;
  } catch {
    atLeast1 = false;
  }
  if (!atLeast1) throw new CniError('RESULT_VERSION_UNSUPPORTED', `not supported version: ${v}`);
  return 'current';
}

/** Drop routes whose dst is exactly `dst` (string match, [quirk]: `::/0` is not `::0/0`) or missing. */
function withoutDefault(routes: unknown[], dst: string): unknown[] {
  return routes.filter((r) => {
    if (!isObj(r)) throw shapeError(`wrong route format: ${show(r)}`);
    if (!Object.hasOwn(r, 'dst')) return false;
    if (typeof r.dst !== 'string') throw shapeError(`wrong dst format: ${show(r.dst)}`);
    return r.dst !== dst;
  });
}

function editRoutes(holder: Json, what: string, dst: string): void {
  if (!Object.hasOwn(holder, 'routes')) return;
  if (!Array.isArray(holder.routes)) throw shapeError(`wrong ${what}routes format: ${show(holder.routes)}`);
  const kept = withoutDefault(holder.routes, dst);
  if (kept.length === 0) delete holder.routes;
  else holder.routes = kept;
}

function section(result: Json, key: 'ip4' | 'ip6'): Json | undefined {
  if (!Object.hasOwn(result, key)) return undefined;
  const s = result[key];
  if (!isObj(s)) throw shapeError(`wrong ${key} format: ${show(s)}`);
  return s;
}

/**
 * Go's deleteDefaultGWResult on a cached result (a JSON object): the v4 (`0.0.0.0/0`) and/or v6
 * (`::0/0`) default routes removed; an emptied `routes` key is removed. Returns a new value.
 */
export function deleteDefaultRoutes(result: unknown, family: { readonly v4: boolean; readonly v6: boolean }): Json {
  if (!isObj(result)) throw shapeError(`wrong result type: ${show(result)}`);
  const r = structuredClone(result);
  if (layout(r) === 'legacy') {
    if (family.v4) {
      const ip4 = section(r, 'ip4');
      if (ip4) editRoutes(ip4, 'ip4 ', '0.0.0.0/0');
    }
    if (family.v6) {
      const ip6 = section(r, 'ip6');
      if (ip6) editRoutes(ip6, 'ip6 ', '::0/0');
    }
    return r;
  }
  if (family.v4) editRoutes(r, '', '0.0.0.0/0');
  if (family.v6) editRoutes(r, '', '::0/0');
  return r;
}

/**
 * Go's addDefaultGWResult: a `{"dst":"0.0.0.0/0"|"::0/0","gw":…}` route appended per gateway; in a legacy
 * result into `ip4.routes`/`ip6.routes` (`::/0` there), only when that section exists. Returns a new value.
 */
export function addDefaultRoutes(result: unknown, gateways: readonly string[]): Json {
  if (!isObj(result)) throw shapeError(`wrong result type: ${show(result)}`);
  const r = structuredClone(result);
  const legacy = layout(r) === 'legacy';
  const append = (holder: Json, what: string, route: Json): void => {
    if (Object.hasOwn(holder, 'routes') && !Array.isArray(holder.routes)) {
      throw shapeError(`wrong ${what}routes format: ${show(holder.routes)}`);
    }
    holder.routes = [...((holder.routes as unknown[] | undefined) ?? []), route];
  };
  for (const g of gateways) {
    const gw = tryCanonicalIp(g);
    if (gw === undefined) throw new CniError('CONFIG_INVALID', `invalid IP address: ${g}`);
    const v4 = isIpv4Text(gw);
    if (!legacy) {
      append(r, '', { dst: v4 ? '0.0.0.0/0' : '::0/0', gw });
      continue;
    }
    const s = section(r, v4 ? 'ip4' : 'ip6');
    if (s) append(s, v4 ? 'ip4 ' : 'ip6 ', { dst: v4 ? '0.0.0.0/0' : '::/0', gw });
  }
  return r;
}
