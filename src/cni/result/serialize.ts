// A typed result as the JSON libcni would print for it: the spec's key order, Go's omitempty applied
// (so a hand-built result with "" or 0 in an optional field prints like Go's), and the one rule that
// differs by version: 0.x types always print "dns" (a plain struct, which omitempty never drops) while
// the 1.x type's MarshalJSON deletes an empty one.
// (Go prints the 1.x type through a map, so its bytes have sorted keys; this is the same JSON value.)
import type { CniResult, Dns, LegacyIpConfig, Route } from './types.ts';

type Json = Record<string, unknown>;

function putStr(o: Json, k: string, v: string | undefined): void {
  if (v !== undefined && v !== '') o[k] = v;
}

/** An int tagged omitempty. */
function putInt(o: Json, k: string, v: number | undefined): void {
  if (v !== undefined && v !== 0) o[k] = v;
}

/** A Go *int: any set value, 0 included. */
function putPtr(o: Json, k: string, v: number | undefined): void {
  if (v !== undefined) o[k] = v;
}

function putList<T>(o: Json, k: string, v: readonly T[] | undefined, each: (e: T) => unknown): void {
  if (v !== undefined && v.length > 0) o[k] = v.map(each);
}

function routeJSON(r: Route): Json {
  const o: Json = { dst: r.dst };
  putStr(o, 'gw', r.gw);
  putInt(o, 'mtu', r.mtu);
  putInt(o, 'advmss', r.advmss);
  putInt(o, 'priority', r.priority);
  putPtr(o, 'table', r.table);
  putPtr(o, 'scope', r.scope);
  return o;
}

function dnsJSON(d: Dns | undefined): Json {
  const o: Json = {};
  if (!d) return o;
  putList(o, 'nameservers', d.nameservers, (s) => s);
  putStr(o, 'domain', d.domain);
  putList(o, 'search', d.search, (s) => s);
  putList(o, 'options', d.options, (s) => s);
  return o;
}

function legacyIpJSON(c: LegacyIpConfig): Json {
  const o: Json = { ip: c.ip };
  putStr(o, 'gateway', c.gateway);
  putList(o, 'routes', c.routes, routeJSON);
  return o;
}

export function resultToJSON(r: CniResult): Record<string, unknown> {
  const o: Json = {};
  putStr(o, 'cniVersion', r.cniVersion);
  switch (r.kind) {
    case 'legacy':
      if (r.ip4) o.ip4 = legacyIpJSON(r.ip4);
      if (r.ip6) o.ip6 = legacyIpJSON(r.ip6);
      o.dns = dnsJSON(r.dns);
      return o;
    case '0.4':
      putList(o, 'interfaces', r.interfaces, (i) => {
        const e: Json = { name: i.name };
        putStr(e, 'mac', i.mac);
        putStr(e, 'sandbox', i.sandbox);
        return e;
      });
      putList(o, 'ips', r.ips, (c) => {
        const e: Json = { version: c.version };
        putPtr(e, 'interface', c.interface);
        e.address = c.address;
        putStr(e, 'gateway', c.gateway);
        return e;
      });
      putList(o, 'routes', r.routes, routeJSON);
      o.dns = dnsJSON(r.dns);
      return o;
    case '1.x': {
      putList(o, 'interfaces', r.interfaces, (i) => {
        const e: Json = { name: i.name };
        putStr(e, 'mac', i.mac);
        putInt(e, 'mtu', i.mtu);
        putStr(e, 'sandbox', i.sandbox);
        putStr(e, 'socketPath', i.socketPath);
        putStr(e, 'pciID', i.pciID);
        return e;
      });
      putList(o, 'ips', r.ips, (c) => {
        const e: Json = {};
        putPtr(e, 'interface', c.interface);
        e.address = c.address;
        putStr(e, 'gateway', c.gateway);
        return e;
      });
      putList(o, 'routes', r.routes, routeJSON);
      const dns = dnsJSON(r.dns);
      if (Object.keys(dns).length > 0) o.dns = dns;
      return o;
    }
  }
}
