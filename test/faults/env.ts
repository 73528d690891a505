// One node for a whole campaign (a fresh node per run would spend most of the time on setup): the
// real daemon (makeThick) with the fake API server, our runtime, and what the fault classes need —
//   - a plugin dir of symlinks to the Debian plugins plus `slowbridge`, a wrapper that sleeps before
//     exec'ing the real bridge on ADD, so a fault can land while a delegate is running;
//   - the daemon's cniDir on a small tmpfs of its own, so "disk full" can be made real without
//     touching any real filesystem (skipped, and said so, when tmpfs cannot be mounted);
//   - a daemon kill that behaves like a container kill: the daemon *and every process it spawned*
//     (delegates mid-flight) die at once, as a cgroup kill does. Killing only the node process would
//     leave a plugin finishing its work after the daemon is gone, which no real node does.
import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import type { AfterHost } from '../support/tmp.ts';
import { makeThick, type Thick } from '../daemon-e2e/harness.ts';
import { kubeEnv } from '../multus-e2e/kube-env.ts';
import type { FakeApiServer } from '../support/fake-apiserver/index.ts';
import { REAL_PLUGIN_DIR } from '../support/real-plugins.ts';
import { writeExecutable } from '../support/tmp.ts';
import { audit, type Audit, type AuditTarget } from './audit.ts';
import { FakeRuntime } from './runtime.ts';
import type { ScenarioNode } from './classes.ts';

export const FILLER = '.fault-filler';
const BOOT_ID_FILE = '.multus-ts-boot-id';

export interface FaultEnv extends ScenarioNode {
  readonly th: Thick;
  readonly rt: FakeRuntime;
  readonly cniDir: string;
  /** false when no tmpfs could be mounted: the disk-full class is then skipped */
  readonly tmpfs: boolean;
  /** Registers a pod in the API with a networks annotation. */
  pod(name: string, networks: string): void;
  audit(): Audit;
  target: AuditTarget;
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      // field 4 of /proc/<pid>/stat is the ppid; the comm (field 2) may contain spaces, hence lastIndexOf
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(e));
    } catch {
      // exited while we looked
    }
  }
  return out;
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/**
 * Freezes `pid` and every process below it (level by level, until no new one shows up, so none can
 * spawn more), then SIGKILLs all but `pid` itself: the caller kills that one and reaps it.
 */
export function freezeTreeKillDescendants(pid: number): void {
  const all = new Set<number>([pid]);
  signal(pid, 'SIGSTOP');
  for (let frontier = [pid]; frontier.length > 0;) {
    const next = frontier.flatMap(childrenOf).filter((p) => !all.has(p));
    for (const p of next) { signal(p, 'SIGSTOP'); all.add(p); }
    frontier = next;
  }
  for (const p of all) if (p !== pid) signal(p, 'SIGKILL');
}

function mountTmpfs(dir: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m,mode=0700', 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export async function makeFaultEnv(t: AfterHost): Promise<FaultEnv> {
  // own dir (not tempDir's): it must be unmounted before anything removes it
  const own = mkdtempSync(join(tmpdir(), 'mts-faults-'));
  const cniDir = join(own, 'cni');
  const binDir = join(own, 'bin');
  mkdirSync(cniDir);
  mkdirSync(binDir);
  const tmpfs = mountTmpfs(cniDir);
  const cleanup = () => {
    if (tmpfs) try { execFileSync('umount', ['-l', cniDir], { stdio: 'ignore' }); } catch { /* gone */ }
    rmSync(own, { recursive: true, force: true });
  };
  process.once('exit', cleanup);
  for (const p of readdirSync(REAL_PLUGIN_DIR)) symlinkSync(join(REAL_PLUGIN_DIR, p), join(binDir, p));
  const slowMs = 1000;
  writeExecutable(binDir, 'slowbridge', `#!/bin/sh\n# a delegate slow on ADD, so faults can hit mid-ADD\n[ "$CNI_COMMAND" = ADD ] && /bin/sleep ${slowMs / 1000}\nexec ${REAL_PLUGIN_DIR}/bridge\n`);

  const th = await makeThick(t, { binDir, cniDir });
  const { node } = th;
  const bridge = node.network('bridge');
  const mac = node.network('macvlan');
  const slow = JSON.parse(node.network('bridge').config) as Record<string, unknown>;
  slow.type = 'slowbridge';
  // host-local rejects a /33: the plugin fails on ADD after multus already attached what came before
  const broken = JSON.stringify({ cniVersion: '1.0.0', type: 'ptp', ipam: { type: 'host-local', subnet: '10.254.77.0/33', dataDir: node.ipamDir } });
  const { api, kubeconfig } = await kubeEnv(t as TestContext, node, {
    'bridge-net': bridge.config, 'mac-net': mac.config, 'slow-net': JSON.stringify(slow), 'broken-net': broken,
  }, {});
  writeFileSync(th.configFile, JSON.stringify({ ...JSON.parse(readFileSync(th.configFile, 'utf8')), kubeconfig }));
  t.after(async () => {
    await th.stopDaemon('SIGKILL');
    cleanup();
    process.removeListener('exit', cleanup);
  });

  const rt = new FakeRuntime(th);
  let boot = 1;
  let daemon: ChildProcess | undefined;
  const running = () => daemon !== undefined && daemon.exitCode === null && daemon.signalCode === null;
  const target: AuditTarget = {
    ipamDirs: [node.ipamDir], nodeNs: node.ns, nodeVethPrefixes: ['mva', 'mvb'], cniDir,
    runtimeCacheDir: th.runtime.cacheDir, cniDirIgnore: [BOOT_ID_FILE, FILLER],
  };
  return {
    th, api, rt, cniDir, tmpfs, slowMs, target,
    running,
    async start(newBoot = false) {
      if (newBoot) boot++;
      daemon = await th.startDaemon({ MULTUS_TS_BOOT_ID: `boot-${boot}` });
    },
    async killDaemon() {
      const d = daemon;
      if (!d?.pid || !running()) return;
      freezeTreeKillDescendants(d.pid);
      await th.stopDaemon('SIGKILL');
      daemon = undefined;
    },
    pod(name, networks) {
      api.createPod({ metadata: { name, namespace: 'test', uid: `uid-${name}`, annotations: networks ? { 'k8s.v1.cni.cncf.io/networks': networks } : {} }, spec: { nodeName: 'n1' } });
    },
    audit: () => audit(target, rt),
  };
}
