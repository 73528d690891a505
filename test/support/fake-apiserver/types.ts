// Shapes shared by the fake kube-apiserver's parts. Objects are plain JSON, as they are on the wire:
// the fake never needs typed Pods, only the few fields it routes, selects and versions on.

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: unknown[];
  finalizers?: string[];
  [key: string]: unknown;
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchEvent {
  type: WatchEventType;
  object: KubeObject | StatusBody;
}

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

/** metav1.Status, the body of every API error (and of the 410 watch ERROR event). */
export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

/** What the apiserver's RequestInfoFactory derives from a request; also what faults match on. */
export interface RequestInfo {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** get, list, watch, create, update, patch, delete, deletecollection; lower-case HTTP method otherwise. */
  readonly verb: string;
  readonly isResourceRequest: boolean;
  readonly apiPrefix?: 'api' | 'apis';
  readonly group?: string;
  readonly version?: string;
  readonly namespace?: string;
  readonly resource?: string;
  readonly name?: string;
  readonly subresource?: string;
  /** Path segments after the subresource (e.g. `pods/x/proxy/...`), which the fake does not serve. */
  readonly extraPath?: boolean;
}

export interface RequestLogEntry {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly verb: string;
  readonly resource?: string;
  readonly subresource?: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly watch: boolean;
  /** HTTP status sent (0 while pending, or when the connection was dropped without an answer). */
  status: number;
  /** Milliseconds from arrival until the response ended (for a watch: until the stream closed). */
  ms: number;
  dropped?: boolean;
}

/** Selects requests for faults and counting. Every given field must match. */
export interface RequestMatch {
  readonly method?: string;
  readonly pathRegex?: RegExp | string;
  readonly verb?: string;
  readonly resource?: string;
  readonly subresource?: string;
}

export type RequestFilter = RequestMatch | ((entry: RequestLogEntry) => boolean);
