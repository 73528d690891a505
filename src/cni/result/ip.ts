// Addresses as libcni sees them. libcni decodes every address of a result into Go's net.IP / net.IPNet
// and prints it back, so the next plugin, the cache and the NPWG status all see Go's canonical text.
// To be byte-compatible we reproduce Go's grammar (net.ParseIP / net.ParseCIDR, which sit on
// net/netip since Go 1.22) and its printer (net.IP.String / net.IPNet.String):
//  - IPv4 is exactly four decimal fields 0-255, no leading zeros, no zone;
//  - IPv6 allows one "::", 1-4 hex digits per group, an embedded IPv4 tail, no zone;
//  - printing: an address in ::ffff:0:0/96 is printed as dotted IPv4 (net.IP.To4), otherwise RFC 5952
//    (lower case, no leading zeros, the longest run of two or more zero groups becomes "::", leftmost
//    run on a tie);
//  - a CIDR keeps its host bits; an IPv4-mapped IPv6 CIDR is printed as IPv4 with the prefix
//    shortened by 96 (Go keeps the 16-byte mask and prints its last four bytes).
import { cniError } from '../../errors/catalogue.ts';

export interface ParsedIp {
  /** Always 16 bytes; IPv4 is stored IPv4-mapped, as Go's net.IP does. */
  readonly bytes: Uint8Array;
  /** Written in dotted IPv4 form: such a CIDR has a 32-bit prefix space, not 128. */
  readonly dotted: boolean;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

/** Four dotted decimal fields into out[at..at+4); false on anything Go's netip refuses. */
function parseV4Into(s: string, out: Uint8Array, at: number): boolean {
  let val = 0;
  let digits = 0;
  let field = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) {
      if (digits === 1 && val === 0) return false; // leading zero: Go refuses it since 1.17
      val = val * 10 + (c - 0x30);
      digits++;
      if (val > 255) return false;
    } else if (c === 0x2e) {
      if (digits === 0 || field === 3) return false;
      out[at + field++] = val;
      val = 0;
      digits = 0;
    } else {
      return false;
    }
  }
  if (field !== 3 || digits === 0) return false;
  out[at + 3] = val;
  return true;
}

function parseV6(s: string): Uint8Array | undefined {
  const ip = new Uint8Array(16);
  let ellipsis = -1;
  let i = 0;
  let rest = s;
  if (rest.startsWith('::')) {
    ellipsis = 0;
    rest = rest.slice(2);
    if (rest === '') return ip;
  }
  while (i < 16) {
    let off = 0;
    let acc = 0;
    for (; off < rest.length; off++) {
      const h = hexValue(rest.charCodeAt(off));
      if (h < 0) break;
      if (off > 3) return undefined;
      acc = acc * 16 + h;
    }
    if (off === 0) return undefined;
    if (off < rest.length && rest[off] === '.') {
      // An embedded IPv4 tail must end the address and fill exactly the last 32 bits (or sit after "::").
      if ((ellipsis < 0 && i !== 12) || i + 4 > 16) return undefined;
      if (!parseV4Into(rest, ip, i)) return undefined;
      rest = '';
      i += 4;
      break;
    }
    ip[i] = acc >> 8;
    ip[i + 1] = acc & 0xff;
    i += 2;
    rest = rest.slice(off);
    if (rest === '') break;
    if (rest[0] !== ':' || rest.length === 1) return undefined;
    rest = rest.slice(1);
    if (rest[0] === ':') {
      if (ellipsis >= 0) return undefined;
      ellipsis = i;
      rest = rest.slice(1);
      if (rest === '') break;
    }
  }
  if (rest !== '') return undefined;
  if (i < 16) {
    if (ellipsis < 0) return undefined;
    const n = 16 - i;
    for (let j = i - 1; j >= ellipsis; j--) ip[j + n] = ip[j];
    ip.fill(0, ellipsis, ellipsis + n);
  } else if (ellipsis >= 0) {
    return undefined; // "::" must stand for at least one zero group
  }
  return ip;
}

/** Go's net.ParseIP: undefined where Go returns nil (zones included, which ParseIP rejects). */
export function parseIp(s: string): ParsedIp | undefined {
  // As netip.ParseAddr: the first '.' or ':' decides the family.
  for (let k = 0; k < s.length; k++) {
    const c = s[k];
    if (c === '.') {
      const bytes = new Uint8Array(16);
      bytes[10] = 0xff;
      bytes[11] = 0xff;
      return parseV4Into(s, bytes, 12) ? { bytes, dotted: true } : undefined;
    }
    if (c === ':') {
      if (s.includes('%')) return undefined;
      const bytes = parseV6(s);
      return bytes ? { bytes, dotted: false } : undefined;
    }
    if (c === '%') return undefined;
  }
  return undefined;
}

export function isV4Mapped(b: Uint8Array): boolean {
  for (let i = 0; i < 10; i++) if (b[i] !== 0) return false;
  return b[10] === 0xff && b[11] === 0xff;
}

/** Go's net.IP.String for a 16-byte address. */
export function formatIp(b: Uint8Array): string {
  if (isV4Mapped(b)) return `${b[12]}.${b[13]}.${b[14]}.${b[15]}`;
  const groups: number[] = [];
  for (let g = 0; g < 8; g++) groups.push((b[2 * g] << 8) | b[2 * g + 1]);
  let zeroStart = -1;
  let zeroLen = 0;
  for (let g = 0; g < 8; g++) {
    let e = g;
    while (e < 8 && groups[e] === 0) e++;
    // Strictly longer, so the leftmost of equally long runs wins; a lone zero group is never compressed.
    if (e - g >= 2 && e - g > zeroLen) {
      zeroStart = g;
      zeroLen = e - g;
    }
  }
  let out = '';
  for (let g = 0; g < 8; g++) {
    if (g === zeroStart) {
      out += '::';
      g += zeroLen - 1;
      continue;
    }
    if (g > 0 && !out.endsWith(':')) out += ':';
    out += groups[g].toString(16);
  }
  return out;
}

/** Canonical text of an IP, or undefined where Go's net.ParseIP fails. */
export function tryCanonicalIp(s: string): string | undefined {
  const p = parseIp(s);
  return p ? formatIp(p.bytes) : undefined;
}

/** Canonical text of a CIDR (host bits kept), or undefined where Go's net.ParseCIDR fails. */
export function tryCanonicalCidr(s: string): string | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const p = parseIp(s.slice(0, slash));
  const prefixText = s.slice(slash + 1);
  // Go's dtoi: decimal digits only (leading zeros fine, no sign), the whole remainder.
  if (!p || !/^[0-9]+$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > (p.dotted ? 32 : 128)) return undefined;
  const shown = !p.dotted && isV4Mapped(p.bytes) ? Math.max(0, prefix - 96) : prefix;
  return `${formatIp(p.bytes)}/${shown}`;
}

export function canonicalIp(s: string): string {
  const c = tryCanonicalIp(s);
  if (c === undefined) throw cniError('RESULT_DECODE', `invalid IP address: ${s}`);
  return c;
}

export function canonicalCidr(s: string): string {
  const c = tryCanonicalCidr(s);
  if (c === undefined) throw cniError('RESULT_DECODE', `invalid CIDR address: ${s}`);
  return c;
}

/** Family of a canonical address or CIDR: canonical IPv6 text always has a colon, IPv4 never. */
export function isIpv4Text(canonical: string): boolean {
  return !canonical.includes(':');
}
