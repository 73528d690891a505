// Retry with exponential backoff, bounded both in attempts and in total time, for API writes. The total
// bound matters more than the count: a CNI ADD has a deadline (the runtime's), and a status write that
// sleeps past it only delays the failure.
import { isKubeError, type KubeError } from './errors.ts';

export interface BackoffOptions {
  /** Attempts in all, the first included (default 5, as client-go's retry.DefaultRetry). */
  attempts?: number;
  /** Delay after the first failure (default 10 ms, DefaultRetry's). */
  initialDelayMs?: number;
  /** Growth per attempt (default 2). */
  factor?: number;
  /** Cap of one delay (default 1 s). */
  maxDelayMs?: number;
  /** Up to this fraction is added at random to each delay, so a burst of writers spreads (default 0.1). */
  jitter?: number;
  /** No attempt starts after this much time since the first (default 10 s). */
  totalTimeoutMs?: number;
  signal?: AbortSignal;
  /** Injectable for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  now?: () => number;
  /** Called before each wait (logging). */
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
}

export interface AttemptInfo {
  /** 1 for the first attempt. */
  attempt: number;
  /** Time left of totalTimeoutMs: a call can use it as its own timeout. */
  remainingMs: number;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The delay before attempt `attempt + 1`, before jitter. */
export function backoffDelay(attempt: number, o: BackoffOptions = {}): number {
  const initial = o.initialDelayMs ?? 10;
  const factor = o.factor ?? 2;
  const max = o.maxDelayMs ?? 1000;
  return Math.min(max, initial * factor ** (attempt - 1));
}

/**
 * Runs `fn` until it succeeds, `shouldRetry` says no, the attempts run out or the next wait would end
 * after the total time; then rethrows the last error. A KubeError with retryAfterMs (429 Retry-After,
 * or Status.details.retryAfterSeconds) waits at least that long; if that is past the deadline it fails
 * at once rather than retrying too early.
 */
export async function retryWithBackoff<T>(
  fn: (info: AttemptInfo) => Promise<T>,
  shouldRetry: (err: unknown, attempt: number) => boolean,
  o: BackoffOptions = {},
): Promise<T> {
  const attempts = Math.max(1, o.attempts ?? 5);
  const total = o.totalTimeoutMs ?? 10_000;
  const jitter = o.jitter ?? 0.1;
  const now = o.now ?? Date.now;
  const random = o.random ?? Math.random;
  const wait = o.sleep ?? sleep;
  const start = now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn({ attempt, remainingMs: Math.max(0, start + total - now()) });
    } catch (e) {
      if (attempt >= attempts || !shouldRetry(e, attempt) || o.signal?.aborted) throw e;
      let delay = backoffDelay(attempt, o);
      delay += delay * jitter * random();
      const asked = isKubeError(e) ? (e as KubeError).retryAfterMs : undefined;
      if (asked !== undefined) delay = Math.max(delay, asked);
      if (now() + delay - start >= total) throw e;
      o.onRetry?.(e, attempt, delay);
      await wait(Math.round(delay), o.signal);
    }
  }
}

/** 429, 5xx, refused/reset connections and timeouts: worth another try of an idempotent call. */
export function isTransient(e: unknown): boolean {
  return isKubeError(e, 'K8S_UNAVAILABLE') || isKubeError(e, 'K8S_TIMEOUT');
}

export function isConflict(e: unknown): boolean {
  return isKubeError(e, 'K8S_CONFLICT');
}
