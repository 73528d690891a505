// Minimal shapes of the Kubernetes objects Multus reads and writes. Only the fields Multus uses are
// typed; everything else the API returns is kept (index signatures) so a pod read and PUT back to
// pods/status loses nothing. We do not use client-node's generated models: importing them costs ~80 MB
// of RSS (see README.md), and these few interfaces are all the code needs.

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
  [key: string]: unknown;
}

export interface ListMeta {
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
}

/** Any object with metadata: what the informer and the store handle. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [key: string]: unknown;
}

export interface PodSpec {
  nodeName?: string;
  [key: string]: unknown;
}

export interface PodStatus {
  phase?: string;
  [key: string]: unknown;
}

export interface Pod extends KubeObject {
  metadata: ObjectMeta;
  spec?: PodSpec;
  status?: PodStatus;
}

/** k8s.cni.cncf.io/v1 NetworkAttachmentDefinition. `spec.config` is the CNI JSON as text (may be empty). */
export interface NetworkAttachmentDefinition extends KubeObject {
  metadata: ObjectMeta;
  spec?: { config?: string; [key: string]: unknown };
}

export interface KubeList<T> {
  apiVersion?: string;
  kind?: string;
  metadata?: ListMeta;
  items: T[];
}

/** meta/v1 Status, the body of every API error (and of watch ERROR events). */
export interface Status {
  kind?: 'Status';
  apiVersion?: string;
  status?: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  code?: number;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    retryAfterSeconds?: number;
    causes?: { reason?: string; message?: string; field?: string }[];
  };
}

export interface ObjectReference {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

/** core/v1 Event: the fields Multus fills for `AddedInterface` and friends. */
export interface CoreEvent extends KubeObject {
  metadata: ObjectMeta;
  involvedObject: ObjectReference;
  reason?: string;
  message?: string;
  type?: 'Normal' | 'Warning';
  source?: { component?: string; host?: string };
  firstTimestamp?: string;
  lastTimestamp?: string;
  count?: number;
  reportingComponent?: string;
  reportingInstance?: string;
}

/** GET /version */
export interface VersionInfo {
  major: string;
  minor: string;
  gitVersion: string;
  [key: string]: unknown;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/** One line of a watch stream. For ERROR the object is a Status. */
export interface WatchEvent<T = KubeObject> {
  type: WatchEventType;
  object: T;
}

/** `ns/name` (or `name` for cluster-scoped objects): the key of informer stores, as client-go's. */
export function objectKey(o: { metadata?: { namespace?: string; name?: string } }): string {
  const ns = o.metadata?.namespace;
  const name = o.metadata?.name ?? '';
  return ns ? `${ns}/${name}` : name;
}
