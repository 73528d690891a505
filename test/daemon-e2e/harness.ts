// Thick mode end to end: the real daemon process inside a throwaway node namespace (plugins create
// their links there), the real C shim exec'd by our libcni exactly as containerd's libcni does (the
// shim only needs the socket, a file, so it runs from the test's namespace), the fake API server
// reachable from the node namespace, the Debian plugins doing the work.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AfterHost } from '../support/tmp.ts';
import { loadConfList } from '../../src/cni/config/index.ts';
import { ProcessExec } from '../../src/cni/exec/index.ts';
import { addNetworkList, delNetworkList, type RuntimeConf, type RuntimeContext } from '../../src/cni/runtime/index.ts';
import type { CniResult } from '../../src/cni/result/index.ts';
import { IP_BIN, podNetnsPath } from '../support/netns.ts';
import { REAL_PLUGIN_DIR } from '../support/real-plugins.ts';
import { buildShim, SHIM } from '../shim/helper.ts';
import { makeNode, type Node } from '../multus-e2e/harness.ts';

const DAEMON = fileURLToPath(new URL('../../src/bin/multus-daemon.ts', import.meta.url));

export interface Thick {
  readonly node: Node;
  readonly netd: string;
  readonly socketDir: string;
  readonly configFile: string;
  readonly shimDir: string;
  readonly runtime: RuntimeContext;
  startDaemon(env?: Record<string, string>): Promise<ChildProcess>;
  stopDaemon(signal?: NodeJS.Signals): Promise<void>;
  /** ADD as containerd's libcni does it: 00-multus.conf, CNI_ARGS, the pod-annotations capability arg. */
  add(pod: string, containerID: string, name?: string, annotations?: Record<string, string>, namespace?: string): Promise<CniResult>;
  del(pod: string, containerID: string, name?: string, annotations?: Record<string, string>, namespace?: string): Promise<void>;
  rt(pod: string, containerID: string, name?: string, annotations?: Record<string, string>, namespace?: string): RuntimeConf;
  log(): string;
}

export async function makeThick(t: AfterHost, daemonConfig: Record<string, unknown>): Promise<Thick> {
  const node = makeNode(t);
  const netd = join(node.dir, 'net.d');
  const socketDir = join(node.dir, 'run');
  mkdirSync(netd, { recursive: true });
  node.clusterNetwork(); // writes net.d/10-cluster.conflist: the primary
  const configFile = join(node.dir, 'daemon-config.json');
  const logFile = join(node.dir, 'daemon.log');
  writeFileSync(configFile, JSON.stringify({
    cniVersion: '1.0.0', cniConfigDir: netd, multusAutoconfigDir: netd, socketDir, cniDir: node.cniDir, confDir: node.confDir,
    binDir: REAL_PLUGIN_DIR, logLevel: 'verbose', logFile, metricsAddress: '', daemonSocketDir: socketDir, ...daemonConfig,
  }));
  const skip = buildShim();
  if (skip) throw new Error(skip);
  // the runtime's CNI bin dir holds the shim, as the install step puts it there
  const shimDir = join(node.dir, 'shim-bin');
  mkdirSync(shimDir);
  writeFileSync(join(shimDir, 'multus-shim'), readFileSync(SHIM), { mode: 0o755 });
  const runtime: RuntimeContext = Object.freeze({ paths: [shimDir], cacheDir: join(node.dir, 'runtime-cache'), exec: new ProcessExec(), baseEnv: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' } });
  let daemon: ChildProcess | undefined;

  const stopDaemon = async (signal: NodeJS.Signals = 'SIGTERM') => {
    const d = daemon;
    if (!d || d.exitCode !== null || d.signalCode !== null) return;
    const exited = new Promise<void>((r) => d.once('exit', () => r()));
    d.kill(signal);
    await exited;
    daemon = undefined;
  };
  t.after(() => stopDaemon('SIGKILL'));

  const startDaemon = async (extraEnv: Record<string, string> = {}) => {
    const d = spawn(IP_BIN, ['netns', 'exec', node.ns, process.execPath, DAEMON, '-config', configFile], {
      stdio: ['ignore', 'ignore', 'pipe'], env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', MULTUS_NODE_NAME: 'n1', ...extraEnv },
    });
    let stderr = '';
    d.stderr?.on('data', (b: Buffer) => (stderr += b));
    daemon = d;
    // a test runner (or demo) killed mid-way must not leave a daemon behind
    const reap = () => d.kill('SIGKILL');
    process.once('exit', reap);
    d.once('exit', () => process.removeListener('exit', reap));
    const sock = join(socketDir, 'multus.sock');
    const deadline = Date.now() + 20_000;
    while (!(existsSync(sock) && existsSync(join(netd, '00-multus.conf')))) {
      if (d.exitCode !== null) throw new Error(`multus-daemon exited ${d.exitCode}: ${stderr}`);
      if (Date.now() > deadline) throw new Error(`multus-daemon did not come up: ${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return d;
  };

  const rt = (pod: string, containerID: string, name = 'testpod', annotations?: Record<string, string>, namespace = 'test'): RuntimeConf => ({
    containerID, netNS: podNetnsPath(pod), ifName: 'eth0',
    args: [['IgnoreUnknown', '1'], ['K8S_POD_NAMESPACE', namespace], ['K8S_POD_NAME', name], ['K8S_POD_INFRA_CONTAINER_ID', containerID], ['K8S_POD_UID', name === 'testpod' ? 'uid-1' : `uid-${name}`]],
    ...(annotations ? { capabilityArgs: { 'io.kubernetes.cri.pod-annotations': annotations } } : {}),
  });
  return {
    node, netd, socketDir, configFile, shimDir, runtime, startDaemon, stopDaemon, rt,
    async add(pod, cid, name, annotations, namespace) {
      return addNetworkList(runtime, await loadConfList(netd, 'multus-cni-network'), rt(pod, cid, name, annotations, namespace));
    },
    async del(pod, cid, name, annotations, namespace) {
      await delNetworkList(runtime, await loadConfList(netd, 'multus-cni-network'), rt(pod, cid, name, annotations, namespace));
    },
    log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
  };
}
