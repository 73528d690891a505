// Injected misbehaviour: latency, canned error answers with the Status bodies the real server sends
// for those codes, dropped connections, and a pause that holds every request (an apiserver that
// accepts connections but does not answer, e.g. while etcd is unreachable).
import type { RequestInfo, RequestMatch, StatusBody } from './types.ts';
import { findResource } from './resources.ts';
import {
  badRequest, conflict, expired, forbidden, internalError, notFound, routeNotFound, serviceUnavailable, status,
  timeout, tooManyRequests, unauthorized, type GroupResource,
} from './status.ts';

export interface FailSpec {
  readonly status: number;
  readonly match?: RequestMatch;
  /** Sets the Retry-After header (and details.retryAfterSeconds for 429/503/504). 429 defaults to 1. */
  readonly retryAfterSeconds?: number;
  /** Replaces the default message. */
  readonly message?: string;
  /**
   * 429 only: answer as the max-in-flight / priority-and-fairness filter does, with a text/plain body
   * (no Status) — what a client really gets when the apiserver sheds load.
   */
  readonly plainText?: boolean;
}

export interface CannedResponse {
  readonly code: number;
  readonly headers: Record<string, string>;
  readonly body: StatusBody | string;
}

export type Latency = number | ((req: RequestInfo) => number);

export function matches(m: RequestMatch | undefined, req: RequestInfo): boolean {
  if (!m) return true;
  if (m.method && m.method.toUpperCase() !== req.method) return false;
  if (m.verb && m.verb !== req.verb) return false;
  if (m.resource && m.resource !== req.resource) return false;
  if (m.subresource !== undefined && m.subresource !== (req.subresource ?? '')) return false;
  if (m.pathRegex !== undefined) {
    const re = typeof m.pathRegex === 'string' ? new RegExp(m.pathRegex) : m.pathRegex;
    re.lastIndex = 0;
    if (!re.test(req.path)) return false;
  }
  return true;
}

function groupResource(req: RequestInfo): GroupResource | undefined {
  if (!req.isResourceRequest || !req.resource) return undefined;
  return findResource(req.group ?? '', req.version ?? '', req.resource) ?? { group: req.group ?? '', plural: req.resource };
}

export function cannedResponse(spec: FailSpec, req: RequestInfo): CannedResponse {
  const headers: Record<string, string> = {};
  const retry = spec.retryAfterSeconds ?? (spec.status === 429 ? 1 : undefined);
  if (retry !== undefined) headers['Retry-After'] = String(retry);
  const gr = groupResource(req);
  const name = req.name ?? '';
  const msg = spec.message;
  let body: StatusBody | string;
  switch (spec.status) {
    case 400: body = badRequest(msg ?? 'fake apiserver: injected bad request'); break;
    case 401: body = unauthorized(); break;
    case 403: body = forbidden(msg ?? 'forbidden: fake apiserver: injected', gr, name); break;
    case 404: body = gr && name ? notFound(gr, name) : routeNotFound(); break;
    case 409: body = conflict(gr ?? { group: '', plural: 'unknown' }, name, msg); break;
    case 410: body = expired(msg ?? 'The resourceVersion for the provided watch is too old.'); break;
    case 429:
      body = spec.plainText ? 'Too many requests, please try again later.\n' : tooManyRequests(msg ?? 'Too many requests, please try again later.', retry ?? 1);
      break;
    case 500: body = internalError(msg ?? 'fake apiserver: injected failure'); break;
    case 503: body = serviceUnavailable(msg ?? 'the server is currently unable to handle the request', retry); break;
    case 504: body = timeout(msg ?? 'request did not complete within requested timeout - context deadline exceeded', retry ?? 0); break;
    default: body = status(spec.status, spec.status >= 500 ? 'InternalError' : 'Unknown', msg ?? `fake apiserver: injected ${spec.status}`);
  }
  return { code: spec.status, headers, body };
}

interface Armed<T> {
  remaining: number;
  readonly value: T;
}

export class Faults {
  latency: Latency = 0;
  readonly #fails: Array<Armed<FailSpec>> = [];
  readonly #drops: Array<Armed<RequestMatch | undefined>> = [];
  #pause: { promise: Promise<void>; release: () => void } | undefined;

  failNext(n: number, spec: FailSpec): void {
    if (n > 0) this.#fails.push({ remaining: n, value: spec });
  }

  dropNext(n: number, match?: RequestMatch): void {
    if (n > 0) this.#drops.push({ remaining: n, value: match });
  }

  /** Consumes one armed failure matching `req`, first armed first. */
  takeFailure(req: RequestInfo): FailSpec | undefined {
    return take(this.#fails, (s) => matches(s.match, req))?.value;
  }

  takeDrop(req: RequestInfo): boolean {
    return take(this.#drops, (m) => matches(m, req)) !== undefined;
  }

  pause(): void {
    if (this.#pause) return;
    let release = () => {};
    const promise = new Promise<void>((r) => (release = r));
    this.#pause = { promise, release };
  }

  resume(): void {
    this.#pause?.release();
    this.#pause = undefined;
  }

  get paused(): boolean {
    return this.#pause !== undefined;
  }

  /** Waits out a pause, then the configured latency. */
  async gate(req: RequestInfo): Promise<void> {
    while (this.#pause) await this.#pause.promise;
    const ms = typeof this.latency === 'function' ? this.latency(req) : this.latency;
    if (ms > 0) await new Promise<void>((r) => setTimeout(r, ms).unref());
  }

  reset(): void {
    this.latency = 0;
    this.#fails.length = 0;
    this.#drops.length = 0;
    this.resume();
  }
}

/** Consumes one use of the first armed entry accepting the request; a box, since the value may be undefined. */
function take<T>(list: Array<Armed<T>>, ok: (v: T) => boolean): { value: T } | undefined {
  for (let i = 0; i < list.length; i++) {
    const a = list[i];
    if (!ok(a.value)) continue;
    if (--a.remaining <= 0) list.splice(i, 1);
    return { value: a.value };
  }
  return undefined;
}
