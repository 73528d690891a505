// A strict parser for the small block-YAML subset that kubeconfig writers emit (kubectl, kubeadm,
// Multus' own generated multus.kubeconfig): block mappings and sequences, plain and quoted one-line
// scalars, comments, `{}` / `[]`.
//
// Why not always use the `yaml` package: importing it costs ~30 ms and ~10 MB of RSS (README.md), and
// the thin plugin loads its kubeconfig on every CNI call, where start-up time is the product. So this
// parser is the fast path, and it gives up (returns UNSUPPORTED) on anything outside the subset —
// anchors, tags, block scalars, multi-line scalars, flow collections with content, numbers, odd keys —
// after which the caller parses the text with the full `yaml` package. A property test checks that
// whenever this parser answers, its answer equals `yaml.parse` of the same text.

export const UNSUPPORTED: unique symbol = Symbol('yaml-lite: unsupported');

class GiveUp extends Error {}

function giveUp(): never {
  throw new GiveUp();
}

interface Line {
  indent: number;
  text: string;
}

const BOOL_NULL: Record<string, boolean | null> = {
  true: true,
  True: true,
  TRUE: true,
  false: false,
  False: false,
  FALSE: false,
  null: null,
  Null: null,
  NULL: null,
  '~': null,
};

// Anything the core schema could read as a number (or that merely starts like one) is left to the full
// parser: kubeconfig values are strings, so this never costs the fast path anything real.
const NUMBER_LIKE = /^[-+]?(\d|\.\d|\.inf|\.Inf|\.INF)|^\.(nan|NaN|NAN)$/;
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_.\-/]*$/;

// YAML white space is only the space (tabs are refused above); String#trim would also eat U+2028 & co.
function trimSpacesEnd(s: string): string {
  return s.replace(/ +$/, '');
}

function splitLines(src: string): Line[] {
  // tabs and bare CRs have context-dependent meanings in YAML: the full parser handles them
  if (src.includes('\t') || /\r(?!\n)/.test(src)) giveUp();
  const out: Line[] = [];
  let seenContent = false;
  let seenDocStart = false;
  for (const raw of src.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const text = trimSpacesEnd(raw);
    const body = text.replace(/^ +/, '');
    if (body === '' || body.startsWith('#')) continue;
    const indent = text.length - body.length;
    if (indent === 0 && (body.startsWith('---') || body.startsWith('...') || body.startsWith('%'))) {
      // one leading `---` is common (kubectl does not write it, hand-written files do); anything else
      // (directives, several documents, content after the marker) goes to the full parser
      if (body !== '---' || seenContent || seenDocStart) giveUp();
      seenDocStart = true;
      continue;
    }
    seenContent = true;
    out.push({ indent, text: body });
  }
  return out;
}

function isSeqItem(text: string): boolean {
  return text === '-' || text.startsWith('- ');
}

/** The text after a closed scalar must be empty or a comment. */
function expectEnd(rest: string): void {
  if (rest === '') return;
  if (/^ +#/.test(rest)) return;
  giveUp();
}

/** A double-quoted scalar starting at text[0]; returns the value and the index after the closing quote. */
function doubleQuoted(text: string): [string, number] {
  let out = '';
  let i = 1;
  const simple: Record<string, string> = {
    '0': '\0',
    a: '\x07',
    b: '\b',
    t: '\t',
    n: '\n',
    v: '\v',
    f: '\f',
    r: '\r',
    e: '\x1b',
    ' ': ' ',
    '"': '"',
    '/': '/',
    '\\': '\\',
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '"') return [out, i + 1];
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    const e = text[i + 1];
    if (e !== undefined && Object.hasOwn(simple, e)) {
      out += simple[e];
      i += 2;
      continue;
    }
    const width = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    const hex = text.slice(i + 2, i + 2 + width);
    if (width === 0 || !new RegExp(`^[0-9A-Fa-f]{${width}}$`).test(hex)) giveUp();
    const cp = parseInt(hex, 16);
    // lone surrogates and out-of-range code points: let the full parser decide what they mean
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) giveUp();
    out += String.fromCodePoint(cp);
    i += 2 + width;
  }
  return giveUp(); // not closed on this line: a multi-line scalar
}

