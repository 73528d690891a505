// List + watch cache of one resource collection (node-scoped pods, NADs), the way client-go's
// reflector keeps one: list, then watch from the list's resourceVersion with bookmarks, apply events
// to a store keyed ns/name, re-list on 410 Gone, reconnect from the last resourceVersion after a
// disconnect with capped backoff. Objects pass through `transform` before they are stored, so only the
// fields the daemon reads stay in memory (trim.ts).
import type { KubeClient } from './client.ts';
import { isKubeError, KubeError } from './errors.ts';
import { sleep } from './retry.ts';
import { objectKey, type KubeObject, type Status, type WatchEvent } from './types.ts';

export type InformerEventType = 'add' | 'update' | 'delete';
export type InformerHandler<T> = (type: InformerEventType, obj: T, old: T | undefined) => void;

export interface InformerOptions<T> {
  client: KubeClient;
  /** Collection path, e.g. `/api/v1/pods` or `/apis/k8s.cni.cncf.io/v1/network-attachment-definitions`. */
  path: string;
  /** e.g. `spec.nodeName=<node>`: without it a daemon caches every pod of the cluster (multus.md §2.8). */
  fieldSelector?: string;
  labelSelector?: string;
  /** Trims each object before it is stored (default: store as received). */
  transform?: (raw: KubeObject) => T;
  /** Page size of lists (default 500, client-go's). */
  pageSize?: number;
  /**
   * resourceVersion of the first list (default "0": served from the API server's watch cache, which
   * is what keeps a whole cluster of nodes re-listing after an API restart cheap — issue
   * openshift/multus-admission-controller#40). Re-lists after 410 always read consistently ("").
   */
  initialListResourceVersion?: string;
  /** Server-side watch timeout; default a random 5–10 min, as client-go, so watches do not renew in step. */
  watchTimeoutSeconds?: number;
  /** A watch silent this long is dropped and resumed (default 5 min; bookmarks arrive about every minute). */
  watchIdleTimeoutMs?: number;
  /** Timeout of each list page (default: the client's). */
  listTimeoutMs?: number;
  /** Reconnect backoff after failures: initial (default 250 ms) doubling up to max (default 30 s). */
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  /** Told about every failure the informer recovers from by itself (for logs). */
  onError?: (err: unknown, phase: 'list' | 'watch') => void;
  random?: () => number;
}

export interface InformerStats {
  lists: number;
  watches: number;
  /** Re-lists caused by 410 Gone. */
  relists: number;
  /** Watches started again after a break or a failure. */
  reconnects: number;
}

interface Waiter {
  resolve: (synced: boolean) => void;
  timer: NodeJS.Timeout;
}

/** A watch ERROR event with code 410. */
class Gone extends Error {}

/** A watch that failed after delivering events: a healthy stream that broke, not a failing server. */
class WatchEnded extends Error {
  constructor(cause: unknown) {
    super('watch ended after events', { cause });
  }
}

export class Informer<T extends KubeObject = KubeObject> {
  readonly stats: InformerStats = { lists: 0, watches: 0, relists: 0, reconnects: 0 };
  private readonly o: InformerOptions<T>;
  private readonly transform: (raw: KubeObject) => T;
  private store = new Map<string, T>();
  private rv = '';
  private synced = false;
  private stopped = false;
  private started = false;
  private readonly ac = new AbortController();
  private loop: Promise<void> | undefined;
  private readonly handlers = new Set<InformerHandler<T>>();
  private readonly waiters = new Set<Waiter>();

  constructor(options: InformerOptions<T>) {
    this.o = options;
    this.transform = options.transform ?? ((raw) => raw as T);
  }

  /** Starts listing and watching in the background. */
  start(): this {
    if (this.started) return this;
    this.started = true;
    this.loop = this.run();
    return this;
  }

