// A "node" for the Multus end-to-end tests: a node network namespace with a veth master for macvlan,
// pod namespaces, config files in a temp dir, and the thin plugin run as its own process inside the
// node namespace exactly as a runtime execs it (CNI env + stdin). Real Debian plugins do the work.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AfterHost } from '../support/tmp.ts';
import { createNodeNs, createPodNs, createVethPair, linksIn, podNetnsPath, runInNs, uniqueIfName, type RunResult } from '../support/netns.ts';
import { REAL_PLUGIN_DIR } from '../support/real-plugins.ts';
import { tempDir } from '../support/tmp.ts';

const MULTUS = fileURLToPath(new URL('../../src/bin/multus.ts', import.meta.url));

let subnet = 100;

export interface Node {
  readonly ns: string;
  readonly dir: string;
  readonly master: string;
  readonly cniDir: string;
  readonly confDir: string;
  readonly ipamDir: string;
  /** A fresh pod namespace. */
  pod(): string;
  /** A network config (one plugin + host-local on its own subnet), as the JSON text of a NAD's spec.config. */
  network(kind: 'bridge' | 'macvlan' | 'ptp' | 'ipvlan', name?: string): { config: string; subnet: string };
  /** The cluster network: a conflist file in the node's conf dir; returns its path. */
  clusterNetwork(): string;
  /** Run the thin plugin. */
  multus(command: string, pod: string, conf: object, opts?: { containerID?: string; args?: Record<string, string>; ifName?: string; netns?: string }): Promise<RunResult>;
}

export function makeNode(t: AfterHost): Node {
  const ns = createNodeNs(t);
  const { a: master } = createVethPair(ns);
  const dir = tempDir(t);
  const cniDir = join(dir, 'cni');
  const confDir = join(dir, 'conf');
  const ipamDir = join(dir, 'ipam');
  mkdirSync(confDir, { recursive: true });
  const nextSubnet = () => `10.${200 + (process.pid % 50)}.${subnet++ % 250}`;
  const network: Node['network'] = (kind, name) => {
    const s = nextSubnet();
    const plugin: Record<string, unknown> = { cniVersion: '1.0.0', type: kind, ipam: { type: 'host-local', subnet: `${s}.0/24`, dataDir: ipamDir } };
    if (name) plugin.name = name;
    if (kind === 'bridge') Object.assign(plugin, { bridge: uniqueIfName('mtb'), isGateway: true });
    if (kind === 'macvlan') Object.assign(plugin, { master, mode: 'bridge' });
    if (kind === 'ipvlan') Object.assign(plugin, { master, mode: 'l2' });
    return { config: JSON.stringify(plugin), subnet: s };
  };
  return {
    ns, dir, master, cniDir, confDir, ipamDir,
    pod: () => createPodNs(t),
    network,
    clusterNetwork() {
      const path = join(dir, 'net.d', '10-cluster.conflist');
      if (existsSync(path)) return path;
      const s = nextSubnet();
      mkdirSync(join(dir, 'net.d'), { recursive: true });
      writeFileSync(path, JSON.stringify({
        cniVersion: '1.0.0', name: 'cluster',
        plugins: [
          { type: 'bridge', bridge: uniqueIfName('mtc'), isGateway: true, ipam: { type: 'host-local', subnet: `${s}.0/24`, dataDir: ipamDir, routes: [{ dst: '0.0.0.0/0' }] } },
          { type: 'portmap', capabilities: { portMappings: true }, snat: true },
        ],
      }));
      return path;
    },
    multus(command, pod, conf, opts = {}) {
      const args = { IgnoreUnknown: '1', K8S_POD_NAMESPACE: 'test', K8S_POD_NAME: 'testpod', K8S_POD_INFRA_CONTAINER_ID: opts.containerID ?? 'ctr-1', ...opts.args };
      return runInNs(ns, [process.execPath, MULTUS], {
        env: {
          PATH: '/usr/sbin:/usr/bin:/sbin:/bin',
          CNI_COMMAND: command,
          CNI_CONTAINERID: opts.containerID ?? 'ctr-1',
          CNI_NETNS: opts.netns ?? podNetnsPath(pod),
          CNI_IFNAME: opts.ifName ?? 'eth0',
          CNI_ARGS: Object.entries(args).map(([k, v]) => `${k}=${v}`).join(';'),
          CNI_PATH: REAL_PLUGIN_DIR,
        },
        stdin: JSON.stringify(conf),
      });
    },
  };
}

/** The thin-plugin config the tests use: cluster network by path, our dirs, the Debian plugin dir. */
export function multusConf(node: Node, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    cniVersion: '1.0.0', name: 'multus-cni-network', type: 'multus',
    clusterNetwork: node.clusterNetwork(), cniDir: node.cniDir, confDir: node.confDir, binDir: REAL_PLUGIN_DIR,
    ...extra,
  };
}

/** Nothing of the pod is left: no link in its netns, no reservation, no cache file, no host veth. */
export function assertNothingLeaked(node: Node, pods: readonly string[]): void {
  for (const p of pods) assert.deepEqual(linksIn(p).map((l) => l.ifname), ['lo'], `links left in ${p}`);
  // host-local keeps one file per reserved address (named by it), besides `lock` and `last_reserved_ip.N`
  const isAddress = (f: string) => /^\d+\.\d+\.\d+\.\d+$/.test(f) || f.includes(':');
  const reservations = existsSync(node.ipamDir)
    ? readdirSync(node.ipamDir).flatMap((net) => readdirSync(join(node.ipamDir, net)).filter(isAddress).map((f) => `${net}/${f}`))
    : [];
  assert.deepEqual(reservations, [], 'host-local reservations left');
  const caches = existsSync(node.cniDir) ? readdirSync(node.cniDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name !== '.multus-ts-boot-id').map((e) => e.name) : [];
  // (the daemon's boot id record is not a cache)
  assert.deepEqual(caches, [], 'cache files left in cniDir');
  const veths = linksIn(node.ns).filter((l) => l.linkinfo?.info_kind === 'veth' && !l.ifname.startsWith('mva') && !l.ifname.startsWith('mvb'));
  assert.deepEqual(veths.map((l) => l.ifname), [], 'host-side veths left in the node');
}
