// What every list operation needs: where plugins are, where the cache is, how to run a plugin. One
// value, frozen at construction, so an operation cannot change the runtime's configuration midway.
import type { PluginExec } from '../exec/index.ts';
import type { CniArgs } from '../cache.ts';

export interface RuntimeContext {
  /** Plugin directories, searched in order (CNI_PATH). */
  readonly paths: readonly string[];
  /** libcni's cache dir (default /var/lib/cni): results live in <cacheDir>/results. */
  readonly cacheDir: string;
  readonly exec: PluginExec;
  /** The environment every plugin inherits (libcni passes the runtime's whole environment). */
  readonly baseEnv: Readonly<Record<string, string>>;
  /** Per plugin call; undefined = no limit, as libcni without a context deadline. */
  readonly timeoutMs?: number;
  /** Where the runtime reports what it tolerated (e.g. a corrupt cache removed during DEL). */
  readonly warn?: (msg: string) => void;
}

/** libcni's RuntimeConf: one attachment's parameters. */
export interface RuntimeConf {
  readonly containerID: string;
  readonly netNS: string;
  readonly ifName: string;
  /** CNI_ARGS pairs, in order. */
  readonly args?: CniArgs;
  /** Capability arguments; each plugin receives only the ones it enables (runtimeConfig). */
  readonly capabilityArgs?: Readonly<Record<string, unknown>>;
}

export interface OpOptions {
  readonly signal?: AbortSignal;
}
