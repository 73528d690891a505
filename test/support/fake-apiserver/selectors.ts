// Field and label selectors with the grammar of k8s.io/apimachinery's fields.ParseSelector and
// labels.Parse, and the field-label check of the type's conversion func (an unsupported field is a
// 400 "field label not supported: <f>", which is how clients learn a selector is wrong).
import type { KubeObject } from './types.ts';
import type { ResourceType } from './resources.ts';
import { ApiError, badRequest } from './status.ts';

export type Matcher = (o: KubeObject) => boolean;

interface FieldReq {
  readonly field: string;
  readonly op: '=' | '!=';
  readonly value: string;
}

/** Splits on commas not escaped with a backslash (fields.splitTerms). */
function splitTerms(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length) {
      cur += c + s[i + 1];
      i++;
    } else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function unescapeValue(v: string, selector: string): string {
  let out = '';
  for (let i = 0; i < v.length; i++) {
    if (v[i] !== '\\') {
      out += v[i];
      continue;
    }
    const next = v[i + 1];
    if (next !== '\\' && next !== ',' && next !== '=') throw new ApiError(badRequest(`invalid field selector: '${selector}'; invalid escape sequence`));
    out += next;
    i++;
  }
  return out;
}

export function parseFieldSelector(selector: string): FieldReq[] {
  if (selector.trim() === '') return [];
  const reqs: FieldReq[] = [];
  for (const term of splitTerms(selector)) {
    let found: FieldReq | undefined;
    // the first operator position wins, "!=" and "==" before "=" at the same position
    for (let i = 0; i < term.length && !found; i++) {
      for (const op of ['!=', '==', '='] as const) {
        if (term.startsWith(op, i)) {
          found = { field: term.slice(0, i), op: op === '!=' ? '!=' : '=', value: unescapeValue(term.slice(i + op.length), selector) };
          break;
        }
      }
    }
    if (!found) throw new ApiError(badRequest(`invalid selector: '${selector}'; can't understand '${term}'`));
    reqs.push(found);
  }
  return reqs;
}

/** A matcher for `fieldSelector` on `rt`; throws the 400 for fields the type does not index. */
export function fieldMatcher(rt: ResourceType, selector: string | undefined): Matcher | undefined {
  const reqs = parseFieldSelector(selector ?? '');
  if (reqs.length === 0) return undefined;
  const checks = reqs.map((r) => {
    const name = rt.fieldAliases[r.field] ?? r.field;
    const getter = rt.fields[name];
    if (!getter) throw new ApiError(badRequest(`field label not supported: ${r.field}`));
    return (o: KubeObject) => (getter(o) === r.value) === (r.op === '=');
  });
  return (o) => checks.every((c) => c(o));
}

type LabelReq =
  | { readonly kind: 'eq' | 'neq'; readonly key: string; readonly value: string }
  | { readonly kind: 'in' | 'notin'; readonly key: string; readonly values: readonly string[] }
  | { readonly kind: 'exists' | 'notexists'; readonly key: string }
  | { readonly kind: 'gt' | 'lt'; readonly key: string; readonly n: number };

const KEY = String.raw`(?:[a-z0-9]([-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?`;
const VALUE = String.raw`(?:[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?`;
const keyRe = new RegExp(`^${KEY}$`);
const valueRe = new RegExp(`^${VALUE}$`);

/** Splits on commas outside parentheses: `a in (x,y),b` is two requirements. */
function splitRequirements(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of s) {
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function labelError(detail: string): ApiError {
  return new ApiError(badRequest(`unable to parse requirement: ${detail}`));
}

function checkKey(key: string): string {
  if (!keyRe.test(key)) throw labelError(`invalid label key "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`);
  return key;
}

function checkValue(v: string): string {
  if (v.length > 63 || !valueRe.test(v)) throw labelError(`invalid label value: "${v}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`);
  return v;
}

export function parseLabelSelector(selector: string): LabelReq[] {
  if (selector.trim() === '') return [];
  return splitRequirements(selector).map((raw): LabelReq => {
    const r = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = /^!\s*(\S+)$/.exec(r))) return { kind: 'notexists', key: checkKey(m[1]) };
    if ((m = /^([^\s!=<>(),]+)\s+(in|notin)\s*\((.*)\)$/.exec(r))) {
      const values = m[3].split(',').map((v) => checkValue(v.trim()));
      return { kind: m[2] === 'in' ? 'in' : 'notin', key: checkKey(m[1]), values };
    }
    if ((m = /^([^\s!=<>(),]+)\s*(==|=|!=)\s*([^\s(),]*)$/.exec(r))) {
      return { kind: m[2] === '!=' ? 'neq' : 'eq', key: checkKey(m[1]), value: checkValue(m[3]) };
    }
    if ((m = /^([^\s!=<>(),]+)\s*([<>])\s*(-?\d+)$/.exec(r))) return { kind: m[2] === '>' ? 'gt' : 'lt', key: checkKey(m[1]), n: Number(m[3]) };
    if ((m = /^([^\s!=<>(),]+)$/.exec(r))) return { kind: 'exists', key: checkKey(m[1]) };
    throw labelError(`found '${r}', expected: !, identifier, in, notin, =, ==, !=, gt, lt`);
  });
}

function labelOk(req: LabelReq, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.hasOwn(labels, req.key);
  const v = labels[req.key];
  switch (req.kind) {
    case 'eq': return has && v === req.value;
    case 'neq': return !has || v !== req.value;
    case 'in': return has && req.values.includes(v);
    case 'notin': return !has || !req.values.includes(v);
    case 'exists': return has;
    case 'notexists': return !has;
    case 'gt': return has && /^-?\d+$/.test(v) && Number(v) > req.n;
    case 'lt': return has && /^-?\d+$/.test(v) && Number(v) < req.n;
  }
}

export function labelMatcher(selector: string | undefined): Matcher | undefined {
  const reqs = parseLabelSelector(selector ?? '');
  if (reqs.length === 0) return undefined;
  return (o) => reqs.every((r) => labelOk(r, o.metadata.labels ?? {}));
}
