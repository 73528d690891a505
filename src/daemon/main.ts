// multus-daemon: the thick plugin's node daemon (multus.md §2.3). Start-up: config → logs → readiness
// file → source (informers on the node's pods and all NADs, or local files) → socket → metrics →
// 00-multus.conf (the runtime only starts calling us once it exists) → serve. SIGTERM/SIGINT drain
// in-flight requests; 00-multus.conf stays unless deleteConfigOnExit (so pods never get only the
// primary network while we restart, #1527).
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ProcessExec } from '../cni/exec/index.ts';
import { memberRaw } from '../cni/raw-json.ts';
import { asCniError } from '../errors/catalogue.ts';
import { resolveKubeAccess } from '../k8s/kubeconfig.ts';
import { KubeClient } from '../k8s/client.ts';
import type { MultusDeps } from '../multus/cmd/deps.ts';
import { loadConf, waitForReadiness } from '../multus/cmd/add.ts';
import { NsenterNetnsOps } from '../multus/netns-ops.ts';
import { InformerSource } from '../multus/sources/informer.ts';
import { KubeSource } from '../multus/sources/kube.ts';
import { LocalSource } from '../multus/sources/local.ts';
import type { NetworkSource } from '../multus/sources/types.ts';
import { parseLogLevel, type Logger } from '../util/logger.ts';
import { loadDaemonConfig, DEFAULT_DAEMON_CONFIG_FILE, type DaemonConfig } from './config/daemon-config.ts';
import { requestOverride } from './config/override.ts';
import { startConfigManager, type ConfigManager } from './config-manager.ts';
import { multusConfPath } from './config/writer.ts';
import { doctor } from './doctor.ts';
import { recoverAfterReboot, type RecoveryReport } from './recovery.ts';
import { daemonLogger } from './logger.ts';
import { startSocketServer, type SocketServer } from './server/http.ts';
import { MeteredExec, Metrics } from './server/metrics.ts';
import { SOCKET_NAME } from './server/socket.ts';

export interface Daemon {
  readonly config: DaemonConfig;
  /** Reboot recovery, running in the background after start. */
  readonly recovery: Promise<RecoveryReport | undefined>;
  readonly socketPath: string;
  readonly metrics: Metrics;
  readonly source: NetworkSource | null;
  stop(): Promise<void>;
}

async function makeSource(config: DaemonConfig, log: Logger): Promise<NetworkSource | null> {
  if (config.localSource) return new LocalSource(config.localSource);
  // Multus' daemon uses the in-cluster service account; a `kubeconfig` key (also applied to every
  // request) points it elsewhere, which is what tests and out-of-cluster nodes use.
  const kcRaw = memberRaw(config.raw, 'kubeconfig');
  const kubeconfig = kcRaw ? (JSON.parse(kcRaw) as string) : '';
  const access = await resolveKubeAccess(kubeconfig);
  if (!access) {
    log.error('no Kubernetes access (no kubeconfig, not in a cluster) and no localSource: only static delegates work');
    return null;
  }
  const live = new KubeSource(new KubeClient(access, { timeoutMs: config.apiTimeoutMs }), { timeoutMs: config.apiTimeoutMs });
  const src = new InformerSource(live, {
    ...(config.nodeName ? { nodeName: config.nodeName } : {}),
    onError: (e, what) => log.error(`informer: ${what} failed; retrying`, { error: asCniError(e).message }),
  }).start();
  if (!config.nodeName) log.error('MULTUS_NODE_NAME is not set: caching every pod of the cluster');
  if (!(await src.waitForSync(20_000))) log.error('the pod/NAD caches did not sync within 20 s; serving with live API fallbacks');
  return src;
}

