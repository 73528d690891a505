// Go's net.ParseMAC, which Multus uses for both `mac` and `infiniband-guid` selection fields
// (multus.md §1.3): 6-, 8- or 20-octet addresses written as `xx:xx:…`, `xx-xx-…` or `xxxx.xxxx.…`
// (one separator throughout). Its error text reaches users: `address <v>: invalid MAC address`.

function hexPair(s: string, at: number): boolean {
  return /^[0-9a-fA-F]{2}$/.test(s.slice(at, at + 2));
}

/** True when Go's net.ParseMAC accepts `s`. */
export function isGoMac(s: string): boolean {
  if (s.length < 14) return false;
  const okLen = (n: number): boolean => n === 6 || n === 8 || n === 20;
  if (s[2] === ':' || s[2] === '-') {
    if ((s.length + 1) % 3 !== 0 || !okLen((s.length + 1) / 3)) return false;
    const sep = s[2];
    for (let x = 0; x < s.length; x += 3) {
      if (!hexPair(s, x)) return false;
      if (x + 2 < s.length && s[x + 2] !== sep) return false;
    }
    return true;
  }
  if (s[4] === '.') {
    if ((s.length + 1) % 5 !== 0 || !okLen((2 * (s.length + 1)) / 5)) return false;
    for (let x = 0; x < s.length; x += 5) {
      if (!hexPair(s, x) || !hexPair(s, x + 2)) return false;
      if (x + 4 < s.length && s[x + 4] !== '.') return false;
    }
    return true;
  }
  return false;
}

/** Go's *net.AddrError text for a refused MAC. */
export function macErrorText(s: string): string {
  return s === '' ? 'invalid MAC address' : `address ${s}: invalid MAC address`;
}
