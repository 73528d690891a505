// Byte-faithful JSON editing. A user's plugin config must reach the plugin exactly as written: Multus
// leaked IPs by decoding configs into structs and re-encoding them, silently dropping keys it did not
// know. JSON.parse + JSON.stringify is lossy too (integers above 2^53, "1.0" vs "1", duplicate keys,
// escapes). So we never re-serialise a user's object: we locate the top-level members in the original
// text and splice in only the keys the runtime owns (name, cniVersion, runtimeConfig, prevResult, …).
//
// Every function here expects text that JSON.parse accepts; callers parse first (for the error message
// and the typed view) and use these only to edit.

export interface RawMember {
  /** The decoded key. */
  readonly key: string;
  /** The key exactly as written, quotes included. */
  readonly rawKey: string;
  /** The value exactly as written (no surrounding whitespace). */
  readonly raw: string;
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

function skipWs(t: string, i: number): number {
  while (i < t.length && WS.has(t.charCodeAt(i))) i++;
  return i;
}

function endOfString(t: string, i: number): number {
  // t[i] is the opening quote; returns the index just past the closing quote.
  for (let j = i + 1; j < t.length; j++) {
    const c = t.charCodeAt(j);
    if (c === 0x5c) j++;
    else if (c === 0x22) return j + 1;
  }
  throw new SyntaxError('unterminated string');
}

/** Index just past the JSON value that starts at t[i] (i already past whitespace). */
function endOfValue(t: string, i: number): number {
  const c = t[i];
  if (c === '"') return endOfString(t, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    for (let j = i; j < t.length; j++) {
      const d = t[j];
      if (d === '"') {
        j = endOfString(t, j) - 1;
      } else if (d === '{' || d === '[') {
        depth++;
      } else if (d === '}' || d === ']') {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    throw new SyntaxError('unterminated container');
  }
  let j = i;
  while (j < t.length && !WS.has(t.charCodeAt(j)) && t[j] !== ',' && t[j] !== '}' && t[j] !== ']') j++;
  return j;
}

/** The members of a JSON object text, in written order (duplicates kept). */
export function objectMembers(text: string): RawMember[] {
  let i = skipWs(text, 0);
  if (text[i] !== '{') throw new SyntaxError('not a JSON object');
  const out: RawMember[] = [];
  i = skipWs(text, i + 1);
  if (text[i] === '}') return out;
  for (;;) {
    const keyEnd = endOfString(text, i);
    const rawKey = text.slice(i, keyEnd);
    i = skipWs(text, keyEnd);
    i = skipWs(text, i + 1); // past ':'
    const valEnd = endOfValue(text, i);
    out.push({ key: JSON.parse(rawKey) as string, rawKey, raw: text.slice(i, valEnd) });
    i = skipWs(text, valEnd);
    if (text[i] === '}') return out;
    i = skipWs(text, i + 1); // past ','
  }
}

/** The elements of a JSON array text, each exactly as written. */
export function arrayElements(text: string): string[] {
  let i = skipWs(text, 0);
  if (text[i] !== '[') throw new SyntaxError('not a JSON array');
  const out: string[] = [];
  i = skipWs(text, i + 1);
  if (text[i] === ']') return out;
  for (;;) {
    const end = endOfValue(text, i);
    out.push(text.slice(i, end));
    i = skipWs(text, end);
    if (text[i] === ']') return out;
    i = skipWs(text, i + 1);
  }
}

/** The raw text of a member (the last one when a key repeats, as JSON.parse decides). */
export function memberRaw(text: string, key: string): string | undefined {
  let found: string | undefined;
  for (const m of objectMembers(text)) if (m.key === key) found = m.raw;
  return found;
}

/**
 * Rebuild an object with some keys set or removed, every other member untouched.
 * `set[key]` is raw JSON text to store, or `undefined` to remove the key. A key already present keeps
 * its position (its first occurrence; later duplicates are dropped); new keys are appended in the
 * order given.
 */
export function spliceObject(text: string, set: Readonly<Record<string, string | undefined>>): string {
  const parts: string[] = [];
  const done = new Set<string>();
  for (const m of objectMembers(text)) {
    if (!Object.hasOwn(set, m.key)) {
      parts.push(`${m.rawKey}:${m.raw}`);
      continue;
    }
    if (done.has(m.key)) continue;
    done.add(m.key);
    const v = set[m.key];
    if (v !== undefined) parts.push(`${JSON.stringify(m.key)}:${v}`);
  }
  for (const [k, v] of Object.entries(set)) {
    if (!done.has(k) && v !== undefined) parts.push(`${JSON.stringify(k)}:${v}`);
  }
  return `{${parts.join(',')}}`;
}
