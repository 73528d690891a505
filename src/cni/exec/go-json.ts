// Just enough of Go's encoding/json to reproduce libcni's message for a plugin whose stdout is not a
// valid error object (cni.md §2.6 case 4): `… diagnostic message "<stdout>": <json error>`. The json
// error text is Go's, so we mirror its scanner (syntax errors) and the type errors json.Unmarshal
// reports when decoding into libcni's types.Error {Code uint; Msg string; Details string}.
import { objectMembers } from '../raw-json.ts';
import { goQuoteRune } from './go-quote.ts';

const MAX_NESTING_DEPTH = 10000;

type Step = (c: number) => void;

// Go's quoteChar: the byte read as a rune (so 0xc3 shows as 'Ã'), quoted with single quotes.
function quoteChar(c: number): string {
  if (c === 0x27) return `'\\''`;
  if (c === 0x22) return `'"'`;
  return `'${goQuoteRune(String.fromCharCode(c))}'`;
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHex = (c: number): boolean => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

class SyntaxFailure extends Error {}

/** Go's `checkValid`: the SyntaxError text json.Unmarshal would return, or undefined when valid. */
export function goJsonSyntaxError(text: string | Uint8Array): string | undefined {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const enum_ = { key: 0, value: 1, array: 2 } as const;
  const stack: number[] = [];
  let endTop = false;
  let step: Step;

  const fail = (c: number, context: string): never => {
    throw new SyntaxFailure(`invalid character ${quoteChar(c)} ${context}`);
  };
  const push = (c: number, s: number): void => {
    stack.push(s);
    if (stack.length > MAX_NESTING_DEPTH) fail(c, 'exceeded max depth');
  };
  const pop = (): void => {
    stack.pop();
    if (stack.length === 0) {
      step = endTopState;
      endTop = true;
    } else {
      step = endValue;
    }
  };
  const endTopState: Step = (c) => {
    if (!isSpace(c)) fail(c, 'after top-level value');
  };
  const endValue: Step = (c) => {
    const n = stack.length;
    if (n === 0) {
      step = endTopState;
      endTop = true;
      endTopState(c);
      return;
    }
    if (isSpace(c)) {
      step = endValue; // a number ends at the space; what follows is judged as after-a-value
      return;
    }
    const ps = stack[n - 1];
    if (ps === enum_.key) {
      if (c === 0x3a) {
        stack[n - 1] = enum_.value;
        step = beginValue;
        return;
      }
      fail(c, 'after object key');
    } else if (ps === enum_.value) {
      if (c === 0x2c) {
        stack[n - 1] = enum_.key;
        step = beginString;
        return;
      }
      if (c === 0x7d) return pop();
      fail(c, 'after object key:value pair');
    } else {
      if (c === 0x2c) {
        step = beginValue;
        return;
      }
      if (c === 0x5d) return pop();
      fail(c, 'after array element');
    }
  };
  const literal = (rest: string, name: string): Step => {
    // t-r-u-e, f-a-l-s-e, n-u-l-l: each remaining letter is expected in turn.
    let i = 0;
    const s: Step = (c) => {
      const want = rest.charCodeAt(i);
      if (c !== want) fail(c, `in literal ${name} (expecting '${rest[i]}')`);
      i++;
      if (i === rest.length) step = endValue;
    };
    return s;
  };
  const inString: Step = (c) => {
    if (c === 0x22) step = endValue;
    else if (c === 0x5c) step = inStringEsc;
    else if (c < 0x20) fail(c, 'in string literal');
  };
  const inStringEsc: Step = (c) => {
    if ('bfnrt\\/"'.includes(String.fromCharCode(c))) step = inString;
    else if (c === 0x75) step = escU(4);
    else fail(c, 'in string escape code');
  };
  const escU = (left: number): Step => (c) => {
    if (!isHex(c)) fail(c, 'in \\u hexadecimal character escape');
    step = left === 1 ? inString : escU(left - 1);
  };
  const neg: Step = (c) => {
    if (c === 0x30) step = zero;
    else if (isDigit(c)) step = digits;
    else fail(c, 'in numeric literal');
  };
  const digits: Step = (c) => {
    if (isDigit(c)) return;
    zero(c);
  };
  const zero: Step = (c) => {
    if (c === 0x2e) step = dot;
    else if (c === 0x65 || c === 0x45) step = exp;
    else endValue(c);
  };
  const dot: Step = (c) => {
    if (isDigit(c)) step = dot0;
    else fail(c, 'after decimal point in numeric literal');
  };
  const dot0: Step = (c) => {
    if (isDigit(c)) return;
    if (c === 0x65 || c === 0x45) step = exp;
    else endValue(c);
  };
  const exp: Step = (c) => {
    if (c === 0x2b || c === 0x2d) {
      step = expSign;
      return;
    }
    expSign(c);
  };
  const expSign: Step = (c) => {
    if (isDigit(c)) step = exp0;
    else fail(c, 'in exponent of numeric literal');
  };
  const exp0: Step = (c) => {
    if (isDigit(c)) return;
    endValue(c);
  };
  const beginValue: Step = (c) => {
    if (isSpace(c)) return;
    switch (c) {
      case 0x7b:
        step = beginStringOrEmpty;
        return push(c, enum_.key);
      case 0x5b:
        step = beginValueOrEmpty;
        return push(c, enum_.array);
      case 0x22:
        step = inString;
        return;
      case 0x2d:
        step = neg;
        return;
      case 0x30:
        step = zero;
        return;
      case 0x74:
        step = literal('rue', 'true');
        return;
      case 0x66:
        step = literal('alse', 'false');
        return;
      case 0x6e:
        step = literal('ull', 'null');
        return;
    }
    if (isDigit(c)) {
      step = digits;
      return;
    }
    fail(c, 'looking for beginning of value');
  };
  const beginValueOrEmpty: Step = (c) => {
    if (isSpace(c)) return;
    if (c === 0x5d) return endValue(c);
    beginValue(c);
  };
  const beginStringOrEmpty: Step = (c) => {
    if (isSpace(c)) return;
    if (c === 0x7d) {
      stack[stack.length - 1] = enum_.value;
      return endValue(c);
    }
    beginString(c);
  };
  const beginString: Step = (c) => {
    if (isSpace(c)) return;
    if (c === 0x22) step = inString;
    else fail(c, 'looking for beginning of object key string');
  };

  step = beginValue;
  try {
    for (const c of bytes) step(c);
    if (endTop) return undefined;
    step(0x20);
    if (endTop) return undefined;
  } catch (e) {
    if (e instanceof SyntaxFailure) return e.message;
    throw e;
  }
  return 'unexpected end of JSON input';
}

/** libcni's types.Error after a successful json.Unmarshal. */
export interface GoErrorObject {
  readonly code: number;
  readonly msg: string;
  readonly details: string;
}

const UINT64_MAX = 18446744073709551615n;

// Go matches keys exactly first, then case-insensitively (ASCII upper-casing plus Unicode simple folds;
// ſ and the Kelvin sign are the only non-ASCII runes that fold into these field names).
function foldName(s: string): string {
  return s.replace(/[a-z]/g, (c) => c.toUpperCase()).replaceAll('\u017f', 'S').replaceAll('\u212a', 'K');
}

const FIELDS = [
  { json: 'code', folded: 'CODE', goType: 'uint' },
  { json: 'msg', folded: 'MSG', goType: 'string' },
  { json: 'details', folded: 'DETAILS', goType: 'string' },
] as const;

function jsonKind(raw: string): 'object' | 'array' | 'string' | 'bool' | 'null' | 'number' {
  const c = raw[0];
  if (c === '{') return 'object';
  if (c === '[') return 'array';
  if (c === '"') return 'string';
  if (c === 't' || c === 'f') return 'bool';
  if (c === 'n') return 'null';
  return 'number';
}

/**
 * json.Unmarshal(text, &types.Error{}): the decoded object, or Go's error text. Decoding keeps going
 * after a type error and Go reports the first one, so document order decides which message wins.
 */
export function goUnmarshalErrorObject(text: string): GoErrorObject | { readonly error: string } {
  const syntax = goJsonSyntaxError(text);
  if (syntax !== undefined) return { error: syntax };
  const top = text.trimStart();
  const kind = jsonKind(top);
  if (kind === 'null') return { code: 0, msg: '', details: '' };
  if (kind !== 'object') return { error: `json: cannot unmarshal ${kind} into Go value of type types.Error` };
  const out = { code: 0, msg: '', details: '' };
  let firstError: string | undefined;
  for (const m of objectMembers(text)) {
    const f = FIELDS.find((x) => x.json === m.key) ?? FIELDS.find((x) => x.folded === foldName(m.key));
    if (!f) continue;
    const vk = jsonKind(m.raw);
    if (vk === 'null') continue;
    let typeError: string | undefined;
    if (f.goType === 'uint') {
      if (vk === 'number') {
        // strconv.ParseUint: digits only, no sign/fraction/exponent, at most 2^64-1.
        if (/^\d+$/.test(m.raw) && BigInt(m.raw) <= UINT64_MAX) out.code = Number(m.raw);
        else typeError = `number ${m.raw}`;
      } else {
        typeError = vk;
      }
    } else if (vk === 'string') {
      out[f.json as 'msg' | 'details'] = JSON.parse(m.raw) as string;
    } else {
      typeError = vk;
    }
    if (typeError !== undefined && firstError === undefined) {
      firstError = `json: cannot unmarshal ${typeError} into Go struct field Error.${f.json} of type ${f.goType}`;
    }
  }
  return firstError === undefined ? out : { error: firstError };
}
