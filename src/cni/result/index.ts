// CNI result types of libcni v1.3 (cni.md §1.9, §2.7, §2.8): parse a plugin's stdout into the typed
// result of its version, print it as libcni would, convert between versions.
export type {
  CniResult, Dns, Interface04, Interface1, IpConfig04, IpConfig1, LegacyIpConfig, LegacyResult,
  Result04, Result1, ResultKind, Route,
} from './types.ts';
export { parseResult, parseResultText } from './parse.ts';
export { resultToJSON } from './serialize.ts';
export { convertResult } from './convert.ts';
export { canonicalCidr, canonicalIp } from './ip.ts';
