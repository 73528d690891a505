// The daemon's configuration (multus.md §2.2–§2.5): daemon-config.json, the per-request override,
// primary selection, 00-multus.conf generation, writing and watching, and the binary install step.
export {
  AUTO, DEFAULT_CNI_CONFIG_DIR, DEFAULT_DAEMON_CONFIG_FILE, DEFAULT_DELEGATE_CONCURRENCY, DEFAULT_MAX_REQUEST_BYTES,
  DEFAULT_METRICS_ADDRESS, DEFAULT_SOCKET_DIR, loadDaemonConfig, parseDaemonConfig, parseListenAddress,
  type DaemonConfig, type ListenAddress, type ParseDaemonConfigOptions, type PerNodeCertificate,
} from './daemon-config.ts';
export { overrideRequestConfig, READINESS_KEY, requestOverride } from './override.ts';
export { findPrimaryConfig, MULTUS_CONF_NAME, noPrimaryMessage, selectPrimaryConfig, type PrimarySelection } from './primary.ts';
export {
  checkPrimaryText, effectiveDaemonSocketDir, forcePrimaryVersion, generateMultusConf, loadPrimary,
  MULTUS_DEFAULT_NETWORK_NAME, MULTUS_SHIM_TYPE, POD_ANNOTATIONS_CAPABILITY, type GeneratorSettings, type LoadedPrimary,
} from './generate.ts';
export { copyUserConfig, MULTUS_CONF_MODE, multusConfPath, removeMultusConf, writeConfIfChanged } from './writer.ts';
export {
  DEFAULT_DEBOUNCE_MS, DEFAULT_RESYNC_INTERVAL_MS, MultusConfigManager, watchConfigDir, type ConfigDirWatch, type ConfigManagerOptions,
  type RegenerationOutcome, type WatchedConfig, type WatchOptions,
} from './watcher.ts';
export { INSTALL_USAGE, installBinary, runInstallCommand, type InstallCommandIo } from './install.ts';
