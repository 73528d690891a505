// Typed readers for one JSON value each, with Go's decoding rules: what null means, which zero values
// omitempty drops, how keys match. Every error names the field by its JSON path (e.g. `ips[0].address`).
import { cniError, type CniError } from '../../errors/catalogue.ts';
import { tryCanonicalCidr, tryCanonicalIp } from './ip.ts';

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function decodeError(msg: string, field?: string): CniError {
  return cniError('RESULT_DECODE', msg, field);
}

/** The JSON type name Go's decoder uses in "cannot unmarshal X into …". */
export function goJsonType(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  return typeof v; // number, string, object
}

/**
 * A struct field's value. Go's decoder matches keys case-insensitively and the last matching key in
 * the document wins, so `"IPs"` feeds `ips` too.
 */
export function member(o: Obj, name: string): unknown {
  const lower = name.toLowerCase();
  let v: unknown;
  for (const k of Object.keys(o)) if (k === name || k.toLowerCase() === lower) v = o[k];
  return v;
}

export const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

// In every reader below, JSON null means "absent": Go's decoder leaves the zero value in place.

export function str(v: unknown, path: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw decodeError(`${path}: expected string`);
  return v;
}

/** A string field tagged omitempty: "" is absent. */
export function optStr(v: unknown, path: string): string | undefined {
  const s = str(v, path);
  return s === '' ? undefined : s;
}

/** Go int / *int. */
export function int(v: unknown, path: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw decodeError(`${path}: expected integer`);
  return v === 0 ? 0 : v; // -0 from JSON.parse is Go's 0
}

/** An int field tagged omitempty: 0 is absent. */
export function optInt(v: unknown, path: string): number | undefined {
  const n = int(v, path);
  return n === 0 ? undefined : n;
}

function list(v: unknown, path: string): unknown[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw decodeError(`${path}: expected array`);
  return v;
}

/** []string tagged omitempty: an empty list is absent; a null element is Go's "" */
export function strList(v: unknown, path: string): string[] | undefined {
  const a = list(v, path);
  if (!a || a.length === 0) return undefined;
  return a.map((e, i) => str(e, `${path}[${i}]`) ?? '');
}

export function obj(v: unknown, path: string): Obj | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObj(v)) throw decodeError(`${path}: expected object`);
  return v;
}

/** A list of structs, tagged omitempty. */
export function objList<T>(v: unknown, path: string, each: (o: Obj, path: string) => T): T[] | undefined {
  const a = list(v, path);
  if (!a || a.length === 0) return undefined;
  return a.map((e, i) => {
    const p = `${path}[${i}]`;
    // Go would keep a nil pointer here and crash or print null later; refuse it up front.
    if (!isObj(e)) throw decodeError(`${p}: expected object`);
    return each(e, p);
  });
}

/** A required types.IPNet. */
export function cidr(v: unknown, path: string): string {
  // Go would accept a missing CIDR and print "<nil>", which no later decode accepts: refuse it here.
  if (v === undefined) throw decodeError(`${path}: required field missing`);
  // types.IPNet.UnmarshalJSON turns null into "" and fails on it.
  const s = v === null ? '' : v;
  if (typeof s !== 'string') throw decodeError(`${path}: expected string`);
  const c = tryCanonicalCidr(s);
  if (c === undefined) throw decodeError(`invalid CIDR address: ${s}`, path);
  return c;
}

/** An optional net.IP: "" decodes to nil, like a missing one. */
export function ip(v: unknown, path: string): string | undefined {
  const s = optStr(v, path);
  if (s === undefined) return undefined;
  const c = tryCanonicalIp(s);
  if (c === undefined) throw decodeError(`invalid IP address: ${s}`, path);
  return c;
}
