// Go's strconv.Quote, because libcni builds its plugin error messages with `%q` (cni.md §2.5, §2.6) and
// tests and log greps written against the Go tooling expect exactly those bytes.

// unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space only (other spaces
// such as U+00A0 and every Cc/Cf/Co/Cn rune are escaped).
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '"': '\\"',
  '\\': '\\\\',
};

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** One rune as Go writes it inside a double-quoted literal. */
export function goQuoteRune(ch: string): string {
  const short = SHORT_ESCAPES[ch];
  if (short !== undefined) return short;
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x20 || cp === 0x7f) return `\\x${hex(cp, 2)}`;
  // A lone surrogate cannot come from decoded UTF-8; Go would see U+FFFD (printable) in its place.
  if (cp >= 0xd800 && cp <= 0xdfff) return '\ufffd';
  if (PRINTABLE.test(ch)) return ch;
  return cp < 0x10000 ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`;
}

/** strconv.Quote(s) for a string already decoded from UTF-8 (invalid bytes arrive as U+FFFD). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) out += goQuoteRune(ch);
  return out + '"';
}