function singleQuoted(text: string): [string, number] {
  let out = '';
  let i = 1;
  while (i < text.length) {
    const c = text[i];
    if (c === "'") {
      if (text[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      return [out, i + 1];
    }
    out += c;
    i++;
  }
  return giveUp();
}

function plainScalar(s: string): string | boolean | null {
  if (Object.hasOwn(BOOL_NULL, s)) return BOOL_NULL[s];
  if (NUMBER_LIKE.test(s)) giveUp();
  return s;
}

/** A value written on the same line as its key or dash. */
function inlineValue(rest: string): unknown {
  const c = rest[0];
  if (c === '"') {
    const [v, end] = doubleQuoted(rest);
    expectEnd(rest.slice(end));
    return v;
  }
  if (c === "'") {
    const [v, end] = singleQuoted(rest);
    expectEnd(rest.slice(end));
    return v;
  }
  if (c === '{' || c === '[') {
    const m = /^(\{ *\}|\[ *\])( +#.*)?$/.exec(rest);
    if (!m) giveUp();
    return c === '{' ? {} : [];
  }
  if ('|>&*!%@`,]}#'.includes(c)) giveUp();
  if ((c === '-' || c === '?' || c === ':') && (rest.length === 1 || rest[1] === ' ')) giveUp();
  const hash = rest.indexOf(' #');
  const plain = trimSpacesEnd(hash < 0 ? rest : rest.slice(0, hash));
  if (plain.includes(': ') || plain.endsWith(':')) giveUp();
  return plainScalar(plain);
}

/** `key: rest` → [key, rest]; gives up on anything but a plain identifier-like key or a quoted key. */
function splitKey(text: string): [string, string] {
  let key: string;
  let after: number;
  if (text[0] === '"' || text[0] === "'") {
    [key, after] = text[0] === '"' ? doubleQuoted(text) : singleQuoted(text);
  } else {
    const m = /:(?: |$)/.exec(text);
    if (!m) giveUp();
    key = text.slice(0, m.index);
    after = m.index;
    if (!PLAIN_KEY.test(key) || Object.hasOwn(BOOL_NULL, key)) giveUp();
  }
  if (text[after] !== ':' || (after + 1 < text.length && text[after + 1] !== ' ')) giveUp();
  if (key === '__proto__') giveUp();
  return [key, text.slice(after + 1).replace(/^ +/, '')];
}

class Parser {
  private readonly lines: Line[];
  private i = 0;

  constructor(lines: Line[]) {
    this.lines = lines;
  }

  parseDocument(): unknown {
    if (this.lines.length === 0) return null;
    const v = this.block(this.lines[0].indent, -1);
    if (this.i < this.lines.length) giveUp();
    return v;
  }

  /** The node starting at the current line (indent n) whose parent sits at indent p < n. */
  private block(n: number, p: number): unknown {
    const line = this.lines[this.i];
    if (line.indent !== n) giveUp();
    let v: unknown;
    if (isSeqItem(line.text)) v = this.seq(n);
    else if (/:(?: |$)/.test(line.text) && !line.text.startsWith('"') && !line.text.startsWith("'")) v = this.map(n);
    else if ((line.text[0] === '"' || line.text[0] === "'") && this.looksLikeQuotedKey(line.text)) v = this.map(n);
    else {
      v = inlineValue(line.text);
      this.i++;
    }
    const next = this.lines[this.i];
    if (next !== undefined && next.indent > p) giveUp(); // continuation lines, odd indentation
    return v;
  }

  private looksLikeQuotedKey(text: string): boolean {
    try {
      const [, end] = text[0] === '"' ? doubleQuoted(text) : singleQuoted(text);
      return text[end] === ':';
    } catch (e) {
      if (e instanceof GiveUp) return false;
      throw e;
    }
  }

  private seq(n: number): unknown[] {
    const out: unknown[] = [];
    while (this.i < this.lines.length) {
      const line = this.lines[this.i];
      if (line.indent !== n || !isSeqItem(line.text)) break;
      const afterDash = line.text.slice(1);
      const rest = afterDash.replace(/^ +/, '');
      if (rest === '' || rest.startsWith('#')) {
        this.i++;
        const next = this.lines[this.i];
        out.push(next !== undefined && next.indent > n ? this.block(next.indent, n) : null);
      } else {
        // `- key: v` opens a node at the column after the dash: re-read this line as if it started there
        const col = n + 1 + (afterDash.length - rest.length);
        this.lines[this.i] = { indent: col, text: rest };
        out.push(this.block(col, n));
      }
    }
    return out;
  }

  private map(n: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    while (this.i < this.lines.length) {
      const line = this.lines[this.i];
      if (line.indent !== n) break;
      if (isSeqItem(line.text)) giveUp(); // a sequence item where a key belongs
      const [key, rest] = splitKey(line.text);
      if (Object.hasOwn(out, key)) giveUp(); // duplicate key: the full parser reports it
      this.i++;
      const next = this.lines[this.i];
      let value: unknown;
      if (rest === '' || rest.startsWith('#')) {
        if (next !== undefined && next.indent > n) value = this.block(next.indent, n);
        else if (next !== undefined && next.indent === n && isSeqItem(next.text)) value = this.seq(n);
        else value = null;
      } else {
        value = inlineValue(rest);
        if (next !== undefined && next.indent > n) giveUp();
      }
      out[key] = value;
    }
    return out;
  }
}

/** The value of `src`, or UNSUPPORTED when the text is outside the subset (use the full parser then). */
export function parseYamlLite(src: string): unknown {
  try {
    return new Parser(splitLines(src)).parseDocument();
  } catch (e) {
    if (e instanceof GiveUp) return UNSUPPORTED;
    throw e;
  }
}
