// The Kubernetes source: live API calls through our small client (src/k8s). Used by the thin plugin
// (one process per CNI call: no informer) and as the fallback of the daemon's informer-backed source.
// Every call has the configured timeout (Multus hard-codes 250 ms / 1 min, #1461).
import { hostname } from 'node:os';
import { KubeClient } from '../../k8s/client.ts';
import { isKubeError } from '../../k8s/errors.ts';
import { resolveKubeAccess, type ResolveOptions } from '../../k8s/kubeconfig.ts';
import { patchPodStatusAnnotationsWithRetry } from '../../k8s/pod-status.ts';
import type { NetworkAttachmentDefinition, Pod } from '../../k8s/types.ts';
import { NETWORK_STATUS_ANNOTATION } from '../network-status.ts';
import type { LookupOptions, NadInfo, NetworkSource, PodEvent, PodInfo, PodKey } from './types.ts';

export interface KubeSourceOptions {
  /** Per API call. */
  readonly timeoutMs: number;
  /** Bound on the whole status write with its retries (issue 9: 409/429/5xx retried with backoff). */
  readonly statusWriteTimeoutMs?: number;
}

export function podInfo(p: Pod): PodInfo {
  const m = p.metadata;
  return {
    namespace: m.namespace ?? '',
    name: m.name ?? '',
    uid: m.uid ?? '',
    annotations: { ...(m.annotations ?? {}) },
    ...(m.resourceVersion ? { resourceVersion: m.resourceVersion } : {}),
  };
}

export function nadInfo(n: NetworkAttachmentDefinition): NadInfo {
  return {
    namespace: n.metadata.namespace ?? '',
    name: n.metadata.name ?? '',
    ...(typeof n.spec?.config === 'string' ? { config: n.spec.config } : {}),
    annotations: { ...(n.metadata.annotations ?? {}) },
  };
}

export class KubeSource implements NetworkSource {
  readonly kind = 'kubernetes' as const;
  readonly client: KubeClient;
  readonly #opts: KubeSourceOptions;

  constructor(client: KubeClient, opts: KubeSourceOptions) {
    this.client = client;
    this.#opts = Object.freeze({ ...opts });
  }

  /** Multus' rule: a kubeconfig path, else in-cluster when its env is set, else no Kubernetes (null). */
  static async fromKubeconfig(kubeconfig: string, opts: KubeSourceOptions & ResolveOptions): Promise<KubeSource | null> {
    const access = await resolveKubeAccess(kubeconfig, opts);
    if (!access) return null;
    return new KubeSource(new KubeClient(access, { timeoutMs: opts.timeoutMs }), opts);
  }

  #call(opts?: LookupOptions): { timeoutMs: number; signal?: AbortSignal } {
    return { timeoutMs: this.#opts.timeoutMs, ...(opts?.signal ? { signal: opts.signal } : {}) };
  }

  async getPod(key: PodKey, opts?: LookupOptions): Promise<PodInfo | null> {
    try {
      return podInfo(await this.client.getPod(key.namespace, key.name, this.#call(opts)));
    } catch (e) {
      if (isKubeError(e, 'K8S_NOT_FOUND')) return null;
      throw e;
    }
  }

  async getNad(namespace: string, name: string, opts?: LookupOptions): Promise<NadInfo | null> {
    try {
      return nadInfo(await this.client.getNad(namespace, name, this.#call(opts)));
    } catch (e) {
      if (isKubeError(e, 'K8S_NOT_FOUND')) return null;
      throw e;
    }
  }

  // One merge patch of the annotation on pods/status: no GET, and no conflict to retry (Multus GETs
  // the pod and PUTs it whole, retrying on 409). The annotation is replaced wholesale, as Multus does.
  async setNetworkStatus(pod: PodInfo, status: string, opts?: LookupOptions): Promise<void> {
    await patchPodStatusAnnotationsWithRetry(this.client, pod.namespace, pod.name, { [NETWORK_STATUS_ANNOTATION]: status }, {
      callTimeoutMs: this.#opts.timeoutMs,
      totalTimeoutMs: this.#opts.statusWriteTimeoutMs ?? Math.max(this.#opts.timeoutMs, 10_000),
      ...(opts?.signal ? { signal: opts.signal } : {}),
    });
  }

  async recordEvent(pod: PodInfo, event: PodEvent): Promise<void> {
    const now = new Date().toISOString();
    try {
      await this.client.createEvent(pod.namespace, {
        metadata: { name: `${pod.name}.${Date.now().toString(16)}${Math.floor(Math.random() * 0xfff).toString(16)}`, namespace: pod.namespace },
        involvedObject: { apiVersion: 'v1', kind: 'Pod', namespace: pod.namespace, name: pod.name, uid: pod.uid, ...(pod.resourceVersion ? { resourceVersion: pod.resourceVersion } : {}) },
        reason: event.reason,
        message: event.message,
        type: event.type,
        source: { component: 'multus', host: hostname() },
        firstTimestamp: now,
        lastTimestamp: now,
        count: 1,
      }, { timeoutMs: this.#opts.timeoutMs });
    } catch {
      // events are informational: an ADD never fails for one
    }
  }

  async notReadyReason(): Promise<string | undefined> {
    try {
      await this.client.getVersion({ timeoutMs: this.#opts.timeoutMs });
      return undefined;
    } catch (e) {
      return `the Kubernetes API is not reachable: ${(e as Error).message}`;
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
