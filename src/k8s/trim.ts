// Informer transforms: what of a pod or NAD stays in memory. A pod as the API returns it is 5–20 KB of
// JSON (managedFields, spec.containers, status.conditions…); Multus reads a handful of fields. Keeping
// only those makes the node-scoped cache a few hundred bytes per pod, which is what keeps the daemon's
// RSS flat however busy the node (multus.md §7.4: OOM kills under bursts, #1427 asks for this).
import type { KubeObject, NetworkAttachmentDefinition, ObjectMeta, Pod } from './types.ts';

/** Pod annotations Multus reads: network selection, the default-network override, static-pod rules. */
export const DEFAULT_POD_ANNOTATIONS: readonly string[] = [
  'k8s.v1.cni.cncf.io/networks',
  'v1.multus-cni.io/default-network',
  'kubernetes.io/config.source',
  'kubernetes.io/config.mirror',
];

export interface PodTrimOptions {
  /** Annotation keys to keep (default DEFAULT_POD_ANNOTATIONS), or a predicate. */
  annotations?: readonly string[] | ((key: string) => boolean);
}

function keepMeta(m: ObjectMeta | undefined, keepAnnotation: (k: string) => boolean): ObjectMeta {
  const out: ObjectMeta = {};
  if (!m) return out;
  if (m.name !== undefined) out.name = m.name;
  if (m.namespace !== undefined) out.namespace = m.namespace;
  if (m.uid !== undefined) out.uid = m.uid;
  if (m.resourceVersion !== undefined) out.resourceVersion = m.resourceVersion;
  if (m.annotations) {
    let a: Record<string, string> | undefined;
    for (const [k, v] of Object.entries(m.annotations)) {
      if (!keepAnnotation(k)) continue;
      (a ??= {})[k] = v;
    }
    if (a) out.annotations = a;
  }
  return out;
}

/** A transform keeping metadata.{name,namespace,uid,resourceVersion}, the chosen annotations and spec.nodeName. */
export function podTrimmer(o: PodTrimOptions = {}): (raw: KubeObject) => Pod {
  const sel = o.annotations ?? DEFAULT_POD_ANNOTATIONS;
  const keep = typeof sel === 'function' ? sel : ((set: Set<string>) => (k: string) => set.has(k))(new Set(sel));
  return (raw) => {
    const pod: Pod = { metadata: keepMeta(raw.metadata, keep) };
    const nodeName = (raw as Pod).spec?.nodeName;
    if (nodeName !== undefined) pod.spec = { nodeName };
    return pod;
  };
}

/** NADs: metadata (all annotations: `k8s.v1.cni.cncf.io/resourceName` lives there) and spec.config. */
export function trimNad(raw: KubeObject): NetworkAttachmentDefinition {
  const nad: NetworkAttachmentDefinition = { metadata: keepMeta(raw.metadata, () => true) };
  const config = (raw as NetworkAttachmentDefinition).spec?.config;
  nad.spec = config === undefined ? {} : { config };
  return nad;
}
