// A node for the containerd end-to-end tests: Debian's containerd (test/support/containerd) drives
// multus-ts exactly as on a Kubernetes node, through CRI RunPodSandbox/StopPodSandbox/RemovePodSandbox.
//
// Layout: a node network namespace (a veth pair in it as the macvlan master), and one temp dir with
// containerd's CNI conf dir (the primary conflist in it from the start), its CNI bin dir (symlinks to the
// Debian plugins, a copy of the C shim, a `multus` wrapper running the thin plugin), the daemon's
// config, socket, caches and log, the NADs and the status dir of the local source, and every
// host-local dataDir.
//
// The daemon runs in containerd's network AND mount namespace (`nsenter -t <containerd> -m -n`):
// containerd keeps each pod's netns file as a bind mount that exists only in its private mount
// namespace, and CNI_NETNS is that path; a daemon in any other mount namespace would find an empty
// file there and every delegate would fail to enter the pod. (A thick-plugin DaemonSet has the same
// need: it mounts the runtime's netns dir with bidirectional propagation.)
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { credentials, Client, Metadata, type MethodDefinition, type ServiceDefinition } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { instanceLeftovers, sandboxNetnsPath, startContainerd, type Containerd, type RunSandboxOptions } from '../support/containerd/index.ts';
import { findBinary } from '../support/containerd/containerd.ts';
import { createNodeNs, createVethPair, ip, podNetnsPath, removeNetns, uniqueIfName, type IpLink } from '../support/netns.ts';
import { cmdline, findPids } from '../support/containerd/procs.ts';
import { REAL_PLUGIN_DIR } from '../support/real-plugins.ts';
import { tempDir, writeExecutable, type AfterHost } from '../support/tmp.ts';
import { buildShim, SHIM } from '../shim/helper.ts';
import { BOOT_ID_FILE } from '../../src/daemon/recovery.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DAEMON = join(ROOT, 'src/bin/multus-daemon.ts');
export const THIN_PLUGIN = join(ROOT, 'src/bin/multus.ts');
export const NETWORKS_ANNOTATION = 'k8s.v1.cni.cncf.io/networks';
const PATH_ENV = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const NSENTER = findBinary('nsenter') ?? 'nsenter';

// Subnets only have to be unique inside one node namespace (each test process has its own).
let nextSubnet = 10;
const subnet = () => `10.123.${nextSubnet++}`;

export interface NetConfig {
  /** The JSON text of the config (a NAD's spec.config, or a conf file). */
  readonly config: string;
  /** The /24 it allocates from, without the last octet ("10.123.11"). */
  readonly subnet: string;
  /** Its CNI network name (host-local's dataDir subdirectory). */
  readonly name: string;
}

export interface PrimaryOptions {
  /** File name in the conf dir (default 10-cluster.conflist). */
  readonly file?: string;
  readonly name?: string;
  /** Plugins chained after the bridge (e.g. tuning, portmap). */
  readonly chain?: readonly object[];
}

export interface NodeOptions {
  /** The primary written into containerd's conf dir before it starts (default: bridge + host-local); null = none. */
  readonly primary?: PrimaryOptions | null;
}

export interface Primary extends NetConfig {
  readonly path: string;
}

export interface LoadedNetwork {
  readonly name: string;
  /** Each plugin's config as containerd parsed it. */
  readonly plugins: readonly Record<string, unknown>[];
}

export interface Pod {
  readonly id: string;
  readonly netns: string;
  readonly name: string;
  readonly namespace: string;
  readonly uid: string;
}

