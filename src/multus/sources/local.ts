// The local-files source: Kubernetes objects as files, for hosts without Kubernetes (containerd hands
// every pod annotation to the plugin in runtimeConfig, so no API server is needed) and for the demo.
//   nadDir/     NetworkAttachmentDefinition objects, one or more per file (.json, .yaml, .yml; a List
//               or a YAML multi-document file works too); namespace defaults to "default"
//   podsFile    optional: Pod objects whose annotations apply when the runtime sends none
//   statusDir/  <namespace>/<name>.json: a Pod-shaped object holding the network-status annotation
//               (written atomically); events.jsonl: the events, one JSON object per line
import { appendFile, mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { cniError } from '../../errors/catalogue.ts';
import { writeFileAtomic } from '../../util/atomic-write.ts';
import { NETWORK_STATUS_ANNOTATION } from '../network-status.ts';
import { type LookupOptions, type NadInfo, type NetworkSource, type PodEvent, type PodInfo, type PodKey } from './types.ts';

export interface LocalSourceOptions {
  readonly nadDir: string;
  readonly podsFile?: string;
  readonly statusDir: string;
}

interface KubeObject {
  kind?: string;
  metadata?: { name?: string; namespace?: string; uid?: string; annotations?: Record<string, string> };
  spec?: { config?: string };
  items?: KubeObject[];
}

// Namespaces and names become path components of the status file: only DNS-1123 shapes are allowed,
// so a hostile CNI_ARGS value can never escape statusDir.
const DNS1123 = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

function checkKey(what: string, v: string): void {
  if (!DNS1123.test(v) || v.includes('..')) throw cniError('CONFIG_INVALID', `invalid pod ${what} ${JSON.stringify(v)}: must be a DNS-1123 name (lower case alphanumerics, '-', '.')`);
}

async function parseObjects(path: string, text: string): Promise<KubeObject[]> {
  let docs: unknown[];
  try {
    if (extname(path) === '.json') docs = [JSON.parse(text)];
    else {
      // YAML only when a YAML file exists: the thin plugin's per-call path stays free of the parser
      const { parseAllDocuments } = await import('yaml');
      docs = parseAllDocuments(text).map((d) => {
        if (d.errors.length) throw d.errors[0];
        return d.toJSON() as unknown;
      });
    }
  } catch (e) {
    throw cniError('CONFIG_PARSE', `${path}: cannot parse: ${(e as Error).message}`);
  }
  const out: KubeObject[] = [];
  const add = (o: unknown) => {
    if (o === null || o === undefined) return;
    if (Array.isArray(o)) return o.forEach(add);
    if (typeof o !== 'object') throw cniError('CONFIG_INVALID', `${path}: expected Kubernetes objects, found ${typeof o}`);
    const k = o as KubeObject;
    if (Array.isArray(k.items)) return k.items.forEach(add);
    out.push(k);
  };
  docs.forEach(add);
  return out;
}

interface Parsed {
  readonly stamp: string;
  readonly objects: KubeObject[];
}

export class LocalSource implements NetworkSource {
  readonly kind = 'local' as const;
  readonly #opts: LocalSourceOptions;
  readonly #files = new Map<string, Parsed>();

  constructor(opts: LocalSourceOptions) {
    this.#opts = Object.freeze({ ...opts });
  }

  // Re-read a file only when its mtime or size changed: the daemon calls this for every ADD.
  async #objects(path: string): Promise<KubeObject[]> {
    let st;
    try {
      st = await stat(path);
    } catch {
      this.#files.delete(path);
      return [];
    }
    const stamp = `${st.mtimeMs}:${st.size}`;
    const hit = this.#files.get(path);
    if (hit?.stamp === stamp) return hit.objects;
    const objects = await parseObjects(path, await readFile(path, 'utf8'));
    this.#files.set(path, { stamp, objects });
    return objects;
  }

  async #nads(): Promise<NadInfo[]> {
    let names: string[];
    try {
      names = (await readdir(this.#opts.nadDir)).filter((n) => ['.json', '.yaml', '.yml'].includes(extname(n))).sort();
    } catch {
      return [];
    }
    const out: NadInfo[] = [];
    for (const n of names) {
      for (const o of await this.#objects(join(this.#opts.nadDir, n))) {
        if (o.kind !== undefined && o.kind !== 'NetworkAttachmentDefinition') continue;
        const name = o.metadata?.name;
        if (!name) throw cniError('CONFIG_INVALID', `${join(this.#opts.nadDir, n)}: a NetworkAttachmentDefinition without metadata.name`);
        out.push({
          namespace: o.metadata?.namespace || 'default',
          name,
          ...(typeof o.spec?.config === 'string' ? { config: o.spec.config } : {}),
          annotations: { ...(o.metadata?.annotations ?? {}) },
        });
      }
    }
    return out;
  }

  async getNad(namespace: string, name: string): Promise<NadInfo | null> {
    return (await this.#nads()).find((n) => n.namespace === namespace && n.name === name) ?? null;
  }

  async getPod(key: PodKey, opts: LookupOptions = {}): Promise<PodInfo | null> {
    checkKey('namespace', key.namespace);
    checkKey('name', key.name);
    const fromFile = this.#opts.podsFile
      ? (await this.#objects(this.#opts.podsFile)).find((o) => (o.metadata?.namespace || 'default') === key.namespace && o.metadata?.name === key.name)
      : undefined;
    // Without an API server every sandbox the runtime creates is a pod: it always "exists". The
    // runtime's annotations win over the file's (they are what the pod really carries).
    return {
      namespace: key.namespace,
      name: key.name,
      uid: opts.uid || fromFile?.metadata?.uid || '',
      annotations: { ...(fromFile?.metadata?.annotations ?? {}), ...(opts.runtimeAnnotations ?? {}) },
    };
  }

  statusPath(key: PodKey): string {
    checkKey('namespace', key.namespace);
    checkKey('name', key.name);
    return join(this.#opts.statusDir, key.namespace, `${key.name}.json`);
  }

  async setNetworkStatus(pod: PodInfo, status: string): Promise<void> {
    const path = this.statusPath(pod);
    await mkdir(join(this.#opts.statusDir, pod.namespace), { recursive: true, mode: 0o755 });
    const obj = {
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name: pod.name, namespace: pod.namespace, uid: pod.uid, annotations: { [NETWORK_STATUS_ANNOTATION]: status } },
    };
    await writeFileAtomic(path, `${JSON.stringify(obj, null, 2)}\n`, 0o644);
  }

  /** The network-status text last written for a pod, or null. */
  async readNetworkStatus(key: PodKey): Promise<string | null> {
    try {
      const o = JSON.parse(await readFile(this.statusPath(key), 'utf8')) as KubeObject;
      return o.metadata?.annotations?.[NETWORK_STATUS_ANNOTATION] ?? null;
    } catch {
      return null;
    }
  }

  async recordEvent(pod: PodInfo, event: PodEvent): Promise<void> {
    try {
      await mkdir(this.#opts.statusDir, { recursive: true, mode: 0o755 });
      const line = { time: new Date().toISOString(), namespace: pod.namespace, pod: pod.name, uid: pod.uid, ...event };
      await appendFile(join(this.#opts.statusDir, 'events.jsonl'), `${JSON.stringify(line)}\n`);
    } catch {
      // events are informational: never fail an ADD for one
    }
  }

  async notReadyReason(): Promise<string | undefined> {
    try {
      await readdir(this.#opts.nadDir);
      return undefined;
    } catch (e) {
      return `NAD directory ${this.#opts.nadDir} is not readable: ${(e as Error).message}`;
    }
  }

  async close(): Promise<void> {
    this.#files.clear();
  }
}
