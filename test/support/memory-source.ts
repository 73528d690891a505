// An in-memory NetworkSource for exact, fast assertions on the Multus core (the real sources are
// tested against the fake API server and real files).
import { cniError } from '../../src/errors/catalogue.ts';
import type { LookupOptions, NadInfo, NetworkSource, PodEvent, PodInfo, PodKey } from '../../src/multus/sources/types.ts';

export class MemorySource implements NetworkSource {
  readonly kind = 'kubernetes' as const;
  readonly pods = new Map<string, PodInfo>();
  readonly nads = new Map<string, NadInfo>();
  readonly statuses = new Map<string, string>();
  readonly events: Array<PodEvent & { pod: string }> = [];
  /** Counts of calls, as the API request figures of the benchmarks. */
  readonly calls = { getPod: 0, getNad: 0, setNetworkStatus: 0 };
  /** Make the next calls of a method fail with this error id. */
  failing: { method: keyof MemorySource['calls']; id: 'K8S_UNAVAILABLE' | 'K8S_NOT_FOUND' | 'K8S_API'; times: number } | undefined;

  addPod(namespace: string, name: string, uid: string, annotations: Record<string, string> = {}): void {
    this.pods.set(`${namespace}/${name}`, { namespace, name, uid, annotations });
  }

  addNad(namespace: string, name: string, config?: string, annotations: Record<string, string> = {}): void {
    this.nads.set(`${namespace}/${name}`, { namespace, name, ...(config !== undefined ? { config } : {}), annotations });
  }

  #maybeFail(method: keyof MemorySource['calls']): void {
    this.calls[method]++;
    const f = this.failing;
    if (f && f.method === method && f.times > 0) {
      f.times--;
      throw cniError(f.id, `injected ${f.id} for ${method}`);
    }
  }

  async getPod(key: PodKey, _opts?: LookupOptions): Promise<PodInfo | null> {
    this.#maybeFail('getPod');
    return this.pods.get(`${key.namespace}/${key.name}`) ?? null;
  }

  async getNad(namespace: string, name: string): Promise<NadInfo | null> {
    this.#maybeFail('getNad');
    return this.nads.get(`${namespace}/${name}`) ?? null;
  }

  async setNetworkStatus(pod: PodInfo, status: string): Promise<void> {
    this.#maybeFail('setNetworkStatus');
    this.statuses.set(`${pod.namespace}/${pod.name}`, status);
  }

  async recordEvent(pod: PodInfo, event: PodEvent): Promise<void> {
    this.events.push({ ...event, pod: `${pod.namespace}/${pod.name}` });
  }

  async notReadyReason(): Promise<string | undefined> {
    return undefined;
  }

  async close(): Promise<void> {}
}
