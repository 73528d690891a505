// Just enough of Go's encoding/json struct decoding to accept exactly the documents Multus accepts and to
// reject the others with Go's message. Multus decodes its stdin config and the selection annotation
// into Go structs (multus.md §1.1, §1.3.1), so three Go rules are user-visible:
//  - keys match struct fields exactly or, failing that, case-insensitively (`"ClusterNetwork"` works);
//  - members are decoded in document order, a repeated key overwrites the earlier value;
//  - a value of the wrong JSON type fails with `json: cannot unmarshal <kind> into Go struct field
//    <Struct>.<json path> of type <go type>`; `null` leaves a scalar untouched and sets a list/map to nil.
// We work on the original text (src/cni/raw-json.ts), so number literals are judged as written (Go
// refuses `1.0` for an int) and nothing is re-serialised.
import { CniError } from '../errors/catalogue.ts';
import { arrayElements, objectMembers } from '../cni/raw-json.ts';

export type JsonKind = 'object' | 'array' | 'string' | 'number' | 'bool' | 'null';

/** Where a value sits, for Go's error text: the innermost struct type and the JSON key path. */
export interface GoCtx {
  readonly struct: string;
  readonly path: string;
}

export function jsonKind(raw: string): JsonKind {
  switch (raw[0]) {
    case '{':
      return 'object';
    case '[':
      return 'array';
    case '"':
      return 'string';
    case 't':
    case 'f':
      return 'bool';
    case 'n':
      return 'null';
    default:
      return 'number';
  }
}

/**
 * Go's folded key (encoding/json foldName) restricted to what can equal an ASCII field name: ASCII
 * letters, plus the Kelvin sign and long s, which fold to K and S.
 */
export function goFold(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase()).replaceAll('\u212a', 'k').replaceAll('\u017f', 's');
}

export function child(ctx: GoCtx, key: string, struct?: string): GoCtx {
  return { struct: struct ?? ctx.struct, path: ctx.path === '' ? key : `${ctx.path}.${key}` };
}

/** Go's UnmarshalTypeError text. `value` is the JSON kind ("number 1.5" for a bad integer literal). */
export function typeErrorText(value: string, ctx: GoCtx, goType: string): string {
  if (ctx.path === '') return `json: cannot unmarshal ${value} into Go value of type ${goType}`;
  return `json: cannot unmarshal ${value} into Go struct field ${ctx.struct}.${ctx.path} of type ${goType}`;
}

export function typeError(raw: string, ctx: GoCtx, goType: string): CniError {
  return new CniError('CONFIG_PARSE', typeErrorText(jsonKind(raw), ctx, goType));
}

/**
 * Walk an object's members in document order and hand each one that names a field to its handler.
 * `fields` maps Go JSON names to handlers; unknown keys are ignored, as Go does.
 */
export function decodeFields(
  text: string,
  ctx: GoCtx,
  fields: Readonly<Record<string, (raw: string, at: GoCtx) => void>>,
): void {
  const byFold = new Map<string, [string, (raw: string, at: GoCtx) => void]>();
  for (const [name, h] of Object.entries(fields)) byFold.set(goFold(name), [name, h]);
  for (const m of objectMembers(text)) {
    const f = byFold.get(goFold(m.key));
    if (f) f[1](m.raw, child(ctx, f[0]));
  }
}

/** A string field: undefined for null (Go leaves the field as it was). */
export function goString(raw: string, ctx: GoCtx): string | undefined {
  const k = jsonKind(raw);
  if (k === 'null') return undefined;
  if (k !== 'string') throw typeError(raw, ctx, 'string');
  return JSON.parse(raw) as string;
}

export function goBool(raw: string, ctx: GoCtx): boolean | undefined {
  const k = jsonKind(raw);
  if (k === 'null') return undefined;
  if (k !== 'bool') throw typeError(raw, ctx, 'bool');
  return raw === 'true';
}

const INT64_MAX = 9223372036854775807n;

/** A Go int: the literal itself must be a decimal integer within int64 (Go refuses `1.0` and `1e2`). */
export function goInt(raw: string, ctx: GoCtx): number | undefined {
  const k = jsonKind(raw);
  if (k === 'null') return undefined;
  if (k !== 'number') throw typeError(raw, ctx, 'int');
  const ok = /^-?\d+$/.test(raw) && BigInt(raw) <= INT64_MAX && BigInt(raw) >= -INT64_MAX - 1n;
  if (!ok) throw new CniError('CONFIG_PARSE', typeErrorText(`number ${raw}`, ctx, 'int'));
  const n = Number(raw);
  return n === 0 ? 0 : n; // no -0
}

/** []string: null is nil (returned as null); a null element is Go's "". */
export function goStringList(raw: string, ctx: GoCtx): string[] | null {
  const k = jsonKind(raw);
  if (k === 'null') return null;
  if (k !== 'array') throw typeError(raw, ctx, '[]string');
  return arrayElements(raw).map((e) => goString(e, ctx) ?? '');
}

/** An object-typed field: the text, or null for JSON null. */
export function goObject(raw: string, ctx: GoCtx, goType: string): string | null {
  const k = jsonKind(raw);
  if (k === 'null') return null;
  if (k !== 'object') throw typeError(raw, ctx, goType);
  return raw;
}

/** map[string]bool (Go's capabilities): null values read as false. */
export function goBoolMap(raw: string, ctx: GoCtx): Record<string, boolean> | null {
  const text = goObject(raw, ctx, 'map[string]bool');
  if (text === null) return null;
  const out: Record<string, boolean> = Object.create(null);
  for (const m of objectMembers(text)) out[m.key] = goBool(m.raw, child(ctx, m.key)) ?? false;
  return out;
}

// Go's unicode.IsSpace, which strings.TrimSpace uses (JS trim() differs on U+0085 and U+FEFF).
const GO_SPACE = '\t\n\v\f\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

/** Go's strings.TrimSpace. */
export function goTrimSpace(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && GO_SPACE.includes(s[a])) a++;
  while (b > a && GO_SPACE.includes(s[b - 1])) b--;
  return s.slice(a, b);
}
