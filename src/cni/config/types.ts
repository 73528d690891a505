// The parsed views of network configurations (cni.md §2.1). Each view keeps the ORIGINAL TEXT it was
// read from: plugins receive their object byte-for-byte except the keys the runtime owns (§2.4), so the
// typed fields here are only what the runtime itself needs to decide things, never a source for stdin.

/** One plugin configuration object (libcni's PluginConfig). */
export interface PluginConf {
  /** The object exactly as written (an element of a list's `plugins`, or a whole `.conf` file). */
  readonly raw: string;
  /** Binary name; never empty. */
  readonly type: string;
  readonly name?: string;
  readonly cniVersion?: string;
  /** Declared capabilities as written (a `null` value reads as false, as Go's decoder does). */
  readonly capabilities: Readonly<Record<string, boolean>>;
  readonly ipamType?: string;
}

/** A network configuration list (libcni's NetworkConfigList). */
export interface NetworkConfigList {
  readonly name: string;
  /** The version selected per §2.2 rule 4 (may be "" or above 1.1.0 when nothing narrowed it). */
  readonly cniVersion: string;
  readonly disableCheck: boolean;
  readonly disableGC: boolean;
  readonly loadOnlyInlinedPlugins: boolean;
  /** Inlined plugins, then (when loaded from a file) those of the sibling folder `<dir>/<name>/`. */
  readonly plugins: readonly PluginConf[];
  /** The list's original text (for a wrapped `.conf`, the synthesised list text). */
  readonly raw: string;
  /** File path when loaded from a file. */
  readonly source?: string;
}

export type StdinOp = 'ADD' | 'CHECK' | 'DEL' | 'GC' | 'STATUS';

export interface StdinOptions {
  /** Raw JSON text of the result to inject as `prevResult` (ADD/CHECK/DEL only). */
  prevResult?: string;
  /** The runtime's capability args; only those the plugin enabled are sent (ADD/CHECK/DEL only). */
  capabilityArgs?: Readonly<Record<string, unknown>>;
  /** GC only: undefined/null = no GC args, so no `cni.dev/*` keys are injected. */
  validAttachments?: readonly { containerID: string; ifname: string }[] | null;
}
