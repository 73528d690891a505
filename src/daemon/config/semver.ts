// The semantic-version rule Multus applies to the primary CNI config (multus.md §2.4 "Load + check"):
// github.com/blang/semver's Make, which — unlike libcni's version parser (src/cni/version.ts) — needs
// all three of major.minor.patch, refuses leading zeroes and knows pre-release suffixes. The error texts
// are blang's, because Multus prints them unchanged inside its start-up error.

export interface SemVer {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** Pre-release identifiers (`1.0.0-rc.1` → ["rc", "1"]); empty for a release. */
  readonly pre: readonly string[];
}

const PART = ['major', 'minor', 'patch'] as const;
const ALNUM = /^[0-9A-Za-z-]+$/;

/** blang/semver Make: returns the version or throws an Error with blang's message. */
export function parseSemver(s: string): SemVer {
  if (s === '') throw new Error('Version string empty');
  const parts = s.split('.');
  if (parts.length < 3) throw new Error('No Major.Minor.Patch elements found');
  // The patch element runs to the first '-' or '+'; everything after belongs to pre-release/build.
  const rest = parts.slice(2).join('.');
  const cut = rest.search(/[-+]/);
  const patchText = cut < 0 ? rest : rest.slice(0, cut);
  const suffix = cut < 0 ? '' : rest.slice(cut);
  const nums = [parts[0], parts[1], patchText].map((p, i) => {
    if (!/^\d+$/.test(p)) throw new Error(`Invalid character(s) found in ${PART[i]} number "${p}"`);
    if (p.length > 1 && p.startsWith('0')) {
      throw new Error(`${PART[i][0].toUpperCase()}${PART[i].slice(1)} number must not contain leading zeroes "${p}"`);
    }
    return Number(p);
  });
  let pre: string[] = [];
  let build = suffix;
  if (suffix.startsWith('-')) {
    const plus = suffix.indexOf('+');
    const preText = plus < 0 ? suffix.slice(1) : suffix.slice(1, plus);
    build = plus < 0 ? '' : suffix.slice(plus);
    pre = preText.split('.');
    for (const id of pre) {
      if (id === '') throw new Error('Prerelease is empty');
      if (!ALNUM.test(id)) throw new Error(`Invalid character(s) found in prerelease "${id}"`);
      if (/^\d+$/.test(id) && id.length > 1 && id.startsWith('0')) throw new Error(`Numeric PreRelease version must not contain leading zeroes "${id}"`);
    }
  }
  if (build !== '') {
    for (const id of build.slice(1).split('.')) {
      if (!ALNUM.test(id)) throw new Error(`Invalid character(s) found in build meta data "${id}"`);
    }
  }
  return { major: nums[0], minor: nums[1], patch: nums[2], pre };
}

function comparePre(a: readonly string[], b: readonly string[]): number {
  // SemVer §11: a release outranks its pre-releases; identifiers compare numerically when numeric.
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 0 : a.length === 0 ? 1 : -1;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    const xn = /^\d+$/.test(x);
    const yn = /^\d+$/.test(y);
    if (xn && yn) return Number(x) < Number(y) ? -1 : 1;
    if (xn !== yn) return xn ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

export function compareSemver(a: SemVer, b: SemVer): number {
  if (a.major !== b.major) return a.major < b.major ? -1 : 1;
  if (a.minor !== b.minor) return a.minor < b.minor ? -1 : 1;
  if (a.patch !== b.patch) return a.patch < b.patch ? -1 : 1;
  return comparePre(a.pre, b.pre);
}