export interface Node {
  readonly dir: string;
  readonly ns: string;
  readonly master: string;
  readonly c: Containerd;
  readonly confDir: string;
  readonly binDir: string;
  readonly ipamDir: string;
  readonly cniDir: string;
  readonly socketDir: string;
  readonly nadDir: string;
  readonly statusDir: string;
  readonly daemonConfigFile: string;
  /** The primary written at start, if any. */
  readonly primary?: Primary;
  /** A bridge + host-local conflist (plus `chain`) in the conf dir; returns what it allocates. */
  writePrimary(o?: PrimaryOptions, dir?: string): Primary;
  /** A single-plugin network config with host-local on its own subnet. */
  netConfig(kind: 'bridge' | 'macvlan', name: string, ipam?: Record<string, unknown>): NetConfig;
  /** Writes a NAD file (JSON) for the local source. */
  writeNad(namespace: string, name: string, config: string): void;
  /**
   * Starts the daemon with the base config plus `extra` (and `env` added to its environment); resolves
   * once containerd has loaded its 00-multus.conf.
   */
  startDaemon(extra?: Record<string, unknown>, env?: Record<string, string>): Promise<void>;
  stopDaemon(signal?: NodeJS.Signals): Promise<void>;
  /** The running daemon's pid (the node process: nsenter execs it), undefined when none runs. */
  daemonPid(): number | undefined;
  daemonLog(): string;
  /** The network containerd uses for pods now (CRI Status, verbose). */
  loadedNetwork(): Promise<LoadedNetwork | undefined>;
  /** Waits until containerd's loaded network satisfies `pred` (conf dir changes are picked up asynchronously). */
  waitForLoaded(what: string, pred: (n: LoadedNetwork | undefined) => boolean, ms?: number): Promise<LoadedNetwork | undefined>;
  runPod(name: string, o?: Omit<RunSandboxOptions, 'name'>): Promise<Pod>;
  stopAndRemove(pod: Pod): Promise<void>;
  /** The addresses host-local has reserved for `network` (in the shared dataDir). */
  reserved(network: string): string[];
  /** Everything a pod could leave behind, one line each; empty when clean. */
  leftovers(): Promise<string[]>;
  /** Tears down containerd (Stop/Remove of what is left, through the daemon), the daemon, the namespace, the dir. */
  teardown(): Promise<void>;
  /** After teardown: whatever of the node still exists (processes, cgroups, dirs, namespace). */
  teardownLeftovers(): string[];
}

/** host-local keeps one file per reserved address, besides `lock` and `last_reserved_ip.N`. */
const isAddress = (f: string) => /^\d+\.\d+\.\d+\.\d+$/.test(f) || f.includes(':');

function reservationsUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((net) => {
    try {
      return readdirSync(join(dir, net)).filter(isAddress).map((f) => `${net}/${f}`);
    } catch {
      return [];
    }
  });
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => !e.isDirectory()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

// ---- CRI Status (which CNI config containerd has loaded) ------------------------------------------

const statusService = loadSync(fileURLToPath(new URL('../support/containerd/cri.proto', import.meta.url)), { keepCase: true, defaults: true })['runtime.v1.RuntimeService'] as ServiceDefinition;
const statusMethod = statusService.Status as MethodDefinition<object, { info: Record<string, string> }>;

interface CniConfigInfo {
  Networks?: { Config?: { Name?: string; Plugins?: { Source?: string }[] }; IFName?: string }[];
}

async function loadedNetworkOf(client: Client): Promise<LoadedNetwork | undefined> {
  const res = await new Promise<{ info: Record<string, string> }>((resolve, reject) => {
    client.makeUnaryRequest(statusMethod.path, statusMethod.requestSerialize, statusMethod.responseDeserialize, { verbose: true }, new Metadata(),
      { deadline: Date.now() + 5000 }, (e, r) => (e ? reject(e) : resolve(r!)));
  });
  const info = JSON.parse(res.info.cniconfig ?? '{}') as CniConfigInfo;
  // Networks[0] is containerd's own loopback; the conf dir's network (max_conf_num = 1) follows on eth0
  const net = info.Networks?.find((n) => n.IFName === 'eth0')?.Config;
  if (!net) return undefined;
  return { name: net.Name ?? '', plugins: (net.Plugins ?? []).map((p) => JSON.parse(p.Source ?? '{}') as Record<string, unknown>) };
}

