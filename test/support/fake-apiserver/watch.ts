// WATCH as the cacher serves it: a chunked 200 response of newline-delimited {"type","object"} frames.
// The starting point follows the resourceVersion rules (unset/"0": the current objects as ADDED, then
// changes; N: the history after N), selectors are applied to both the old and new state so an object
// leaving the selection is a DELETED and one entering it an ADDED, and failures found after the
// stream started (too old, too large) are a single ERROR frame carrying a Status, then the end.
import type { ServerResponse } from 'node:http';
import type { KubeObject, StatusBody, WatchEvent } from './types.ts';
import { apiVersionOf, type ResourceType } from './resources.ts';
import type { Store, StoredEvent } from './store.ts';
import { ApiError, expired } from './status.ts';
import { objectMatcher, parseRv, validateListOptions, waitForRv, type ListQuery } from './list.ts';
import { present } from './objects.ts';
import type { Matcher } from './selectors.ts';

export interface WatchRequest {
  readonly rt: ResourceType;
  readonly namespace: string | undefined;
  readonly query: ListQuery & { readonly timeoutSeconds?: string };
  readonly bookmarkIntervalMs: number;
  readonly tooLargeWaitMs: number;
}

const truthy = (v: string | undefined): boolean => v !== undefined && ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(v);

/** One open watch response. The server keeps these to end them on closeWatches()/close(). */
export class WatchStream {
  readonly res: ServerResponse;
  #open = true;
  readonly #cleanups: Array<() => void> = [];

  constructor(res: ServerResponse) {
    this.res = res;
    res.on('close', () => this.#finish());
  }

  get open(): boolean {
    return this.#open && !this.res.destroyed;
  }

  onFinish(fn: () => void): void {
    if (this.#open) this.#cleanups.push(fn);
    else fn();
  }

  send(ev: WatchEvent): void {
    if (this.open) this.res.write(`${JSON.stringify(ev)}\n`);
  }

  /** Ends the stream cleanly (the terminating chunk), as a timeout or graceful shutdown does. */
  end(): void {
    if (this.open) this.res.end();
    this.#finish();
  }

  /** Drops the connection, as a crashed apiserver or a broken network does. */
  destroy(): void {
    this.res.socket?.destroy();
    this.res.destroy();
    this.#finish();
  }

  #finish(): void {
    if (!this.#open) return;
    this.#open = false;
    for (const fn of this.#cleanups.splice(0)) fn();
  }
}

/** Checks everything a real server rejects with an HTTP error before the stream starts. */
export function validateWatch(req: WatchRequest): Matcher {
  validateListOptions(req.query);
  const rv = req.query.resourceVersion;
  if (rv) parseRv(rv);
  return objectMatcher(req.rt, req.namespace, req.query);
}

/** cacheWatcher.convertToWatchEvent: the event as seen through this watch's filter, or nothing. */
function filtered(rt: ResourceType, ev: StoredEvent, matches: Matcher): WatchEvent | undefined {
  const cur = ev.type !== 'DELETED' && matches(ev.object);
  const old = ev.prev !== undefined && matches(ev.prev);
  if (cur) return { type: old ? 'MODIFIED' : 'ADDED', object: present(rt, ev.object) };
  if (!old) return undefined;
  const gone = present(rt, ev.prev as KubeObject);
  gone.metadata.resourceVersion = String(ev.rv); // the previous state, stamped with the event's version
  return { type: 'DELETED', object: gone };
}

function bookmark(rt: ResourceType, rv: number, initialEventsEnd = false): WatchEvent {
  const metadata: KubeObject['metadata'] = { resourceVersion: String(rv) };
  if (initialEventsEnd) metadata.annotations = { 'k8s.io/initial-events-end': 'true' };
  return { type: 'BOOKMARK', object: { kind: rt.kind, apiVersion: apiVersionOf(rt), metadata } };
}

/** Runs the watch on an already-validated request whose 200 headers have been sent. */
export async function runWatch(store: Store, stream: WatchStream, req: WatchRequest, matches: Matcher): Promise<void> {
  const { rt, query } = req;
  const fail = (body: StatusBody) => {
    stream.send({ type: 'ERROR', object: body });
    stream.end();
  };
  const timeoutSeconds = query.timeoutSeconds ? Number(query.timeoutSeconds) : 0;
  if (timeoutSeconds > 0) {
    const t = setTimeout(() => stream.end(), timeoutSeconds * 1000);
    t.unref();
    stream.onFinish(() => clearTimeout(t));
  }
  const rvParam = query.resourceVersion ?? '';
  const initialEvents = query.sendInitialEvents !== undefined ? truthy(query.sendInitialEvents) : rvParam === '' || rvParam === '0';
  let from = store.resourceVersion;
  if (rvParam !== '' && rvParam !== '0') {
    const rv = parseRv(rvParam);
    try {
      await waitForRv(store, rv, req.tooLargeWaitMs);
    } catch (e) {
      if (e instanceof ApiError) return fail(e.body);
      throw e;
    }
    if (!stream.open) return;
    if (!initialEvents) {
      const floor = store.floor(rt.bucket);
      if (rv < floor) return fail(expired(`too old resource version: ${rv} (${floor})`));
      from = rv;
    }
  }
  // From here on everything is synchronous until subscribe(): no write can slip between replay and live.
  if (initialEvents) {
    from = store.resourceVersion;
    for (const o of store.current(rt.bucket)) if (matches(o)) stream.send({ type: 'ADDED', object: present(rt, o) });
    if (query.sendInitialEvents !== undefined && truthy(query.allowWatchBookmarks)) stream.send(bookmark(rt, from, true));
  } else {
    for (const ev of store.since(rt.bucket, from)) {
      const out = filtered(rt, ev, matches);
      if (out) stream.send(out);
    }
  }
  stream.onFinish(store.subscribe(rt.bucket, (ev) => {
    const out = filtered(rt, ev, matches);
    if (out) stream.send(out);
  }));
  if (truthy(query.allowWatchBookmarks)) {
    // every delivered event precedes the bookmark, so the current revision is a safe resume point
    const t = setInterval(() => stream.send(bookmark(rt, store.resourceVersion)), req.bookmarkIntervalMs);
    t.unref();
    stream.onFinish(() => clearInterval(t));
  }
}
