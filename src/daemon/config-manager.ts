// The daemon's side of 00-multus.conf (multus.md §2.3 steps 4 and 8): in auto mode, wait for a primary
// CNI config (120 × 1 s, as Multus), then keep 00-multus.conf generated from it (config/watcher.ts:
// debounced full rescans, atomic writes, never an empty file). A user-provided multusConfigFile is
// copied once. The readiness indicator file going away makes /readyz fail (Multus deletes the config
// and exits 2, which leaves pods with only the primary network while it restarts).
import { cniError } from '../errors/catalogue.ts';
import type { Logger } from '../util/logger.ts';
import type { DaemonConfig } from './config/daemon-config.ts';
import { MultusConfigManager } from './config/watcher.ts';
import { copyUserConfig } from './config/writer.ts';
import type { Metrics } from './server/metrics.ts';

export interface ConfigManager {
  /** undefined when 00-multus.conf is in place and current. */
  notReadyReason(): string | undefined;
  stop(): Promise<void>;
}

export async function startConfigManager(config: DaemonConfig, log: Logger, metrics: Metrics, waitAttempts = 120): Promise<ConfigManager> {
  if (!config.autoMode) {
    const r = await copyUserConfig(config.multusConfigFile, config.cniConfigDir);
    log.verbose('copied the user-provided multus config', { path: r.path });
    return { notReadyReason: () => undefined, stop: async () => {} };
  }
  const regenerations = metrics.counter('multus_ts_config_regenerations_total', 'Times 00-multus.conf was (re)written');
  let lost: string | undefined;
  const manager = new MultusConfigManager({
    config,
    logger: log,
    onReadinessLost: () => {
      lost = `readiness indicator file ${config.readinessIndicatorFile} was removed: the cluster network is not ready`;
      log.error(lost);
    },
  });
  manager.onRegenerated((o) => {
    if (o.kind === 'written') regenerations({});
  });
  let outcome = await manager.regenerate('start');
  for (let i = 1; i < waitAttempts && outcome.kind === 'kept'; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    outcome = await manager.regenerate('waiting for the primary CNI config');
  }
  if (outcome.kind === 'kept') {
    await manager.stop();
    throw cniError('CONFIG_NOT_FOUND', outcome.error.message);
  }
  manager.watch();
  return {
    notReadyReason: () => lost,
    stop: () => manager.stop(),
  };
}
