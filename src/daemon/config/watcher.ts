// Auto mode's watch and config manager (multus.md §2.4 "Watching", §7.1, §7.2): `watchConfigDir` turns
// directory events into one debounced call per settled burst; `MultusConfigManager` uses it to keep
// `<cniConfigDir>/00-multus.conf` generated from the current primary CNI config.
//
// Multus watches `multusAutoconfigDir` with fsnotify and reacts event by event: only Write/Create of the
// primary file chosen AT START regenerates; a new, earlier primary is ignored (#1110: changing the
// primary needs a manual delete); a half-written primary produces an EMPTY 00-multus.conf (#1155).
// Here, deliberately:
//  - events are DEBOUNCED (default 200 ms) and each settled burst does a FULL RESCAN: select the primary
//    again (auto: whatever sorts first now; multusMasterCNI: that file, whatever else appears), load +
//    check it, generate, and write only when the text changed;
//  - a primary that cannot be read or checked (half-written, invalid JSON, version mismatch, gone)
//    leaves the previous 00-multus.conf in place and logs why; the file is never empty or partial;
//  - the readiness indicator file disappearing calls `onReadinessLost` (Multus deletes 00-multus.conf and
//    exits 2; the daemon decides);
//  - 00-multus.conf is deleted on stop only with `deleteConfigOnExit` (Multus always deletes it, so pods
//    created during a daemon restart silently get only the primary network, #1527);
//  - a watched directory deleted or moved away (its inotify watch is dead) is watched again once it
//    exists; a slow periodic rescan (default 60 s) backs up inotify, which can drop events (queue
//    overflow), and opens watches on directories that did not exist yet;
//  - `cniConfigDir` is watched too when it differs, so a deleted 00-multus.conf is written again.
// Watchers and timers never keep the process alive on their own (persistent: false, unref).
import { existsSync, statSync, watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { asCniError, CniError } from '../../errors/catalogue.ts';
import { silentLogger, type Logger } from '../../util/logger.ts';
import type { DaemonConfig } from './daemon-config.ts';
import { forcePrimaryVersion, generateMultusConf, loadPrimary } from './generate.ts';
import { MULTUS_CONF_NAME, noPrimaryMessage, selectPrimaryConfig } from './primary.ts';
import { multusConfPath, removeMultusConf, writeConfIfChanged } from './writer.ts';

export const DEFAULT_DEBOUNCE_MS = 200;
export const DEFAULT_RESYNC_INTERVAL_MS = 60_000;

// ---------------------------------------------------------------------------------------------------
// The directory watch: events → one debounced call per settled burst.

export interface WatchOptions {
  /** Called once per settled burst (and per periodic rescan); never concurrently with itself. */
  readonly onChange: () => void | Promise<void>;
  /** The readiness indicator file went away (it existed when watching began, or appeared since). */
  readonly onReadinessRemoved?: () => void;
  readonly logger?: Logger;
  /** Quiet time after the last event before onChange (default 200 ms). */
  readonly debounceMs?: number;
  /** A burst of events never delays onChange by more than this (default max(1 s, 5 × debounce)). */
  readonly maxDelayMs?: number;
  /** Periodic onChange even without events; 0 = none (default 60 s). */
  readonly resyncIntervalMs?: number;
}

export interface ConfigDirWatch {
  /** Close the watches and timers; resolves once a running onChange has finished. */
  stop(): Promise<void>;
}

export type WatchedConfig = Pick<DaemonConfig, 'multusAutoconfigDir' | 'cniConfigDir' | 'readinessIndicatorFile'>;

interface DirWatch {
  readonly dir: string;
  /** Which names in it matter; undefined = all. */
  readonly names?: Set<string>;
  watcher?: FSWatcher;
  /** inode + birth time: a recreated directory often gets the same inode number back. */
  identity?: string;
  /** The directory itself was deleted or moved: reopen before the next rescan. */
  stale?: boolean;
}

function identityOf(st: { ino: number; birthtimeMs: number }): string {
  return `${st.ino}:${st.birthtimeMs}`;
}

/**
 * Watch `multusAutoconfigDir` (every entry: a new primary may appear), `cniConfigDir` (00-multus.conf
 * being deleted or replaced) and the readiness indicator file's directory. Synchronous: the watches are
 * in place when it returns (a directory that does not exist yet is picked up by the periodic rescan).
 */
export function watchConfigDir(config: WatchedConfig, opts: WatchOptions): ConfigDirWatch {
  const log = opts.logger ?? silentLogger;
  const debounceMs = opts.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  const maxDelayMs = opts.maxDelayMs ?? Math.max(1000, 5 * debounceMs);
  const resyncMs = opts.resyncIntervalMs ?? DEFAULT_RESYNC_INTERVAL_MS;
  const dirs: DirWatch[] = [];
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let burstStart: number | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  const auto = path.resolve(config.multusAutoconfigDir);
  dirs.push({ dir: auto });
  const conf = path.resolve(config.cniConfigDir);
  if (conf !== auto) dirs.push({ dir: conf, names: new Set([MULTUS_CONF_NAME]) });
  const readiness = config.readinessIndicatorFile === '' ? undefined : path.resolve(config.readinessIndicatorFile);
  let readinessPresent = false;
  if (readiness !== undefined) {
    const rdir = path.dirname(readiness);
    const same = dirs.find((d) => d.dir === rdir);
    if (same === undefined) dirs.push({ dir: rdir, names: new Set([path.basename(readiness)]) });
    else same.names?.add(path.basename(readiness));
    readinessPresent = existsSync(readiness);
  }

  const checkReadiness = async (): Promise<void> => {
    if (readiness === undefined) return;
    const present = await exists(readiness);
    const lost = readinessPresent && !present;
    readinessPresent = present;
    if (!lost) return;
    log.verbose('readiness indicator file is gone', { file: readiness });
    try {
      opts.onReadinessRemoved?.();
    } catch (e) {
      log.error(`readiness callback failed: ${asCniError(e).message}`);
    }
  };

  // One burst at a time; events during a run make exactly one more run afterwards.
  const run = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          reopenStale();
          await checkReadiness();
          if (!stopped) await opts.onChange();
        } catch (e) {
          log.error(`config rescan failed: ${asCniError(e).message}`);
        }
      } while (again && !stopped);
    })().finally(() => {
      running = undefined;
    });
  };

  const schedule = (delay = debounceMs): void => {
    if (stopped) return;
    const now = Date.now();
    burstStart ??= now;
    const wait = Math.max(0, Math.min(delay, burstStart + maxDelayMs - now));
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      burstStart = undefined;
      run();
    }, wait);
    timer.unref();
  };

  const open = (d: DirWatch): void => {
    d.stale = false;
    try {
      d.identity = identityOf(statSync(d.dir));
      const self = path.basename(d.dir);
      const w = watch(d.dir, { persistent: false }, (_event, filename) => {
        // inotify reports the watched directory's own deletion or move under its own name; the watch
        // is dead from then on
        if (filename !== null && filename.toString() === self) d.stale = true;
        // filename can be null on some platforms: then it may be anything
        else if (d.names && filename !== null && !d.names.has(filename.toString())) return;
        schedule();
      });
      w.on('error', (e) => {
        log.error(`CNI monitoring error on ${d.dir}: ${e.message}`);
        w.close();
        if (d.watcher === w) d.watcher = undefined; // reopened by the periodic rescan
        schedule();
      });
      d.watcher = w;
    } catch (e) {
      d.watcher = undefined;
      log.error(`cannot watch ${d.dir} (yet): ${(e as Error).message}`);
    }
  };

  // Periodic: reopen lost or replaced watches (a directory deleted and recreated keeps a dead inotify
  // watch), then rescan.
  const tick = async (): Promise<void> => {
    for (const d of dirs) {
      if (stopped) return;
      const id = await stat(d.dir).then(identityOf, () => undefined);
      if (d.watcher && !d.stale && id === d.identity) continue;
      d.watcher?.close();
      d.watcher = undefined;
      if (id !== undefined) open(d);
    }
    schedule(0);
  };

  const reopenStale = (): void => {
    for (const d of dirs) {
      if (stopped || (d.watcher && !d.stale)) continue;
      d.watcher?.close();
      d.watcher = undefined;
      if (existsSync(d.dir)) open(d);
    }
  };

  for (const d of dirs) open(d);
  const resync = resyncMs > 0 ? setInterval(() => void tick(), resyncMs) : undefined;
  resync?.unref();

  return {
    async stop(): Promise<void> {
      if (stopped) return;
      stopped = true;
      if (timer) clearTimeout(timer);
      if (resync) clearInterval(resync);
      for (const d of dirs) {
        d.watcher?.close();
        d.watcher = undefined;
      }
      await running;
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// The config manager: regeneration on top of the watch.

export type RegenerationOutcome =
  /** 00-multus.conf was (re)written with `content`. */
  | { readonly kind: 'written'; readonly reason: string; readonly primary: string; readonly content: string }
  /** 00-multus.conf already held `content`; not touched. */
  | { readonly kind: 'unchanged'; readonly reason: string; readonly primary: string; readonly content: string }
  /** Nothing usable: the previous 00-multus.conf (if any) is kept. `primary` is the file that failed. */
  | { readonly kind: 'kept'; readonly reason: string; readonly primary?: string; readonly error: CniError };

export interface ConfigManagerOptions {
  readonly config: DaemonConfig;
  readonly logger?: Logger;
  readonly debounceMs?: number;
  readonly maxDelayMs?: number;
  readonly resyncIntervalMs?: number;
  /** The readiness indicator file went away (Multus: delete 00-multus.conf, exit 2). */
  readonly onReadinessLost?: () => void;
}

export class MultusConfigManager {
  readonly #opts: ConfigManagerOptions;
  readonly #config: DaemonConfig;
  readonly #log: Logger;
  readonly #listeners = new Set<(o: RegenerationOutcome) => void>();
  #queue: Promise<unknown> = Promise.resolve();
  #watch: ConfigDirWatch | undefined;
  #stopped = false;
  #primary: string | undefined;
  #content: string | undefined;

  constructor(opts: ConfigManagerOptions) {
    if (!opts.config.autoMode) {
      throw new CniError('INTERNAL', 'the config manager generates 00-multus.conf only when "multusConfigFile" is "auto"');
    }
    this.#opts = opts;
    this.#config = opts.config;
    this.#log = opts.logger ?? silentLogger;
  }

  /** `<cniConfigDir>/00-multus.conf`. */
  get path(): string {
    return multusConfPath(this.#config.cniConfigDir);
  }

  /** The primary of the last successful generation. */
  get primary(): string | undefined {
    return this.#primary;
  }

  /** The content of the last successful generation. */
  get content(): string | undefined {
    return this.#content;
  }

  /** Called after every regeneration attempt (for logs and metrics). Returns an unsubscribe function. */
  onRegenerated(cb: (o: RegenerationOutcome) => void): () => void {
    this.#listeners.add(cb);
    return () => void this.#listeners.delete(cb);
  }

  /** One full rescan + generate + write, serialised with every other one. Never throws. */
  regenerate(reason = 'requested'): Promise<RegenerationOutcome> {
    const run = this.#queue.then(() => this.#regenerateNow(reason));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Generate once, then watch. The caller decides what a `kept` first outcome means (Multus: exit 2). */
  async start(): Promise<RegenerationOutcome> {
    const first = await this.regenerate('start');
    this.watch();
    return first;
  }

  /** Start watching (idempotent). */
  watch(): void {
    if (this.#watch || this.#stopped) return;
    const o = this.#opts;
    this.#watch = watchConfigDir(this.#config, {
      onChange: async () => void (await this.regenerate('change')),
      ...(o.onReadinessLost ? { onReadinessRemoved: o.onReadinessLost } : {}),
      logger: this.#log,
      ...(o.debounceMs !== undefined ? { debounceMs: o.debounceMs } : {}),
      ...(o.maxDelayMs !== undefined ? { maxDelayMs: o.maxDelayMs } : {}),
      ...(o.resyncIntervalMs !== undefined ? { resyncIntervalMs: o.resyncIntervalMs } : {}),
    });
  }

  /** Close watchers and timers, wait for a running rescan, delete 00-multus.conf if configured. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    await this.#watch?.stop();
    await this.#queue;
    if (this.#config.deleteConfigOnExit) {
      try {
        if (await removeMultusConf(this.#config.cniConfigDir)) this.#log.verbose(`Delete old config @ ${this.path}`);
      } catch (e) {
        this.#log.error(asCniError(e).message);
      }
    }
  }

  async #regenerateNow(reason: string): Promise<RegenerationOutcome> {
    const outcome = await this.#attempt(reason);
    if (outcome.kind === 'kept') {
      const keep = this.#content !== undefined || (await exists(this.path)) ? 'keeping the previous' : 'not writing';
      this.#log.error(`${outcome.error.message}; ${keep} ${this.path}`, { reason });
    } else {
      if (this.#primary !== undefined && outcome.primary !== this.#primary) {
        this.#log.verbose(`primary CNI config is now ${outcome.primary} (was ${this.#primary})`);
      }
      this.#primary = outcome.primary;
      this.#content = outcome.content;
      if (outcome.kind === 'written') this.#log.verbose(`Generated MultusCNI config: ${outcome.content}`, { path: this.path, reason });
      else this.#log.debug('00-multus.conf unchanged', { path: this.path, reason });
    }
    for (const cb of this.#listeners) {
      try {
        cb(outcome);
      } catch (e) {
        this.#log.error(`onRegenerated callback failed: ${asCniError(e).message}`);
      }
    }
    return outcome;
  }

  async #attempt(reason: string): Promise<RegenerationOutcome> {
    const c = this.#config;
    // after stop() (and a deleteConfigOnExit removal) nothing may write the file again
    if (this.#stopped) return { kind: 'kept', reason, error: new CniError('INTERNAL', 'the config manager is stopped') };
    let primary: string | undefined;
    try {
      primary = await selectPrimaryConfig(c);
      if (primary === undefined) return { kind: 'kept', reason, error: new CniError('CONFIG_NOT_FOUND', noPrimaryMessage(c)) };
      if (c.forceCNIVersion && (await forcePrimaryVersion(primary, c.cniVersion))) {
        this.#log.verbose(`rewrote cniVersion of ${primary} to ${c.cniVersion} (forceCNIVersion)`);
      }
      const loaded = await loadPrimary(primary, c);
      const content = generateMultusConf(c, loaded);
      const written = await writeConfIfChanged(this.path, content);
      return { kind: written ? 'written' : 'unchanged', reason, primary, content };
    } catch (e) {
      return { kind: 'kept', reason, error: asCniError(e), ...(primary !== undefined ? { primary } : {}) };
    }
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(() => true, () => false);
}
