// The daemon's Kubernetes source: node-scoped pod and all-namespace NAD informers answer reads from
// memory (a warm ADD makes no API read at all); a cache miss or a UID that does not match the
// runtime's goes to the API live (Multus 4.2.0's stale-cache fix), then the rules of §3.2 apply.
// Writes (status, events) are the live source's.
import { Informer } from '../../k8s/informer.ts';
import { NAD_GROUP_PATH } from '../../k8s/client.ts';
import { podTrimmer, trimNad } from '../../k8s/trim.ts';
import type { NetworkAttachmentDefinition, Pod } from '../../k8s/types.ts';
import { KubeSource, nadInfo, podInfo } from './kube.ts';
import type { LookupOptions, NadInfo, NetworkSource, PodEvent, PodInfo, PodKey } from './types.ts';

export interface InformerSourceOptions {
  /** The node whose pods are cached (spec.nodeName); without one every pod of the cluster would be. */
  readonly nodeName?: string;
  readonly onError?: (err: unknown, what: string) => void;
}

export class InformerSource implements NetworkSource {
  readonly kind = 'kubernetes' as const;
  readonly live: KubeSource;
  readonly pods: Informer<Pod>;
  readonly nads: Informer<NetworkAttachmentDefinition>;
  /** Reads answered from the cache vs. from the API, for metrics and the P4 benchmark. */
  readonly reads = { cached: 0, live: 0 };

  constructor(live: KubeSource, opts: InformerSourceOptions = {}) {
    this.live = live;
    this.pods = new Informer<Pod>({
      client: live.client,
      path: '/api/v1/pods',
      ...(opts.nodeName ? { fieldSelector: `spec.nodeName=${opts.nodeName}` } : {}),
      transform: podTrimmer(),
      onError: (e, phase) => opts.onError?.(e, `pod ${phase}`),
    });
    this.nads = new Informer<NetworkAttachmentDefinition>({
      client: live.client,
      path: `${NAD_GROUP_PATH}/network-attachment-definitions`,
      transform: trimNad,
      onError: (e, phase) => opts.onError?.(e, `NAD ${phase}`),
    });
  }

  start(): this {
    this.pods.start();
    this.nads.start();
    return this;
  }

  async waitForSync(timeoutMs: number): Promise<boolean> {
    const [a, b] = await Promise.all([this.pods.waitForSync(timeoutMs), this.nads.waitForSync(timeoutMs)]);
    return a && b;
  }

  async getPod(key: PodKey, opts?: LookupOptions): Promise<PodInfo | null> {
    const hit = this.pods.get(key.namespace, key.name);
    if (hit && (!opts?.uid || hit.metadata.uid === opts.uid)) {
      this.reads.cached++;
      return podInfo(hit);
    }
    this.reads.live++;
    return this.live.getPod(key, opts);
  }

  async getNad(namespace: string, name: string, opts?: LookupOptions): Promise<NadInfo | null> {
    const hit = this.nads.get(namespace, name);
    if (hit) {
      this.reads.cached++;
      return nadInfo(hit);
    }
    this.reads.live++;
    return this.live.getNad(namespace, name, opts);
  }

  setNetworkStatus(pod: PodInfo, status: string, opts?: LookupOptions): Promise<void> {
    return this.live.setNetworkStatus(pod, status, opts);
  }

  recordEvent(pod: PodInfo, event: PodEvent): Promise<void> {
    return this.live.recordEvent(pod, event);
  }

  async notReadyReason(): Promise<string | undefined> {
    if (!this.pods.hasSynced() || !this.nads.hasSynced()) return 'the pod and NAD caches have not synced yet';
    return this.live.notReadyReason();
  }

  async close(): Promise<void> {
    await Promise.all([this.pods.stop(), this.nads.stop()]);
    await this.live.close();
  }
}
