// Debian's containerd as the CNI runtime of a test, isolated from the host (containerd.md): in a
// throwaway "node" network namespace (lo up: the CRI streaming server binds 127.0.0.1) and a private
// mount namespace where a tmpfs covers /run/containerd (1.6 hard-codes its shim sockets there) and the
// test's CNI cache is bound over /var/lib/cni (host-local reservations, libcni's result cache). Root,
// state, sockets and opt dir live in `mts-ctrd-<pid>-XXXXXX` under the temp dir, whose name is also
// the pods' cgroup parent: so teardown after a crash (and the sweep after a SIGKILL) can find every
// process, cgroup and file of an instance by name, and never touches anyone else's.
//
// `ip netns exec` is not used to launch it: it remounts /sys, the cgroup mounts vanish and runc fails.
import { execFile, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import type { AfterHost } from '../tmp.ts';
import { createNodeNs, ip, podNetnsPath, removeNetns, sweepStaleNetns } from '../netns.ts';
import { REAL_PLUGIN_DIR } from '../real-plugins.ts';
import { cgroupDirs, removeCgroupTrees } from './cgroups.ts';
import { containerdConfigToml } from './config.ts';
import { CriClient } from './cri-client.ts';
import { ensureHostMountPoints, releaseHostMountPoints, withHostLock } from './mountpoints.ts';
import { pauseImage, sweepStalePauseDirs, type PauseImage } from './pause-image.ts';
import { cmdline, findPids, pidLive, terminateSync } from './procs.ts';

const execFileP = promisify(execFile);

export const INSTANCE_PREFIX = 'mts-ctrd-';
const INSTANCE_RE = /^mts-ctrd-(\d+)-[A-Za-z0-9]{6}$/;
const SEARCH_PATH = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
/** The environment containerd (and through it the shims, runc and the CNI plugins) gets. */
const CHILD_ENV = { PATH: SEARCH_PATH.join(':') };
const SHIM = 'containerd-shim-runc-v2';

export function findBinary(name: string): string | undefined {
  return SEARCH_PATH.map((d) => join(d, name)).find((p) => existsSync(p));
}

// ---- skipping -------------------------------------------------------------------------------------

/** Why real containerd cannot run here, or undefined when it can. */
export function containerdSkipReason(): string | undefined {
  if (process.getuid?.() !== 0) return 'containerd tests need root (namespaces, mounts, cgroups)';
  const missing = ['containerd', 'ctr', SHIM, 'runc', 'nsenter', 'unshare'].filter((b) => !findBinary(b));
  if (missing.length) return `containerd tests need ${missing.join(', ')} (apt-get install -y containerd runc)`;
  if (!findBinary('gcc')) return 'containerd tests need gcc to build the pause image (apt-get install -y gcc libc6-dev)';
  return undefined;
}

/** Skips `t` with one clear line when containerd cannot run here; true when skipped (then return). */
export function skipUnlessContainerd(t: { skip(message?: string): void }): boolean {
  const reason = containerdSkipReason();
  if (reason === undefined) return false;
  t.skip(reason);
  return true;
}

// ---- what an instance is made of, enough to tear it down without the process that made it ---------

interface InstanceRecord {
  readonly dir: string;
  readonly socket: string;
  readonly configPath: string;
  readonly rootDir: string;
  /** The pods' cgroup parent: the instance dir's name. */
  readonly cgroupParent: string;
  /** The node namespace, when this instance created it (deleted with it). */
  ownNodeNs?: string;
  pid?: number;
  done: boolean;
}

function recordFor(dir: string): InstanceRecord {
  return {
    dir, socket: join(dir, 'containerd.sock'), configPath: join(dir, 'config.toml'), rootDir: join(dir, 'root'),
    cgroupParent: basename(dir), done: false,
  };
}

/** Other instances still running (their dir exists and their creator lives): they need the mount points. */
function otherInstancesLive(exceptDir: string): boolean {
  return readdirSync(tmpdir()).some((name) => {
    const m = INSTANCE_RE.exec(name);
    if (!m || join(tmpdir(), name) === exceptDir) return false;
    return Number(m[1]) === process.pid || pidLive(Number(m[1]));
  });
}

function sandboxIdsOf(rec: InstanceRecord): string[] {
  try {
    return readdirSync(join(rec.rootDir, 'io.containerd.grpc.v1.cri', 'sandboxes'));
  } catch {
    return [];
  }
}

function podCgroups(rec: InstanceRecord): string[] {
  // ours by parent name; plus the runtime's default /k8s.io/<id> for any sandbox run without a parent
  return [...cgroupDirs(rec.cgroupParent), ...sandboxIdsOf(rec).flatMap((id) => cgroupDirs(`k8s.io/${id}`))];
}

/** containerd (`sig`, SIGKILL after a grace), the pods' processes and cgroups, the shims naming our socket. */
function killInstance(rec: InstanceRecord, sig: 'SIGTERM' | 'SIGKILL'): void {
  const daemons = findPids((argv) => argv.includes(rec.configPath));
  terminateSync(daemons, sig, 3000);
  // the pause processes first, while their shims still live to reap them
  removeCgroupTrees(podCgroups(rec));
  const shims = findPids((argv) => basename(argv[0] ?? '') === SHIM && argv.some((a) => a === rec.socket || a.startsWith(`${rec.dir}/`)));
  terminateSync(shims, 'SIGKILL');
  removeCgroupTrees(podCgroups(rec)); // anything a dying shim started meanwhile
}

/**
 * Tears an instance down, synchronously (so it also runs in an 'exit' handler): containerd by PID
 * (SIGTERM, SIGKILL after a grace), the pods' processes and cgroups, the shims whose command line
 * names our socket, the node namespace if ours, the dir, and the host mount points if we were last.
 */
function teardownSync(rec: InstanceRecord): void {
  if (rec.done) return;
  rec.done = true;
  // containerd (or, early on, the nsenter/unshare/sh that becomes it): its argv names our config
  // (found by command line rather than rec.pid alone: after a SIGKILLed creator only the name is known,
  // and a recycled pid must never be hit)
  killInstance(rec, 'SIGTERM');
  if (rec.ownNodeNs) removeNetns(rec.ownNodeNs);
  rmSync(rec.dir, { recursive: true, force: true });
  live.delete(rec.dir);
  try {
    withHostLock(() => releaseHostMountPoints(otherInstancesLive(rec.dir)));
  } catch {
    // lock unobtainable: leaving two empty directories is harmless, detaching another's mounts is not
  }
}

// ---- registry, exit hooks, stale sweep ------------------------------------------------------------

const live = new Map<string, InstanceRecord>();
let hooksInstalled = false;
let swept = false;

/** Tears down every instance this process started and has not stopped (synchronous: exit-safe). */
export function teardownAllContainerd(): void {
  for (const rec of [...live.values()]) teardownSync(rec);
}

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', teardownAllContainerd);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      teardownAllContainerd();
      // with no other listener left, die of the signal as we would have without this hook
      if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
    });
  }
}