/** True when the daemon on `socketPath` answers GET /readyz with 200. */
function readyz(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/readyz', method: 'GET', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

// ---- the node --------------------------------------------------------------------------------------

export async function makeNode(t: AfterHost, opts: NodeOptions = {}): Promise<Node> {
  const skip = buildShim();
  if (skip) throw new Error(skip);
  const dir = tempDir(undefined, 'mts-ce2e-');
  const ns = createNodeNs();
  const { a: master } = createVethPair(ns);
  const confDir = join(dir, 'net.d');
  const binDir = join(dir, 'bin');
  const ipamDir = join(dir, 'ipam');
  const cniDir = join(dir, 'cni');
  const socketDir = join(dir, 'run');
  const nadDir = join(dir, 'nads');
  const statusDir = join(dir, 'status');
  const multusConfDir = join(dir, 'multus.d');
  for (const d of [confDir, binDir, nadDir, multusConfDir]) mkdirSync(d, { recursive: true });
  const daemonConfigFile = join(dir, 'daemon-config.json');
  const logFile = join(dir, 'daemon.log');

  // containerd's bin dir: the Debian plugins, the shim as the installer would copy it, the thin plugin
  for (const p of readdirSync(REAL_PLUGIN_DIR)) symlinkSync(join(REAL_PLUGIN_DIR, p), join(binDir, p));
  copyFileSync(SHIM, join(binDir, 'multus-shim'));
  writeExecutable(binDir, 'multus', `#!/bin/sh\nexec ${process.execPath} ${THIN_PLUGIN} "$@"\n`);

  const writePrimary = (o: PrimaryOptions = {}, into = confDir): Primary => {
    const s = subnet();
    const name = o.name ?? 'cluster';
    const path = join(into, o.file ?? '10-cluster.conflist');
    const config = JSON.stringify({
      cniVersion: '1.0.0', name,
      plugins: [
        { type: 'bridge', bridge: uniqueIfName('mtc'), isGateway: true, ipam: { type: 'host-local', subnet: `${s}.0/24`, dataDir: ipamDir, routes: [{ dst: '0.0.0.0/0' }] } },
        ...(o.chain ?? []),
      ],
    }, null, 2);
    writeFileSync(path, config);
    return { config, subnet: s, name, path };
  };
  const primary = opts.primary === null ? undefined : writePrimary(opts.primary ?? {});

  let started: Containerd | undefined;
  let daemon: ChildProcess | undefined;
  let daemonStderr = '';
  let statusClient: Client | undefined;
  let tornDown: Promise<void> | undefined;

  const stopDaemon = async (signal: NodeJS.Signals = 'SIGTERM') => {
    const d = daemon;
    daemon = undefined;
    if (!d || d.exitCode !== null || d.signalCode !== null) return;
    const exited = new Promise<void>((r) => d.once('exit', () => r()));
    d.kill(signal);
    await exited;
  };

  const teardown = () => {
    tornDown ??= (async () => {
      // order matters: containerd first, while the daemon still answers the DELs of its Stop/Remove
      // sweep; then the daemon (it holds containerd's mount namespace); then namespace and files
      statusClient?.close();
      await started?.stop();
      await stopDaemon('SIGKILL');
      removeNetns(ns);
      rmSync(dir, { recursive: true, force: true });
    })();
    return tornDown;
  };
  t.after(teardown);

  const c = await startContainerd(undefined, { nodeNs: ns, cniConfDir: confDir, cniBinDir: binDir });
  started = c;
  const status = new Client(`unix:${c.socket}`, credentials.createInsecure());
  statusClient = status;
  const loadedNetwork = () => loadedNetworkOf(status);
  const waitForLoaded = async (what: string, pred: (n: LoadedNetwork | undefined) => boolean, ms = 5000) => {
    const deadline = Date.now() + ms;
    for (;;) {
      const n = await loadedNetwork();
      if (pred(n)) return n;
      if (Date.now() > deadline) throw new Error(`containerd did not load ${what} within ${ms} ms; it has ${JSON.stringify(n)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  const baseDaemonConfig = {
    cniVersion: '1.0.0', cniConfigDir: confDir, multusAutoconfigDir: confDir, socketDir, daemonSocketDir: socketDir,
    cniDir, confDir: multusConfDir, binDir: REAL_PLUGIN_DIR, logLevel: 'verbose', logFile, metricsAddress: '',
  };

  const startDaemon = async (extra: Record<string, unknown> = {}, env: Record<string, string> = {}) => {
    writeFileSync(daemonConfigFile, JSON.stringify({ ...baseDaemonConfig, ...extra }, null, 2));
    const d = spawn(NSENTER, ['-t', String(c.pid), '-m', '-n', process.execPath, DAEMON, '-config', daemonConfigFile], {
      stdio: ['ignore', 'ignore', 'pipe'], env: { ...env, PATH: PATH_ENV, MULTUS_NODE_NAME: 'n1' },
    });
    daemonStderr = '';
    d.stderr?.on('data', (b: Buffer) => (daemonStderr += b));
    daemon = d;
    // a test process that dies mid-way must not leave a daemon behind
    const reap = () => d.kill('SIGKILL');
    process.once('exit', reap);
    d.once('exit', () => process.removeListener('exit', reap));
    // ready = /readyz answers 200 on the socket (after a SIGKILL the old socket file is still there, so
    // its existence proves nothing) and 00-multus.conf exists
    const sock = join(socketDir, 'multus.sock');
    const conf = join(confDir, '00-multus.conf');
    const deadline = Date.now() + 20_000;
    while (!(existsSync(conf) && (await readyz(sock)))) {
      if (d.exitCode !== null || d.signalCode !== null) throw new Error(`multus-daemon exited (${d.exitCode ?? d.signalCode}): ${daemonStderr}`);
      if (Date.now() > deadline) throw new Error(`multus-daemon did not come up: ${daemonStderr}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    // containerd picks conf dir changes up asynchronously: a pod run before that would get the bare primary
    const written = JSON.parse(readFileSync(conf, 'utf8')) as { clusterNetwork?: string };
    await waitForLoaded('00-multus.conf', (n) => n?.plugins[0]?.type === 'multus-shim' && n.plugins[0].clusterNetwork === written.clusterNetwork);
  };

  const netConfig: Node['netConfig'] = (kind, name, ipam = {}) => {
    const s = subnet();
    const plugin: Record<string, unknown> = { cniVersion: '1.0.0', name, type: kind, ipam: { type: 'host-local', subnet: `${s}.0/24`, dataDir: ipamDir, ...ipam } };
    if (kind === 'bridge') Object.assign(plugin, { bridge: uniqueIfName('mtb'), isGateway: false });
    if (kind === 'macvlan') Object.assign(plugin, { master, mode: 'bridge' });
    return { config: JSON.stringify(plugin), subnet: s, name };
  };

  const writeNad = (namespace: string, name: string, config: string) => {
    writeFileSync(join(nadDir, `${namespace}-${name}.json`), JSON.stringify({
      apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', metadata: { name, namespace }, spec: { config },
    }, null, 2));
  };

  const runPod: Node['runPod'] = async (name, o = {}) => {
    const namespace = o.namespace ?? 'default';
    const uid = o.uid ?? `uid-${namespace}-${name}`;
    const id = await c.cri.runPodSandbox({ ...o, name, namespace, uid });
    return { id, netns: await sandboxNetnsPath(c, id), name, namespace, uid };
  };

  const leftovers = async (): Promise<string[]> => {
    const out: string[] = [];
    for (const s of await c.cri.listPodSandbox()) out.push(`sandbox ${s.metadata.namespace}/${s.metadata.name} ${s.state}`);
    for (const r of reservationsUnder(ipamDir)) out.push(`host-local reservation ${r}`);
    // a plugin run without an explicit dataDir would reserve in containerd's /var/lib/cni/networks
    for (const r of reservationsUnder(join(c.cniCacheDir, 'networks'))) out.push(`host-local reservation (containerd's /var/lib/cni) ${r}`);
    // the boot id the daemon records for reboot recovery (in the background after start, through an
    // atomic write's temp file) is its own state, not a pod's
    for (const f of filesUnder(cniDir).filter((f) => !f.includes(BOOT_ID_FILE))) out.push(`delegate cache ${f}`);
    for (const f of filesUnder(join(c.cniCacheDir, 'results'))) out.push(`libcni cache ${f}`);
    const netnsDir = c.hostView(join(c.stateDir, 'io.containerd.grpc.v1.cri', 'netns'));
    if (existsSync(netnsDir)) for (const f of readdirSync(netnsDir)) out.push(`pod netns ${f}`);
    // host ends of the pods' veths (bridge plugin); the macvlan master pair is ours
    const links = JSON.parse(ip(['-n', ns, '-j', '-d', 'link', 'show'])) as IpLink[];
    for (const l of links) if (l.linkinfo?.info_kind === 'veth' && !l.ifname.startsWith('mva') && !l.ifname.startsWith('mvb')) out.push(`node link ${l.ifname}`);
    return out;
  };

  return {
    dir, ns, master, c,
    confDir, binDir, ipamDir, cniDir, socketDir, nadDir, statusDir, daemonConfigFile,
    ...(primary ? { primary } : {}),
    writePrimary, netConfig, writeNad, startDaemon, stopDaemon,
    daemonPid: () => (daemon && daemon.exitCode === null && daemon.signalCode === null ? daemon.pid : undefined),
    daemonLog: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
    loadedNetwork, waitForLoaded, runPod,
    async stopAndRemove(pod) {
      await c.cri.stopPodSandbox(pod.id);
      await c.cri.removePodSandbox(pod.id);
    },
    reserved: (network) => reservationsUnder(ipamDir).filter((r) => r.startsWith(`${network}/`)).map((r) => r.slice(network.length + 1)),
    leftovers,
    teardown,
    teardownLeftovers: () => [
      ...instanceLeftovers(c),
      ...findPids((argv) => argv.some((a) => a.includes(dir))).map((pid) => `process ${pid}: ${(cmdline(pid) ?? []).join(' ')}`),
      ...(existsSync(dir) ? [`dir ${dir}`] : []),
      ...(existsSync(podNetnsPath(ns)) ? [`netns ${ns}`] : []),
    ],
  };
}

/** The names of the pod's links, sorted. */
export function linkNames(links: readonly IpLink[]): string[] {
  return links.map((l) => l.ifname).sort();
}

/** The two-network annotation every scenario uses. */
export const TWO_NETWORKS = { [NETWORKS_ANNOTATION]: 'bridge-net,macvlan-net' };
