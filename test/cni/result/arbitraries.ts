// fast-check generators shared by the result tests. Addresses are generated as raw groups/octets and
// spelled in many valid ways; results are generated directly in canonical form (what parseResult
// returns), so properties can compare with assert.deepEqual.
import fc from 'fast-check';
import { canonicalIp } from '../../../src/cni/result/index.ts';
import { compact } from '../../../src/cni/result/types.ts';
import type {
  Dns, Interface04, Interface1, IpConfig04, IpConfig1, LegacyIpConfig, LegacyResult, Result04, Result1, Route,
} from '../../../src/cni/result/index.ts';

// Plain prototypes: parseResult builds ordinary objects, and deepEqual compares prototypes.
function rec<T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<T> {
  return fc.record(model, { noNullPrototype: true }) as fc.Arbitrary<T>;
}

const optional = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(a, { nil: undefined });

// Zero groups are over-represented so that "::" compression (and its tie rule) is exercised.
const group = fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: 0, max: 0xffff }) });
export const v6Groups = fc.array(group, { minLength: 8, maxLength: 8 });
export const v4Octets = fc.array(fc.nat(255), { minLength: 4, maxLength: 4 });

export function isMappedGroups(g: readonly number[]): boolean {
  return g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff;
}

export interface V6Spelling {
  upper: boolean;
  pad: boolean;
  /** where to try "::" (a zero run starting here, any length ≥ 1), or none */
  compressAt: number | undefined;
}

const spelling: fc.Arbitrary<V6Spelling> = rec({
  upper: fc.boolean(),
  pad: fc.boolean(),
  compressAt: optional(fc.integer({ min: 0, max: 7 })),
});

/** A valid but usually non-canonical spelling of eight IPv6 groups. */
export function spellV6(g: readonly number[], s: V6Spelling): string {
  const hex = (x: number): string => {
    const h = s.pad ? x.toString(16).padStart(4, '0') : x.toString(16);
    return s.upper ? h.toUpperCase() : h;
  };
  const at = s.compressAt;
  if (at !== undefined && g[at] === 0) {
    let end = at;
    while (end < 8 && g[end] === 0) end++;
    return `${g.slice(0, at).map(hex).join(':')}::${g.slice(end).map(hex).join(':')}`;
  }
  return g.map(hex).join(':');
}

/** Spellings of any address: dotted IPv4, IPv6 in assorted forms, IPv4-mapped IPv6 (hex or dotted tail). */
export const ipSpelling: fc.Arbitrary<string> = fc.oneof(
  v4Octets.map((o) => o.join('.')),
  fc.tuple(v6Groups, spelling).map(([g, s]) => spellV6(g, s)),
  fc.tuple(v4Octets, fc.constantFrom('::ffff:', '::FFFF:', '0:0:0:0:0:ffff:', '0000::FfFf:')).map(([o, p]) => p + o.join('.')),
);

export const cidrSpelling: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(v4Octets, fc.integer({ min: 0, max: 32 })).map(([o, p]) => `${o.join('.')}/${p}`),
  fc.tuple(v6Groups, spelling, fc.integer({ min: 0, max: 128 })).map(([g, s, p]) => `${spellV6(g, s)}/${p}`),
  fc.tuple(v4Octets, fc.integer({ min: 0, max: 128 })).map(([o, p]) => `::ffff:${o.join('.')}/${p}`),
);

export const ip4 = v4Octets.map((o) => o.join('.'));
export const ip6 = fc.tuple(v6Groups, spelling).filter(([g]) => !isMappedGroups(g)).map(([g, s]) => canonicalIp(spellV6(g, s)));
export const anyIp = ipSpelling.map(canonicalIp);
export const cidr4 = fc.tuple(ip4, fc.integer({ min: 0, max: 32 })).map(([a, p]) => `${a}/${p}`);
export const cidr6 = fc.tuple(ip6, fc.integer({ min: 0, max: 128 })).map(([a, p]) => `${a}/${p}`);
export const anyCidr = fc.oneof(cidr4, cidr6);

const text = fc.string({ minLength: 1, maxLength: 6 });
const nonZero = fc.integer({ min: -3, max: 9000 }).filter((n) => n !== 0);
const strings = fc.array(fc.string({ maxLength: 6 }), { minLength: 1, maxLength: 3 });
const list = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T[] | undefined> => optional(fc.array(a, { minLength: 1, maxLength: 4 }));