  /** Stops; resolves when no request, socket or timer of the informer is left. */
  async stop(): Promise<void> {
    if (this.stopped) return this.loop;
    this.stopped = true;
    this.ac.abort(new Error('informer stopped'));
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.resolve(false);
    }
    this.waiters.clear();
    await this.loop;
  }

  hasSynced(): boolean {
    return this.synced;
  }

  /** True once the first list is in the store; false after `timeoutMs` or if stopped first. */
  waitForSync(timeoutMs: number): Promise<boolean> {
    if (this.synced) return Promise.resolve(true);
    if (this.stopped) return Promise.resolve(false);
    return new Promise((resolve) => {
      const w: Waiter = {
        resolve,
        timer: setTimeout(() => {
          this.waiters.delete(w);
          resolve(false);
        }, timeoutMs),
      };
      this.waiters.add(w);
    });
  }

  /** The cached object `ns/name` (or `name` for cluster-scoped collections). */
  get(namespace: string | undefined, name: string): T | undefined {
    return this.store.get(namespace ? `${namespace}/${name}` : name);
  }

  list(): T[] {
    return [...this.store.values()];
  }

  get size(): number {
    return this.store.size;
  }

  /** The last resourceVersion seen (list, event or bookmark). */
  get resourceVersion(): string {
    return this.rv;
  }

  /** Subscribes to store changes; returns the unsubscribe function. */
  onChange(h: InformerHandler<T>): () => void {
    this.handlers.add(h);
    return () => this.handlers.delete(h);
  }

  private emit(type: InformerEventType, obj: T, old: T | undefined): void {
    for (const h of this.handlers) {
      try {
        h(type, obj, old);
      } catch (e) {
        this.o.onError?.(e, 'watch');
      }
    }
  }

  private markSynced(): void {
    if (this.synced) return;
    this.synced = true;
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.resolve(true);
    }
    this.waiters.clear();
  }

  private async run(): Promise<void> {
    const signal = this.ac.signal;
    let needList = true;
    let listRv = this.o.initialListResourceVersion ?? '0';
    // failures since the last watch that delivered something; they set the backoff
    let failures = 0;
    let goneStreak = 0;
    let first = true;
    while (!this.stopped) {
      let phase: 'list' | 'watch' = 'list';
      try {
        if (needList) {
          await this.relist(listRv, signal);
          needList = false;
        }
        phase = 'watch';
        if (!first) this.stats.reconnects++;
        first = false;
        const began = Date.now();
        const seen = await this.watchOnce(signal);
        // a clean end (the server's timeoutSeconds) resumes at once; a watch that ends at once with
        // nothing in it (a proxy that closes streams) counts as a failure so it cannot spin
        if (seen > 0) goneStreak = 0;
        if (seen > 0 || Date.now() - began > 1000) {
          failures = 0;
          continue;
        }
        failures++;
      } catch (e) {
        if (this.stopped) break;
        let cause = e;
        let progressed = false;
        if (e instanceof WatchEnded) {
          // the watch delivered events before it broke: a healthy stream that ended, not a failing server
          cause = e.cause;
          progressed = true;
          failures = 0;
          goneStreak = 0;
        }
        this.o.onError?.(cause, phase);
        if (cause instanceof Gone || isKubeError(cause, 'K8S_GONE')) {
          // our resourceVersion is older than the server keeps (or the stream sent an error event):
          // start over with a consistent list, at once the first time; a server that answers 410 to
          // every fresh list's resourceVersion gets the backoff instead of a tight loop
          needList = true;
          listRv = '';
          this.stats.relists++;
          goneStreak++;
          if (goneStreak === 1) continue;
        }
        if (!progressed) failures++;
        else continue;
      }
      if (failures > 0 && !this.stopped) {
        const base = Math.min(this.o.backoffMaxMs ?? 30_000, (this.o.backoffInitialMs ?? 250) * 2 ** (failures - 1));
        const delay = base * (0.75 + 0.5 * (this.o.random ?? Math.random)());
        await sleep(Math.round(delay), signal).catch(() => undefined);
      }
    }
  }

  /** Lists every page and replaces the store, telling handlers what changed. */
  private async relist(resourceVersion: string, signal: AbortSignal): Promise<void> {
    this.stats.lists++;
    const fresh = new Map<string, T>();
    let cont: string | undefined;
    let rv = '';
    do {
      // limit with resourceVersion "0" is ignored by the API server (the watch cache answers in full);
      // paging applies to the consistent lists
      const page = await this.o.client.list<KubeObject>(this.o.path, {
        fieldSelector: this.o.fieldSelector,
        labelSelector: this.o.labelSelector,
        resourceVersion: cont ? undefined : resourceVersion,
        limit: this.o.pageSize ?? 500,
        continue: cont,
        timeoutMs: this.o.listTimeoutMs,
        signal,
      });
      for (const raw of page.items ?? []) {
        const obj = this.transform(raw);
        fresh.set(objectKey(raw), obj);
      }
      rv = page.metadata?.resourceVersion ?? rv;
      cont = page.metadata?.continue || undefined;
    } while (cont && !this.stopped);
    if (this.stopped) return;
    const old = this.store;
    this.store = fresh;
    this.rv = rv;
    for (const [k, o] of old) if (!fresh.has(k)) this.emit('delete', o, undefined);
    for (const [k, n] of fresh) {
      const prev = old.get(k);
      if (!prev) this.emit('add', n, undefined);
      else if (prev.metadata?.resourceVersion !== n.metadata?.resourceVersion) this.emit('update', n, prev);
    }
    this.markSynced();
  }

  /** One watch from the current resourceVersion; returns how many events it delivered. */
  private async watchOnce(signal: AbortSignal): Promise<number> {
    this.stats.watches++;
    let seen = 0;
    const timeoutSeconds = this.o.watchTimeoutSeconds ?? Math.floor(300 + 300 * (this.o.random ?? Math.random)());
    const onEvent = (ev: WatchEvent<KubeObject>) => {
      this.apply(ev);
      if (ev.type !== 'ERROR') seen++;
    };
    try {
      await this.watchStream(timeoutSeconds, onEvent, signal);
    } catch (e) {
      throw seen > 0 ? new WatchEnded(e) : e;
    }
    return seen;
  }

  private watchStream(timeoutSeconds: number, onEvent: (ev: WatchEvent<KubeObject>) => void, signal: AbortSignal): Promise<void> {
    return this.o.client.watch<KubeObject>(
      this.o.path,
      {
        fieldSelector: this.o.fieldSelector,
        labelSelector: this.o.labelSelector,
        resourceVersion: this.rv,
        allowWatchBookmarks: true,
        timeoutSeconds,
      },
      onEvent,
      signal,
      { timeoutMs: this.o.listTimeoutMs, idleTimeoutMs: this.o.watchIdleTimeoutMs },
    );
  }

  private apply(ev: WatchEvent<KubeObject>): void {
    if (this.stopped) return;
    if (ev.type === 'ERROR') {
      const st = ev.object as Status;
      if (st.code === 410) throw new Gone(st.message ?? 'resourceVersion too old');
      // any other error event: our position in the stream is uncertain, so list again
      throw new KubeError('K8S_GONE', `watch ${this.o.path}: ${st.message ?? 'error event'}`, `code ${st.code} ${st.reason ?? ''}`.trim(), {
        status: st.code ?? 0,
        reason: st.reason ?? 'WatchError',
      });
    }
    const rv = ev.object?.metadata?.resourceVersion;
    if (ev.type === 'BOOKMARK') {
      if (rv) this.rv = rv;
      return;
    }
    const key = objectKey(ev.object);
    const prev = this.store.get(key);
    if (ev.type === 'DELETED') {
      this.store.delete(key);
      if (rv) this.rv = rv;
      this.emit('delete', prev ?? this.transform(ev.object), undefined);
      return;
    }
    if (ev.type !== 'ADDED' && ev.type !== 'MODIFIED') return; // unknown types are skipped, as client-go logs and skips
    const obj = this.transform(ev.object);
    this.store.set(key, obj);
    if (rv) this.rv = rv;
    this.emit(prev ? 'update' : 'add', obj, prev);
  }
}
