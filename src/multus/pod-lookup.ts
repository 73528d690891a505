// Finding the pod of a CNI call (multus.md §3.2), with the timeouts configurable instead of Multus'
// hard-coded 250 ms / 2.5 s (#1461): transient API failures are retried until podLookupTimeoutMs; a
// pod that does not exist is `null`; a UID that does not match fails an ADD and makes a DEL work from
// its cache only. Static (mirror) pods are exempt from the UID rule.
import { CniError, cniError } from '../errors/catalogue.ts';
import type { Logger } from '../util/logger.ts';
import type { K8sArgs } from './k8s-args.ts';
import { CONFIG_SOURCE_ANNOTATION, type NetworkSource, type PodInfo } from './sources/types.ts';

export interface PodLookupOptions {
  readonly command: 'ADD' | 'DEL';
  readonly timeoutMs: number;
  readonly retryIntervalMs?: number;
  readonly runtimeAnnotations?: Readonly<Record<string, string>>;
  readonly log: Logger;
  readonly signal?: AbortSignal;
}

const RETRIED = new Set(['K8S_UNAVAILABLE', 'K8S_TIMEOUT']);

export function isStaticPod(pod: PodInfo): boolean {
  const src = pod.annotations[CONFIG_SOURCE_ANNOTATION];
  return src !== undefined && src !== 'api';
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The pod, or null when there is none (no pod args, not found, or — on DEL — a UID mismatch). */
export async function lookupPod(source: NetworkSource, args: K8sArgs, opts: PodLookupOptions): Promise<PodInfo | null> {
  if (!args.podName || !args.podNamespace) return null;
  const key = { namespace: args.podNamespace, name: args.podName };
  const deadline = Date.now() + opts.timeoutMs;
  const lookup = {
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.runtimeAnnotations ? { runtimeAnnotations: opts.runtimeAnnotations } : {}),
    ...(args.podUid ? { uid: args.podUid } : {}),
  };
  let pod: PodInfo | null;
  for (let attempt = 0; ; attempt++) {
    try {
      pod = await source.getPod(key, lookup);
      break;
    } catch (e) {
      if (!(e instanceof CniError) || !RETRIED.has(e.id) || Date.now() >= deadline) {
        throw e instanceof CniError ? e.withPrefix('error waiting for pod: ') : e;
      }
      opts.log.verbose('pod lookup failed, retrying', { attempt, error: e.message });
      await sleep(Math.min(opts.retryIntervalMs ?? 100 * 2 ** Math.min(attempt, 4), Math.max(0, deadline - Date.now())));
    }
  }
  if (!pod) {
    if (opts.command === 'ADD') opts.log.verbose(`Warning: GetPod for [${key.namespace}/${key.name}] resulted in pod not found during CNI ADD`);
    return null;
  }
  if (args.podUid && pod.uid && pod.uid !== args.podUid && !isStaticPod(pod)) {
    if (opts.command === 'ADD') throw cniError('K8S_NOT_FOUND', `expected pod UID "${args.podUid}" but got "${pod.uid}" from Kube API`);
    opts.log.verbose('pod UID mismatch on DEL: working from the cache only', { expected: args.podUid, got: pod.uid });
    return null;
  }
  return pod;
}