/** Instance dirs (`mts-ctrd-<pid>-…`) of any process, full paths. */
export function listInstanceDirs(): string[] {
  return readdirSync(tmpdir()).filter((n) => INSTANCE_RE.test(n)).map((n) => join(tmpdir(), n));
}

/**
 * Tears down instances whose creating process died without cleaning up (SIGKILL): their containerd,
 * shims, pods, cgroups, node namespace, dir. Returns the dirs swept. Run by the first start of a process.
 */
export function sweepStaleContainerd(): string[] {
  const swept: string[] = [];
  for (const dir of listInstanceDirs()) {
    const pid = Number(INSTANCE_RE.exec(basename(dir))![1]);
    if (pid === process.pid || pidLive(pid)) continue;
    const rec = recordFor(dir);
    try {
      const ns = readFileSync(join(dir, 'node-ns'), 'utf8').trim();
      if (ns) rec.ownNodeNs = ns;
    } catch {
      // the node namespace was the caller's
    }
    teardownSync(rec);
    swept.push(dir);
  }
  sweepStaleNetns();
  sweepStalePauseDirs(pidLive);
  return swept;
}

/** What identifies an instance's leftovers; a Containerd has all of it. */
export interface InstanceIdentity {
  readonly dir: string;
  readonly cgroupParent: string;
  readonly nodeNs?: string;
  readonly ownsNodeNs?: boolean;
}

/**
 * What is left of an instance, one line each (empty when nothing): processes whose command line names
 * its dir (containerd, shims), its cgroups, its dir, its node namespace if it owned one.
 */
export function instanceLeftovers(id: InstanceIdentity): string[] {
  const out: string[] = [];
  for (const pid of findPids((argv) => argv.some((a) => a.includes(id.dir)))) out.push(`process ${pid}: ${(cmdline(pid) ?? []).join(' ')}`);
  for (const d of cgroupDirs(id.cgroupParent)) out.push(`cgroup ${d}`);
  if (existsSync(id.dir)) out.push(`dir ${id.dir}`);
  if (id.nodeNs && id.ownsNodeNs && existsSync(podNetnsPath(id.nodeNs))) out.push(`netns ${id.nodeNs}`);
  return out;
}

// ---- starting -------------------------------------------------------------------------------------

