// One containerd node for a campaign's runs in one cluster-network variant (a fresh node per run would
// spend most of the time on setup): the containerd e2e node (real containerd in a node netns and a
// private mount ns, the C shim in its bin dir, the daemon entered into containerd's namespaces), a fake
// API server reachable from the node netns (the networks come from the pod objects there, so F4 and F5
// can fault it), and what the classes need:
//   - NADs: two working networks (bridge, macvlan), `slow-net` (a bridge behind `slowbridge`, a wrapper
//     that sleeps before exec'ing the real bridge on ADD, so a fault lands while a delegate runs) and
//     `broken-net` (host-local refuses its /33 on ADD);
//   - the daemon started on a boot id of ours (MULTUS_TS_BOOT_ID), a new one after a reboot;
//   - a daemon kill that takes every process it spawned along (test/faults/env.ts does the same);
//   - a reboot: daemon and containerd SIGKILLed with all pods, netns gone, files kept, containerd back.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { AfterHost } from '../support/tmp.ts';
import { writeExecutable } from '../support/tmp.ts';
import { startFakeApiServer } from '../support/fake-apiserver/index.ts';
import { bridgeTcpIntoNetns } from '../support/netns-tcp-bridge.ts';
import { REAL_PLUGIN_DIR } from '../support/real-plugins.ts';
import { makeNode, NETWORKS_ANNOTATION, type Node } from '../containerd-e2e/harness.ts';
import { BOOT_ID_FILE } from '../../src/daemon/recovery.ts';
import { auditWith, type Audit, type AuditTarget } from '../faults/audit.ts';
import { freezeTreeKillDescendants } from '../faults/env.ts';
import type { ScenarioNode } from '../faults/classes.ts';
import { containerdLeftovers, CriRuntime, type PodRef } from './runtime.ts';

/** The cluster network: one plugin (what a `.conf` amounts to) or a chain (bridge, then tuning). */
export type Variant = 'conf' | 'conflist';
export const VARIANTS: readonly Variant[] = ['conf', 'conflist'];
export const POD_NAMESPACE = 'test';

export interface FaultNode extends ScenarioNode {
  readonly variant: Variant;
  readonly n: Node;
  readonly rt: CriRuntime;
  readonly target: AuditTarget;
  /**
   * A power cut and boot: the daemon tree and containerd with every pod SIGKILLed, the pods' netns
   * and links gone, all files on disk kept, containerd started again (the daemon is not: the caller
   * says when it comes back). `loseRecords`: containerd comes back without its sandbox records.
   */
  reboot(o?: { loseRecords?: boolean }): Promise<void>;
  /** Empties containerd's libcni result cache (of sandboxes containerd forgot). */
  dropRuntimeCache(): void;
  /** Registers a pod in the API with a networks annotation; what RunPodSandbox needs of it. */
  pod(name: string, networks: readonly string[]): PodRef;
  audit(): Promise<Audit>;
  /** Stops everything of this node now (also done after the test). */
  teardown(): Promise<void>;
}

export async function makeFaultNode(t: AfterHost, variant: Variant): Promise<FaultNode> {
  const n = await makeNode(t, { primary: variant === 'conflist' ? { chain: [{ type: 'tuning', mtu: 1400 }] } : {} });
  const slowMs = 1000;
  writeExecutable(n.binDir, 'slowbridge', `#!/bin/sh\n# a delegate slow on ADD, so faults can hit mid-ADD\n[ "$CNI_COMMAND" = ADD ] && /bin/sleep ${slowMs / 1000}\nexec ${REAL_PLUGIN_DIR}/bridge\n`);
  const slow = { ...JSON.parse(n.netConfig('bridge', 'slow-net').config) as Record<string, unknown>, type: 'slowbridge' };
  // host-local rejects a /33: the plugin fails on ADD after multus already attached what came before
  const broken = { cniVersion: '1.0.0', name: 'broken-net', type: 'ptp', ipam: { type: 'host-local', subnet: '10.254.77.0/33', dataDir: n.ipamDir } };

  const api = await startFakeApiServer();
  t.after(() => api.close());
  await bridgeTcpIntoNetns(t, n.ns, api.port);
  const kubeconfig = await api.writeKubeconfig(join(n.dir, 'kubeconfig'));
  api.createNad(POD_NAMESPACE, 'bridge-net', n.netConfig('bridge', 'bridge-net').config);
  api.createNad(POD_NAMESPACE, 'mac-net', n.netConfig('macvlan', 'mac-net').config);
  api.createNad(POD_NAMESPACE, 'slow-net', JSON.stringify(slow));
  api.createNad(POD_NAMESPACE, 'broken-net', JSON.stringify(broken));

  const rt = new CriRuntime(n.c.cri);
  const target: AuditTarget = {
    // a plugin without an explicit dataDir would reserve in containerd's /var/lib/cni/networks
    ipamDirs: [n.ipamDir, join(n.c.cniCacheDir, 'networks')],
    nodeNs: n.ns, nodeVethPrefixes: ['mva', 'mvb'], cniDir: n.cniDir,
    runtimeCacheDir: join(n.c.cniCacheDir, 'results'), cniDirIgnore: [BOOT_ID_FILE],
  };
  let boot = 1;
  // the daemon execs the delegates from the node's bin dir (the Debian plugins and slowbridge)
  const start = (newBoot = false) => {
    if (newBoot) boot++;
    return n.startDaemon({ kubeconfig, binDir: n.binDir }, { MULTUS_TS_BOOT_ID: `boot-${boot}` });
  };
  const killDaemon = async () => {
    const pid = n.daemonPid();
    if (pid === undefined) return;
    freezeTreeKillDescendants(pid);
    await n.stopDaemon('SIGKILL');
  };
  return {
    variant, n, api, rt, slowMs, target, start, killDaemon,
    running: () => n.daemonPid() !== undefined,
    async reboot(o = {}) {
      await killDaemon();
      await n.c.restart(o);
    },
    dropRuntimeCache: () => rmSync(target.runtimeCacheDir, { recursive: true, force: true }),
    pod(name, networks) {
      const uid = `uid-${name}`;
      const annotations: Record<string, string> = networks.length > 0 ? { [NETWORKS_ANNOTATION]: networks.join(',') } : {};
      api.createPod({ metadata: { name, namespace: POD_NAMESPACE, uid, annotations }, spec: { nodeName: 'n1' } });
      return { name, namespace: POD_NAMESPACE, uid, annotations };
    },
    audit: async () => auditWith(target, await containerdLeftovers(n.c)),
    teardown: () => n.teardown(),
  };
}