export const dns: fc.Arbitrary<Dns | undefined> = rec({ nameservers: optional(strings), domain: optional(text), search: optional(strings), options: optional(strings) })
  .map((d) => {
    const c = compact(d);
    return Object.keys(c).length > 0 ? c : undefined;
  });

export function routeOf(dst: fc.Arbitrary<string>, gw: fc.Arbitrary<string>): fc.Arbitrary<Route> {
  return rec({
      dst, gw: optional(gw), mtu: optional(nonZero), advmss: optional(nonZero), priority: optional(nonZero),
      table: optional(fc.integer({ min: -1, max: 300 })), scope: optional(fc.constantFrom(0, 200, 253, 254)),
    })
    .map((r) => compact(r));
}
export const route = routeOf(anyCidr, anyIp);

/** Routes as a legacy result holds them after a conversion: dst and gw only. */
const plainRoute = (dst: fc.Arbitrary<string>, gw: fc.Arbitrary<string>): fc.Arbitrary<Route> =>
  rec({ dst, gw: optional(gw) }).map((r) => compact(r));

const index = optional(fc.integer({ min: -2, max: 5 }));

export const interface1: fc.Arbitrary<Interface1> = rec({ name: fc.string({ maxLength: 6 }), mac: optional(text), mtu: optional(nonZero), sandbox: optional(text), socketPath: optional(text), pciID: optional(text) })
  .map((i) => compact(i));
export const ipConfig1: fc.Arbitrary<IpConfig1> = rec({ interface: index, address: anyCidr, gateway: optional(anyIp) })
  .map((c) => compact(c));

export const result1: fc.Arbitrary<Result1> = rec({
    kind: fc.constant('1.x' as const), cniVersion: fc.constantFrom('1.0.0', '1.1.0'),
    interfaces: list(interface1), ips: list(ipConfig1), routes: list(route), dns,
  })
  .map((r) => compact(r));

export const interface04: fc.Arbitrary<Interface04> = rec({ name: fc.string({ maxLength: 6 }), mac: optional(text), sandbox: optional(text) })
  .map((i) => compact(i));

/** 0.4 IP entries whose version label is the one libcni computes from the address (as after 1.x → 0.4). */
export const ipConfig04Labelled: fc.Arbitrary<IpConfig04> = rec({ interface: index, address: anyCidr, gateway: optional(anyIp) })
  .map((c) => compact({ version: c.address.includes(':') ? '6' : '4', ...c }));
/** 0.4 IP entries with any version label, as a plugin may print them. */
export const ipConfig04Any: fc.Arbitrary<IpConfig04> = rec({ version: fc.constantFrom('4', '6', '', 'x'), interface: index, address: anyCidr, gateway: optional(anyIp) })
  .map((c) => compact(c));

export function result04Of(ip: fc.Arbitrary<IpConfig04>): fc.Arbitrary<Result04> {
  return rec({
      kind: fc.constant('0.4' as const), cniVersion: fc.constantFrom('0.3.0', '0.3.1', '0.4.0'),
      interfaces: list(interface04), ips: list(ip), routes: list(route), dns,
    })
    .map((r) => compact(r));
}
export const result04 = result04Of(ipConfig04Any);

function legacyIpOf(ip: fc.Arbitrary<string>, r: fc.Arbitrary<Route>): fc.Arbitrary<LegacyIpConfig> {
  return rec({ ip, gateway: optional(anyIp), routes: list(r) }).map((c) => compact(c));
}

function legacyOf(v4: fc.Arbitrary<LegacyIpConfig>, v6: fc.Arbitrary<LegacyIpConfig>): fc.Arbitrary<LegacyResult> {
  return rec({ kind: fc.constant('legacy' as const), cniVersion: fc.constantFrom('0.1.0', '0.2.0'), ip4: optional(v4), ip6: optional(v6), dns })
    .map((r) => compact(r));
}

/** Any legacy result a plugin may print (route extras and odd families included). */
export const legacy = legacyOf(legacyIpOf(anyCidr, route), legacyIpOf(anyCidr, route));

/**
 * Legacy results that survive a trip through 0.4: at least one address, routes filed under the
 * family of their destination, routes with dst/gw only.
 */
export const legacyConvertible = legacyOf(
  legacyIpOf(cidr4, plainRoute(cidr4, anyIp)),
  legacyIpOf(cidr6, plainRoute(cidr6, anyIp)),
).filter((r) => r.ip4 !== undefined || r.ip6 !== undefined);

/** Every result kind, for properties that hold for all. */
export const anyResult = fc.oneof(legacy, result04, result1);

