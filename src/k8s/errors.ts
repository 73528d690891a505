// API errors as catalogue errors that also keep what callers branch on: the HTTP status, the Status
// reason, and the server's Retry-After. The message is the API server's own `Status.message` when it
// sent one (`pods "x" not found`), so logs read as they do with Go Multus.
import { CniError, type ErrorId } from '../errors/catalogue.ts';
import type { Status } from './types.ts';

export class KubeError extends CniError {
  /** HTTP status code; 0 when no response arrived (connection refused, reset, timeout). */
  readonly status: number;
  /** Status.reason (`NotFound`, `Conflict`, …), or the network error code (`ECONNREFUSED`), or `Timeout`. */
  readonly reason: string;
  /** How long the server asked us to wait (Retry-After header or Status.details.retryAfterSeconds). */
  readonly retryAfterMs: number | undefined;

  constructor(
    id: ErrorId,
    msg: string,
    details: string | undefined,
    fields: { status: number; reason: string; retryAfterMs?: number; cause?: unknown },
  ) {
    super(id, msg, details, fields.cause === undefined ? undefined : { cause: fields.cause });
    this.name = 'KubeError';
    this.status = fields.status;
    this.reason = fields.reason;
    this.retryAfterMs = fields.retryAfterMs;
  }
}

export function isKubeError(e: unknown, id?: ErrorId): e is KubeError {
  return e instanceof KubeError && (id === undefined || e.id === id);
}

/** The catalogue id for an HTTP status (the mapping of the brief and docs/errors.md). */
export function idForStatus(status: number): ErrorId {
  if (status === 404) return 'K8S_NOT_FOUND';
  if (status === 409) return 'K8S_CONFLICT';
  if (status === 401 || status === 403) return 'K8S_FORBIDDEN';
  if (status === 410) return 'K8S_GONE';
  if (status === 429 || status >= 500) return 'K8S_UNAVAILABLE';
  return 'K8S_API';
}

// The reasons kube-apiserver uses for each code, for bodies that are not a Status (a proxy's HTML page).
const DEFAULT_REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  410: 'Gone',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

/** Retry-After is delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

function asStatus(body: string): Status | undefined {
  if (!body.startsWith('{')) return undefined;
  try {
    const o = JSON.parse(body) as unknown;
    if (o && typeof o === 'object' && (o as Status).kind === 'Status') return o as Status;
  } catch {
    // not JSON: fall through to the generic message
  }
  return undefined;
}

/** The error for a non-2xx response. `what` is `METHOD path`, for the details. */
export function errorFromResponse(what: string, status: number, body: string, retryAfterHeader?: string): KubeError {
  const st = asStatus(body);
  const reason = st?.reason || DEFAULT_REASONS[status] || 'Unknown';
  const retryAfterMs =
    parseRetryAfter(retryAfterHeader) ??
    (st?.details?.retryAfterSeconds !== undefined ? st.details.retryAfterSeconds * 1000 : undefined);
  const snippet = body.length > 200 ? body.slice(0, 200) + '…' : body;
  const msg = st?.message || (snippet ? `${what}: HTTP ${status}: ${snippet}` : `${what}: HTTP ${status}`);
  return new KubeError(idForStatus(status), msg, `${what}: HTTP ${status} ${reason}`, {
    status,
    reason,
    retryAfterMs,
  });
}

// Errors after which the server may well answer the next attempt: the server restarting or a load
// balancer dropping us. DNS failures are included: a restarting CoreDNS is transient too.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
]);

/** The error for a request that got no response. */
export function errorFromNetwork(what: string, err: unknown): KubeError {
  const code = (err as { code?: unknown })?.code;
  const reason = typeof code === 'string' ? code : 'Unknown';
  const message = err instanceof Error ? err.message : String(err);
  const id: ErrorId = UNAVAILABLE_CODES.has(reason) ? 'K8S_UNAVAILABLE' : 'K8S_API';
  return new KubeError(id, `${what}: ${message}`, undefined, { status: 0, reason, cause: err });
}

export function timeoutError(what: string, ms: number): KubeError {
  return new KubeError('K8S_TIMEOUT', `${what}: timed out after ${ms} ms`, undefined, { status: 0, reason: 'Timeout' });
}