function startMetrics(config: DaemonConfig, metrics: Metrics): Promise<Server | undefined> {
  const at = config.metrics;
  if (!at) return Promise.resolve(undefined);
  const srv = createServer((req, res) => {
    if ((req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    const body = metrics.render();
    res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4', 'Content-Length': Buffer.byteLength(body) }).end(body);
  });
  return new Promise((resolve, reject) => {
    srv.once('error', reject);
    srv.listen(at.port, at.host, () => resolve(srv));
  });
}

/** Reboot recovery with the config pods get (00-multus.conf as the runtime sends it, plus our override). */
async function runRecovery(config: DaemonConfig, deps: MultusDeps, log: Logger, env: NodeJS.ProcessEnv, metrics: Metrics): Promise<RecoveryReport | undefined> {
  try {
    const file = config.autoMode ? multusConfPath(config.cniConfigDir) : join(config.cniConfigDir, basename(config.multusConfigFile));
    const multusConf = requestOverride(config)(await readFile(file, 'utf8'));
    const { cniDir } = loadConf(multusConf);
    // MULTUS_TS_BOOT_ID stands in for the kernel's boot id in tests that simulate a reboot
    const report = await recoverAfterReboot({ cniDir, multusConf, deps, log, ...(env.MULTUS_TS_BOOT_ID ? { bootId: env.MULTUS_TS_BOOT_ID } : {}) });
    if (report.newBoot) log.verbose('reboot recovery done', { deleted: report.deleted.length, kept: report.kept.length, failed: report.failed.length });
    // what no attachment explains is reported, never removed here (`multus-doctor --remove` does that)
    const found = await doctor({ cacheDirs: [cniDir] });
    metrics.gauge('multus_ts_orphaned_reservations', 'host-local reservations no cached attachment explains (see multus-doctor)', () => found.orphans.length);
    for (const o of found.orphans) log.error('host-local reservation not explained by any cached attachment', { path: o.path, container: o.containerID, ifname: o.ifName });
    return report;
  } catch (e) {
    log.error('reboot recovery failed', { error: asCniError(e).message });
    return undefined;
  }
}

export async function startDaemon(configFile: string, env: NodeJS.ProcessEnv = process.env): Promise<Daemon> {
  const config = await loadDaemonConfig(configFile, { env });
  const log = daemonLogger({ level: parseLogLevel(config.logLevel) ?? 'error', toStderr: config.logToStderr || !config.logFile, ...(config.logFile ? { file: config.logFile } : {}), ...(config.logOptions ? { rotation: config.logOptions } : {}) });
  if (config.readinessIndicatorFile) await waitForReadiness(config.readinessIndicatorFile);

  const metrics = new Metrics();
  const source = await makeSource(config, log);
  const deps: MultusDeps = {
    // chrootDir (Multus' /hostroot): delegates are looked up and run inside the host's root
    exec: new MeteredExec(new ProcessExec(config.chrootDir ? { chrootDir: config.chrootDir } : {}), metrics),
    source,
    netns: new NsenterNetnsOps(),
    log,
    baseEnv: Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && !e[0].startsWith('CNI_'))),
  };
  const socketPath = join(config.socketDir, SOCKET_NAME);
  const server: SocketServer = await startSocketServer({
    socketPath,
    maxRequestBytes: config.maxRequestBytes,
    concurrency: config.delegateConcurrency,
    metrics,
    deps,
    override: requestOverride(config),
    notReady: async () => (await source?.notReadyReason()) ?? manager?.notReadyReason(),
  });
  const metricsServer = await startMetrics(config, metrics);
  let manager: ConfigManager | undefined;
  try {
    manager = await startConfigManager(config, log, metrics);
  } catch (e) {
    await server.shutdown(0);
    metricsServer?.close();
    await source?.close();
    throw e;
  }
  log.verbose('multus-daemon serving', { socket: socketPath, source: source?.kind ?? 'none', metrics: config.metricsAddress || 'off' });
  const recovery = runRecovery(config, deps, log, env, metrics);

  return {
    config, socketPath, metrics, source,
    recovery,
    async stop(): Promise<void> {
      await recovery.catch(() => undefined);
      await server.shutdown(30_000);
      await manager?.stop();
      metricsServer?.close();
      await source?.close();
      log.verbose('multus daemon is exited');
    },
  };
}

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  let configFile = DEFAULT_DAEMON_CONFIG_FILE;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-version' || a === '--version' || a === '-v') {
      process.stdout.write('multus-daemon: version:0.1.0 (multus-ts)\n');
      return 4; // Multus' daemon exits 4 after printing its version
    }
    if (a === '-config' || a === '--config') configFile = argv[++i] ?? configFile;
    else if (a.startsWith('-config=') || a.startsWith('--config=')) configFile = a.slice(a.indexOf('=') + 1);
  }
  let daemon: Daemon;
  try {
    daemon = await startDaemon(configFile, env);
  } catch (e) {
    process.stderr.write(`multus-daemon: ${asCniError(e).message}\n`);
    return 1;
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  await daemon.stop();
  return 0;
}
