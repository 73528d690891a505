// The fake's etcd plus watch cache: objects per storage bucket, one cluster-wide resourceVersion
// counter bumped by every write (etcd's revision), and per-bucket event history. The history is what
// a watch from a given resourceVersion replays, and what "exact" lists and continue tokens rebuild
// older states from; compaction (or the history limit) makes older versions answer 410 Expired.
//
// Stored objects are deep-frozen and never mutated: history entries share them, and a handler that
// modified one by mistake would silently rewrite the past.
import type { KubeObject } from './types.ts';

export interface StoredEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly rv: number;
  readonly key: string;
  /** The new state; for DELETED the last state carrying the deletion's resourceVersion. */
  readonly object: KubeObject;
  /** The state before (MODIFIED, DELETED): watch filters need it to turn selector exits into DELETED. */
  readonly prev?: KubeObject;
}

export type StoreListener = (ev: StoredEvent) => void;

class Bucket {
  readonly objects = new Map<string, KubeObject>();
  history: StoredEvent[] = [];
  /** Lowest resourceVersion a watch may resume from (the watch cache's "oldest - 1"). */
  floor = 0;
  readonly listeners = new Set<StoreListener>();
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

function withRv(o: KubeObject, rv: number): KubeObject {
  const copy = structuredClone(o);
  copy.metadata.resourceVersion = String(rv);
  return deepFreeze(copy);
}

export class Store {
  #rv: number;
  readonly #buckets = new Map<string, Bucket>();
  readonly #advance = new Set<() => void>();
  readonly historyLimit: number;

  constructor(opts: { historyLimit?: number; startResourceVersion?: number } = {}) {
    this.historyLimit = Math.max(1, opts.historyLimit ?? 10_000);
    this.#rv = opts.startResourceVersion ?? 1;
  }

  get resourceVersion(): number {
    return this.#rv;
  }

  #bucket(name: string): Bucket {
    let b = this.#buckets.get(name);
    if (!b) {
      b = new Bucket();
      this.#buckets.set(name, b);
    }
    return b;
  }

  /** The stored (frozen) object, or undefined. */
  get(bucket: string, key: string): KubeObject | undefined {
    return this.#bucket(bucket).objects.get(key);
  }

  /** Current objects, in etcd key order. */
  current(bucket: string): KubeObject[] {
    const objects = this.#bucket(bucket).objects;
    return [...objects.keys()].sort().map((k) => objects.get(k) as KubeObject);
  }

  /** Current objects in first-creation order (a Map keeps insertion order across replacements). */
  inserted(bucket: string): KubeObject[] {
    return [...this.#bucket(bucket).objects.values()];
  }

  floor(bucket: string): number {
    return this.#bucket(bucket).floor;
  }

  /**
   * The bucket's objects as of resourceVersion `rv` (key → object), rebuilt by undoing newer
   * history; 'expired' when the history that would be needed was compacted away.
   */
  stateAt(bucket: string, rv: number): Map<string, KubeObject> | 'expired' {
    const b = this.#bucket(bucket);
    const state = new Map(b.objects);
    if (rv >= this.#rv) return state;
    if (rv < b.floor) return 'expired';
    for (let i = b.history.length - 1; i >= 0; i--) {
      const ev = b.history[i];
      if (ev.rv <= rv) break;
      if (ev.type === 'ADDED') state.delete(ev.key);
      else state.set(ev.key, ev.prev as KubeObject);
    }
    return state;
  }

  /** History events with rv > `after`, oldest first (callers have checked `after` against the floor). */
  since(bucket: string, after: number): StoredEvent[] {
    const h = this.#bucket(bucket).history;
    let i = h.length;
    while (i > 0 && h[i - 1].rv > after) i--;
    return h.slice(i);
  }

  insert(bucket: string, key: string, obj: KubeObject): KubeObject {
    const b = this.#bucket(bucket);
    if (b.objects.has(key)) throw new Error(`store: ${bucket}/${key} exists`);
    const stored = withRv(obj, ++this.#rv);
    b.objects.set(key, stored);
    this.#record(b, { type: 'ADDED', rv: this.#rv, key, object: stored });
    return stored;
  }

  replace(bucket: string, key: string, obj: KubeObject): KubeObject {
    const b = this.#bucket(bucket);
    const prev = b.objects.get(key);
    if (!prev) throw new Error(`store: ${bucket}/${key} missing`);
    const stored = withRv(obj, ++this.#rv);
    b.objects.set(key, stored);
    this.#record(b, { type: 'MODIFIED', rv: this.#rv, key, object: stored, prev });
    return stored;
  }

  /** Removes the object; returns its last state stamped with the deletion's resourceVersion, as etcd3's Delete does. */
  remove(bucket: string, key: string): KubeObject {
    const b = this.#bucket(bucket);
    const prev = b.objects.get(key);
    if (!prev) throw new Error(`store: ${bucket}/${key} missing`);
    const gone = withRv(prev, ++this.#rv);
    b.objects.delete(key);
    this.#record(b, { type: 'DELETED', rv: this.#rv, key, object: gone, prev });
    return gone;
  }

  #record(b: Bucket, ev: StoredEvent): void {
    b.history.push(ev);
    if (b.history.length > this.historyLimit) {
      b.history.splice(0, b.history.length - this.historyLimit);
      b.floor = b.history[0].rv - 1;
    }
    for (const l of [...b.listeners]) l(ev);
    for (const f of [...this.#advance]) f();
  }

  /** Drops all history, as an etcd compaction plus a watch cache re-list do: only "now" can be resumed from. */
  compact(): void {
    for (const b of this.#buckets.values()) {
      b.history = [];
      b.floor = this.#rv;
    }
  }

  subscribe(bucket: string, fn: StoreListener): () => void {
    const b = this.#bucket(bucket);
    b.listeners.add(fn);
    return () => b.listeners.delete(fn);
  }

  /** Calls `fn` after every write (any bucket): for requests waiting for a resourceVersion to arrive. */
  onAdvance(fn: () => void): () => void {
    this.#advance.add(fn);
    return () => this.#advance.delete(fn);
  }
}
