// CNI version strings as libcni reads them (cni.md §2.11): "" is 0.1.0, missing minor/micro are 0,
// no "v" prefix, no pre-release suffix, at most three numeric parts, compared numerically.
import { cniError } from '../errors/catalogue.ts';

/** The highest spec version this runtime implements. */
export const IMPLEMENTED_VERSION = '1.1.0';
/** Every version a result type exists for (exact strings, as libcni's registry). */
export const SUPPORTED_VERSIONS = ['0.1.0', '0.2.0', '0.3.0', '0.3.1', '0.4.0', '1.0.0', '1.1.0'] as const;

export type VersionTriple = readonly [number, number, number];

const PART_NAMES = ['major', 'minor', 'micro'] as const;

export function parseVersion(v: string): VersionTriple {
  if (v === '') return [0, 1, 0];
  const parts = v.split('.');
  if (parts.length > 3) throw cniError('VERSION_INVALID', `invalid version "${v}": too many parts`);
  const out = [0, 0, 0];
  parts.forEach((p, i) => {
    // Go's strconv.Atoi accepts an optional sign; a CNI version never has one, and "" is a parse error.
    if (!/^[+-]?\d+$/.test(p)) {
      throw cniError('VERSION_INVALID', `failed to convert ${PART_NAMES[i]} version part "${p}": strconv.Atoi: parsing "${p}": invalid syntax`);
    }
    out[i] = Number.parseInt(p, 10);
  });
  return [out[0], out[1], out[2]];
}

export function compareVersions(a: string, b: string): number {
  const x = parseVersion(a);
  const y = parseVersion(b);
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  return 0;
}

/** a ≥ b; throws on an unparsable version, as libcni's GreaterThanOrEqualTo does. */
export function versionAtLeast(a: string, b: string): boolean {
  return compareVersions(a, b) >= 0;
}
