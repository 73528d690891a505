// What a Multus command needs from outside, as interfaces (tests swap each one).
import type { PluginExec } from '../../cni/exec/index.ts';
import type { Logger } from '../../util/logger.ts';
import type { NetnsOps } from '../netns-ops.ts';
import type { NetworkSource } from '../sources/types.ts';
import type { MultusConf } from '../netconf.ts';

export interface MultusDeps {
  readonly exec: PluginExec;
  /** Pods and NADs; null = no Kubernetes (static delegates only, no status). */
  readonly source: NetworkSource | null;
  readonly netns: NetnsOps;
  readonly log: Logger;
  /** The environment plugins inherit (libcni passes the runtime's whole environment). */
  readonly baseEnv: Readonly<Record<string, string>>;
  /** Per plugin call; undefined = none. */
  readonly pluginTimeoutMs?: number;
}

/** A source for this config: the daemon passes its long-lived one, the thin plugin makes one per call. */
export type SourceFactory = (conf: MultusConf) => Promise<NetworkSource | null>;