export interface StartContainerdOptions {
  /** The node namespace to run in (the caller's, not deleted); default: a new one, deleted at teardown. */
  readonly nodeNs?: string;
  /** CNI conf dir (default: `<dir>/net.d`, created empty). */
  readonly cniConfDir?: string;
  /**
   * Files to write into the conf dir before containerd starts (name → text, or an object written as
   * JSON): the network is then there from its first CRI call, no waiting for its conf dir watcher.
   */
  readonly cniConfFiles?: Readonly<Record<string, string | object>>;
  /** CNI bin dir (default: the Debian plugins, /usr/lib/cni). */
  readonly cniBinDir?: string;
  /** How long containerd may take to answer CRI Version (default 20 s). */
  readonly readyTimeoutMs?: number;
}

export interface Containerd {
  readonly dir: string;
  /** containerd's PID (on the host: PID namespaces are not changed). */
  readonly pid: number;
  readonly nodeNs: string;
  /** Whether nodeNs was made for this instance (and is deleted with it). */
  readonly ownsNodeNs: boolean;
  readonly socket: string;
  readonly rootDir: string;
  readonly stateDir: string;
  readonly cniConfDir: string;
  readonly cniBinDir: string;
  /** What containerd and its plugins see as /var/lib/cni (host-local: networks/, libcni: results/). */
  readonly cniCacheDir: string;
  readonly cgroupParent: string;
  readonly image: PauseImage;
  /** A CRI client on our socket whose RunPodSandbox uses our cgroup parent. */
  readonly cri: CriClient;
  /** A path as containerd's mount namespace sees it, reachable from ours (the pod netns files are mounts only there). */
  hostView(path: string): string;
  /** `ctr -a <socket> -n k8s.io <args>`; rejects with ctr's stderr. */
  ctr(args: readonly string[]): Promise<string>;
  /** containerd's log so far (stdout and stderr). */
  log(): string;
  /** Stops and removes remaining sandboxes (unless graceful: false), then tears everything down. Idempotent. */
  stop(opts?: { graceful?: boolean }): Promise<void>;
  /**
   * A power cut: SIGKILL of containerd, its shims and the pods' processes (their cgroups removed).
   * Whatever else runs in containerd's mount namespace (a daemon entered with nsenter) must be killed
   * by its owner too, or the pod netns mounts outlive the "reboot".
   */
  crash(): void;
  /**
   * A reboot: crash(), the state dir emptied (it is /run, a tmpfs, on a node), then containerd started
   * again on the same config, root and CNI cache; the sandboxes come back NOTREADY without netns.
   * `loseRecords` also empties the root (a runtime that forgot its sandboxes; the image is imported again).
   */
  restart(opts?: { loseRecords?: boolean }): Promise<void>;
}

