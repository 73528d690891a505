// The Debian containernetworking-plugins (cni.md §4) and what this machine's kernel can do with them
// (toolchain.md: no dummy, ipvlan, vlan or vrf links here). Tests that need them skip with one line
// naming the reason, so the same test runs for real wherever the capability exists.
import { existsSync } from 'node:fs';
import { createNetns, ip, removeNetns } from './netns.ts';

export const REAL_PLUGIN_DIR = '/usr/lib/cni';

/** The 16 binaries of Debian 12's containernetworking-plugins 1.1.1. */
export const REAL_PLUGIN_TYPES = [
  'bandwidth', 'bridge', 'dhcp', 'firewall', 'host-device', 'host-local', 'ipvlan', 'loopback',
  'macvlan', 'portmap', 'ptp', 'sbr', 'static', 'tuning', 'vlan', 'vrf',
] as const;

interface Skippable {
  skip(message?: string): void;
}

/** Why the real-plugin tests cannot run here, or undefined when they can. */
export function realPluginsSkipReason(): string | undefined {
  if (process.getuid?.() !== 0) return 'real CNI plugins need root (network namespaces)';
  if (!existsSync(`${REAL_PLUGIN_DIR}/bridge`)) return `${REAL_PLUGIN_DIR}/bridge is missing (apt-get install -y containernetworking-plugins)`;
  return undefined;
}

/** Skips `t` with one clear line when not root or the plugins are absent; true when skipped (then return). */
export function skipUnlessRealPlugins(t: Skippable): boolean {
  const reason = realPluginsSkipReason();
  if (reason === undefined) return false;
  t.skip(reason);
  return true;
}

// What each type needs besides `type <t>`: a parent link (a veth end, given before `type`) and
// type options (after it).
const LINK_ARGS: Readonly<Record<string, { readonly parent?: true; readonly opts?: readonly string[] }>> = {
  veth: { opts: ['peer', 'name', 'mtsprobe1'] },
  macvlan: { parent: true, opts: ['mode', 'bridge'] },
  macvtap: { parent: true },
  ipvlan: { parent: true, opts: ['mode', 'l2'] },
  ipvtap: { parent: true },
  vlan: { parent: true, opts: ['id', '10'] },
  vxlan: { opts: ['id', '42', 'dstport', '4789'] },
  vrf: { opts: ['table', '10'] },
};

const linkTypeCache = new Map<string, string | undefined>();

/**
 * Why the kernel cannot create a `type` link, or undefined when it can: tried for real in a
 * throwaway namespace (a module may be missing, or the kernel built without it).
 */
export function linkTypeSkipReason(type: string): string | undefined {
  if (linkTypeCache.has(type)) return linkTypeCache.get(type);
  let reason: string | undefined;
  const ns = createNetns();
  try {
    ip(['-n', ns, 'link', 'add', 'mtsparent', 'type', 'veth', 'peer', 'name', 'mtsparent1']);
    const spec = LINK_ARGS[type] ?? {};
    const parent = spec.parent ? ['link', 'mtsparent'] : [];
    try {
      ip(['-n', ns, 'link', 'add', ...parent, 'name', 'mtsprobe', 'type', type, ...(spec.opts ?? [])]);
    } catch (e) {
      const why = (e as Error).message.slice((e as Error).message.indexOf(': ') + 2).split('\n')[0];
      reason = `the kernel has no ${type} links (ip link add: ${why})`;
    }
  } finally {
    removeNetns(ns);
  }
  linkTypeCache.set(type, reason);
  return reason;
}

export function kernelHasLinkType(type: string): boolean {
  return linkTypeSkipReason(type) === undefined;
}
