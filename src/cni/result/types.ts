// The three concrete result types of libcni (cni.md §1.9). A value of these types is always in
// canonical form: addresses as Go prints them, and a field Go would leave out of its JSON (omitempty:
// "", 0, empty list, empty dns) is absent rather than present with a zero value. Two results are
// therefore equal (assert.deepEqual) exactly when libcni would serialise them identically.

export type ResultKind = 'legacy' | '0.4' | '1.x';

/** types.Route, shared by every version (legacy results keep the 1.1.0 extras too, as Go does). */
export interface Route {
  dst: string;
  gw?: string;
  /** omitted when 0 */
  mtu?: number;
  /** omitted when 0 */
  advmss?: number;
  /** omitted when 0 */
  priority?: number;
  /** Go *int: 0 is kept */
  table?: number;
  /** Go *int: 0 (global scope) is kept */
  scope?: number;
}

export interface Dns {
  nameservers?: string[];
  domain?: string;
  search?: string[];
  options?: string[];
}

export interface LegacyIpConfig {
  ip: string;
  gateway?: string;
  routes?: Route[];
}

/** 0.1.0 / 0.2.0 */
export interface LegacyResult {
  kind: 'legacy';
  cniVersion: string;
  ip4?: LegacyIpConfig;
  ip6?: LegacyIpConfig;
  dns?: Dns;
}

export interface Interface04 {
  /** always serialised, even "" */
  name: string;
  mac?: string;
  sandbox?: string;
}

export interface IpConfig04 {
  /** "4" / "6" by the spec, but kept verbatim (even "") and always serialised */
  version: string;
  /** index into interfaces; negative values are accepted as libcni does */
  interface?: number;
  address: string;
  gateway?: string;
}

/** 0.3.0 / 0.3.1 / 0.4.0 */
export interface Result04 {
  kind: '0.4';
  cniVersion: string;
  interfaces?: Interface04[];
  ips?: IpConfig04[];
  routes?: Route[];
  dns?: Dns;
}

export interface Interface1 {
  name: string;
  mac?: string;
  /** omitted when 0 */
  mtu?: number;
  sandbox?: string;
  socketPath?: string;
  pciID?: string;
}

export interface IpConfig1 {
  interface?: number;
  address: string;
  gateway?: string;
}

/** 1.0.0 / 1.1.0 (one Go type for both) */
export interface Result1 {
  kind: '1.x';
  cniVersion: string;
  interfaces?: Interface1[];
  ips?: IpConfig1[];
  routes?: Route[];
  dns?: Dns;
}

export type CniResult = LegacyResult | Result04 | Result1;

/** The exact version strings each type is registered for: lookups are by string, so "1.0" has no type. */
export const RESULT_VERSIONS: { readonly [K in ResultKind]: readonly string[] } = {
  legacy: ['0.1.0', '0.2.0'],
  '0.4': ['0.3.0', '0.3.1', '0.4.0'],
  '1.x': ['1.0.0', '1.1.0'],
};

export function resultKindOf(version: string): ResultKind | undefined {
  for (const kind of ['legacy', '0.4', '1.x'] as const) {
    if (RESULT_VERSIONS[kind].includes(version)) return kind;
  }
  return undefined;
}

/** Drops keys whose value is undefined, so optional fields are absent rather than present-but-empty. */
export function compact<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}
