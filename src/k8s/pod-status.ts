// Writing a pod's status (Multus' network-status annotation) with the retries Multus does: a 409
// conflict means someone else wrote the pod since we read it, so read it again and reapply; 429/5xx
// and timeouts wait with backoff. Bounded in attempts and total time (retry.ts).
import type { CallOptions, KubeClient } from './client.ts';
import { isConflict, isTransient, retryWithBackoff, type BackoffOptions } from './retry.ts';
import type { Pod } from './types.ts';

export interface StatusWriteOptions extends BackoffOptions {
  /** A pod just read (from an informer): the first attempt PUTs it without a GET. */
  initial?: Pod;
  /** Per-call timeout cap; each call also gets at most the time left of totalTimeoutMs. */
  callTimeoutMs?: number;
}

/**
 * Multus' conflict retry is client-go's retry.DefaultRetry (5 steps, 10 ms, jitter 0.1, no growth). We
 * double each delay (10, 20, 40, 80 ms): as quick for a conflict, and a 5xx gets a little more room.
 */
export const MULTUS_STATUS_BACKOFF: BackoffOptions = { attempts: 5, initialDelayMs: 10, factor: 2, jitter: 0.1 };

function callOptions(o: StatusWriteOptions, remainingMs: number): CallOptions {
  const timeoutMs = Math.max(1, Math.min(o.callTimeoutMs ?? remainingMs, remainingMs));
  return { timeoutMs, signal: o.signal };
}

/**
 * GET (or `initial`), `mutate`, PUT pods/{name}/status; on 409 GET again and repeat. `mutate` edits the
 * pod in place and returns false to skip the write (then the result is undefined). The pod it gets is
 * a fresh copy each attempt.
 */
export async function updatePodStatusWithRetry(
  client: KubeClient,
  ns: string,
  name: string,
  mutate: (pod: Pod) => boolean | void,
  o: StatusWriteOptions = {},
): Promise<Pod | undefined> {
  let cached: Pod | undefined = o.initial ? structuredClone(o.initial) : undefined;
  return retryWithBackoff(
    async ({ remainingMs }) => {
      const pod = cached ?? (await client.getPod(ns, name, callOptions(o, remainingMs)));
      cached = undefined; // a retry always reads the live object
      if (mutate(pod) === false) return undefined;
      return client.updatePodStatus(pod, callOptions(o, remainingMs));
    },
    (e) => isConflict(e) || isTransient(e),
    { ...MULTUS_STATUS_BACKOFF, ...o },
  );
}

/** Merge-patches status annotations (no GET, no conflict unless `resourceVersion` is given). */
export async function patchPodStatusAnnotationsWithRetry(
  client: KubeClient,
  ns: string,
  name: string,
  annotations: Record<string, string | null>,
  o: StatusWriteOptions & { resourceVersion?: string } = {},
): Promise<Pod> {
  return retryWithBackoff(
    ({ remainingMs }) => client.patchPodStatusAnnotations(ns, name, annotations, o.resourceVersion, callOptions(o, remainingMs)),
    (e) => isTransient(e),
    { ...MULTUS_STATUS_BACKOFF, ...o },
  );
}
