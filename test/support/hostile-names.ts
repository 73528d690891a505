// Hostile names for issue 9 §3's property tests (the daemon's socket and the thin plugin use the
// same cases): path characters, `..`, interface names over 15 bytes or with whitespace, in every
// place of an ADD, with the CNI error code each place must get and a pattern its message must match.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';

const segment = fc.stringMatching(/^[a-z0-9]{1,6}$/);
/** Names with a path in them, a dot-dot, or an absolute path. */
const pathy = fc.oneof(
  fc.tuple(segment, segment).map(([a, b]) => `${a}/${b}`),
  segment.map((s) => `../${s}`),
  segment.map((s) => `../../${s}/..`),
  fc.constantFrom('..', '/etc/passwd', '../../bin/sh'),
);
const tooLongIf = fc.stringMatching(/^[a-z0-9]{16,40}$/);
const badIfName = fc.oneof(pathy, tooLongIf, segment.map((s) => `${s} x`), fc.constant('.'));

export type Where = 'CNI_CONTAINERID' | 'CNI_IFNAME' | 'delegate type' | 'delegate name' | 'NAD config name' | 'annotation interface' | 'annotation network';
export interface HostileCase {
  readonly where: Where;
  readonly value: string;
}

export const hostileCase: fc.Arbitrary<HostileCase> = fc.oneof(
  pathy.map((value) => ({ where: 'CNI_CONTAINERID' as const, value })),
  badIfName.map((value) => ({ where: 'CNI_IFNAME' as const, value })),
  pathy.map((value) => ({ where: 'delegate type' as const, value })),
  pathy.map((value) => ({ where: 'delegate name' as const, value })),
  pathy.map((value) => ({ where: 'NAD config name' as const, value })),
  badIfName.filter((v) => v !== '.').map((value) => ({ where: 'annotation interface' as const, value })),
  pathy.map((value) => ({ where: 'annotation network' as const, value })),
);

/** The code (4: invalid environment, 7: invalid network config) and message each place gets. */
export const EXPECTED: Readonly<Record<Where, { code: number; msg: RegExp }>> = {
  CNI_CONTAINERID: { code: 4, msg: /invalid characters in containerID/ },
  CNI_IFNAME: { code: 4, msg: /interface name/ },
  // (`..` has no path separator: like libcni, it is looked up and not found — a directory never runs)
  'delegate type': { code: 7, msg: /invalid plugin name|failed to find plugin "\.\."/ },
  'delegate name': { code: 7, msg: /invalid characters found in network name/ },
  'NAD config name': { code: 7, msg: /invalid characters found in network name/ },
  'annotation interface': { code: 7, msg: /interface name|did not match comma-delimited format/ },
  'annotation network': { code: 7, msg: /parsePodNetworkObjectName: (Invalid network object|Failed to parse)|network-attachment-definition/ },
};

export interface HostileAdd {
  /** CNI_CONTAINERID and CNI_IFNAME (the rest of the environment is the caller's). */
  readonly containerID: string;
  readonly ifName: string;
  /** The static delegate of the Multus config. */
  readonly delegate: { name: string; cniVersion: string; type: string };
  /** The pod's networks annotation. */
  readonly annotation: string;
  /** A NAD to add first, when the case puts its name in one. */
  readonly nad?: { readonly name: string; readonly config: string };
}

/** Case `c` as the parts of one ADD; `n` keeps names unique per run. `goodNad` is a NAD of a working type. */
export function hostileAdd(c: HostileCase, n: number, goodNad: string): HostileAdd {
  const delegate = { name: 'weave1', cniVersion: '1.0.0', type: 'weave-net' };
  let annotation = goodNad;
  let nad: HostileAdd['nad'];
  if (c.where === 'delegate type') delegate.type = c.value;
  if (c.where === 'delegate name') delegate.name = c.value;
  if (c.where === 'annotation interface') annotation = JSON.stringify([{ name: goodNad, interface: c.value }]);
  if (c.where === 'annotation network') annotation = c.value;
  if (c.where === 'NAD config name') {
    nad = { name: `bad${n}`, config: JSON.stringify({ cniVersion: '1.0.0', name: c.value, type: 'mynet' }) };
    annotation = nad.name;
  }
  return {
    containerID: c.where === 'CNI_CONTAINERID' ? c.value : `c${n}`,
    ifName: c.where === 'CNI_IFNAME' ? c.value : 'eth0',
    delegate, annotation, ...(nad ? { nad } : {}),
  };
}

/** Every file under `dir` with its content (directories themselves do not count). */
export function fileSnapshot(dir: string, ignore: (rel: string) => boolean = () => false): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(dir, { recursive: true })) {
    const rel = String(e);
    if (ignore(rel)) continue;
    const p = join(dir, rel);
    if (statSync(p).isFile()) out.set(rel, readFileSync(p, 'utf8'));
  }
  return out;
}