function logTail(path: string, lines = 30): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export async function startContainerd(t: AfterHost | undefined, opts: StartContainerdOptions = {}): Promise<Containerd> {
  const skip = containerdSkipReason();
  if (skip) throw new Error(skip);
  if (!swept) {
    swept = true;
    sweepStaleContainerd();
  }
  installHooks();
  // Registered before anything exists, so a failure (or signal) at any later step still cleans up.
  const dir = mkdtempSync(join(tmpdir(), `${INSTANCE_PREFIX}${process.pid}-`));
  const rec = recordFor(dir);
  live.set(dir, rec);
  const cri = new CriClient(rec.socket, { cgroupParent: `/${rec.cgroupParent}` });
  const logPath = join(dir, 'containerd.log');
  let stopping: Promise<void> | undefined;

  const stop = (o: { graceful?: boolean } = {}): Promise<void> => {
    stopping ??= (async () => {
      if (o.graceful !== false && rec.pid !== undefined && pidLive(rec.pid)) await removeAllSandboxes(cri);
      cri.close();
      teardownSync(rec);
    })();
    return stopping;
  };
  t?.after(() => stop());

  try {
    const nodeNs = opts.nodeNs ?? createNodeNs();
    if (opts.nodeNs) ip(['-n', nodeNs, 'link', 'set', 'lo', 'up']);
    else {
      rec.ownNodeNs = nodeNs;
      writeFileSync(join(dir, 'node-ns'), nodeNs); // for the sweep, should we be SIGKILLed
    }
    const stateDir = join(dir, 'state');
    const cniCacheDir = join(dir, 'cnicache');
    const cniConfDir = opts.cniConfDir ?? join(dir, 'net.d');
    const cniBinDir = opts.cniBinDir ?? REAL_PLUGIN_DIR;
    for (const d of [rec.rootDir, stateDir, join(dir, 'opt'), cniCacheDir, cniConfDir]) mkdirSync(d, { recursive: true });
    for (const [name, body] of Object.entries(opts.cniConfFiles ?? {})) {
      writeFileSync(join(cniConfDir, name), typeof body === 'string' ? body : JSON.stringify(body, null, 2));
    }
    const image = pauseImage();
    writeFileSync(rec.configPath, containerdConfigToml({
      root: rec.rootDir, state: stateDir, socket: rec.socket, ttrpcSocket: `${rec.socket}.ttrpc`, opt: join(dir, 'opt'),
      cniConfDir, cniBinDir, sandboxImage: image.ref,
    }));
    withHostLock(ensureHostMountPoints);

    const launch = async (): Promise<void> => {
      const script = 'mount -t tmpfs -o mode=0711 mts-containerd /run/containerd && mount --bind "$1" /var/lib/cni && exec containerd --config "$2"';
      const logFd = openSync(logPath, 'a');
      const child = spawn(findBinary('nsenter')!, [`--net=${podNetnsPath(nodeNs)}`, findBinary('unshare')!, '-m', '--propagation', 'private', 'sh', '-c', script, 'sh', cniCacheDir, rec.configPath], {
        stdio: ['ignore', logFd, logFd], env: CHILD_ENV,
        // its own process group: a terminal's ^C reaches us, and we stop it in order
        detached: true,
      });
      closeSync(logFd);
      // an un-stopped instance must not keep the test process alive: the exit hook tears it down
      child.unref();
      if (child.pid === undefined) throw new Error('could not spawn nsenter for containerd');
      rec.pid = child.pid;
      let exited: string | undefined;
      child.once('exit', (code, sig) => (exited = `exited (${sig ?? code})`));
      child.once('error', (e) => (exited = `failed to start: ${e.message}`));

      // ready = the CRI service answers (it is not yet initialized for a moment after the socket appears)
      const deadline = Date.now() + (opts.readyTimeoutMs ?? 20_000);
      for (;;) {
        if (exited) throw new Error(`containerd ${exited}`);
        // no gRPC call before the socket exists: a failed connect puts grpc-js into a 1 s reconnect backoff
        if (!existsSync(rec.socket)) {
          if (Date.now() > deadline) throw new Error(`containerd did not create ${rec.socket}`);
          await new Promise((r) => setTimeout(r, 10));
          continue;
        }
        try {
          await cri.version(1000);
          break;
        } catch (e) {
          if (Date.now() > deadline) throw new Error(`containerd did not answer CRI Version: ${(e as Error).message}`);
          await new Promise((r) => setTimeout(r, 25));
        }
      }
    };
    await launch();

    const ctr = async (args: readonly string[]): Promise<string> => {
      try {
        const { stdout } = await execFileP(findBinary('ctr')!, ['-a', rec.socket, '-n', 'k8s.io', ...args], { env: CHILD_ENV, timeout: 30_000 });
        return stdout;
      } catch (e) {
        const err = e as { stderr?: string; message: string };
        throw new Error(`ctr ${args.join(' ')}: ${err.stderr?.trim() || err.message}`, { cause: e });
      }
    };
    await ctr(['images', 'import', image.tarball]);

    // a node reboot as the runtime sees it: every process of the instance dies at once (SIGKILL), and
    // with containerd's private mount namespace go the pod netns mounts, so the netns and their links
    const crash = (): void => killInstance(rec, 'SIGKILL');
    return {
      dir, get pid() { return rec.pid!; }, nodeNs, ownsNodeNs: rec.ownNodeNs !== undefined, socket: rec.socket, rootDir: rec.rootDir, stateDir, cniConfDir, cniBinDir, cniCacheDir,
      cgroupParent: rec.cgroupParent, image, cri,
      hostView: (p: string) => `/proc/${rec.pid!}/root${p}`,
      ctr,
      log: () => (existsSync(logPath) ? readFileSync(logPath, 'utf8') : ''),
      stop,
      crash,
      async restart(o = {}) {
        crash();
        // /run is a tmpfs: a reboot empties the state dir (the pod netns files with it); the root is on disk
        rmSync(stateDir, { recursive: true, force: true });
        mkdirSync(stateDir);
        if (o.loseRecords) {
          rmSync(rec.rootDir, { recursive: true, force: true });
          mkdirSync(rec.rootDir);
        }
        await launch();
        if (o.loseRecords) await ctr(['images', 'import', image.tarball]);
      },
    };
  } catch (e) {
    const tail = logTail(logPath);
    await stop({ graceful: false });
    throw new Error(`startContainerd: ${(e as Error).message}\n--- containerd log (tail) ---\n${tail}`, { cause: e });
  }
}

/** Stop and Remove every sandbox, as a kubelet would before going away (CNI DEL runs); bounded, errors ignored. */
async function removeAllSandboxes(cri: CriClient): Promise<void> {
  const work = (async () => {
    const items = await cri.listPodSandbox().catch(() => []);
    for (const s of items) {
      await cri.stopPodSandbox(s.id).catch(() => {});
      await cri.removePodSandbox(s.id).catch(() => {});
    }
  })();
  await Promise.race([work, new Promise((r) => setTimeout(r, 15_000).unref())]);
}
