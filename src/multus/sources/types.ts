// Where pods and networks come from: the one interface the Multus core talks to. Two implementations:
// the Kubernetes API (kube.ts, production) and local files (local.ts: hosts without Kubernetes, the
// embedded default, and the demo). The core never knows which one it has.

// (the networks, default-network and network-status annotation names live beside their parsers:
// selection.ts and network-status.ts)
export const RESOURCE_NAME_ANNOTATION = 'k8s.v1.cni.cncf.io/resourceName';
export const CONFIG_SOURCE_ANNOTATION = 'kubernetes.io/config.source';
/** The containerd/CRI-O capability that hands a plugin every pod annotation in runtimeConfig. */
export const POD_ANNOTATIONS_CAPABILITY = 'io.kubernetes.cri.pod-annotations';

export interface PodKey {
  readonly namespace: string;
  readonly name: string;
}

/** The part of a pod Multus uses (objects are trimmed to this before caching). */
export interface PodInfo extends PodKey {
  readonly uid: string;
  readonly annotations: Readonly<Record<string, string>>;
  readonly resourceVersion?: string;
}

export interface NadInfo extends PodKey {
  /** spec.config; undefined or "" means "a file by name in confDir". */
  readonly config?: string;
  readonly annotations: Readonly<Record<string, string>>;
}

export interface PodEvent {
  readonly type: 'Normal' | 'Warning';
  readonly reason: string;
  readonly message: string;
}

export interface LookupOptions {
  readonly signal?: AbortSignal;
  /** Annotations the runtime handed over (POD_ANNOTATIONS_CAPABILITY); the local source uses them. */
  readonly runtimeAnnotations?: Readonly<Record<string, string>>;
  /** Pod UID from CNI_ARGS, for sources that synthesise pods. */
  readonly uid?: string;
}

export interface NetworkSource {
  /** Which implementation (for logs and STATUS). */
  readonly kind: 'kubernetes' | 'local';
  /** The pod, or null when it does not exist. Errors (API down, timeout) throw CniErrors. */
  getPod(key: PodKey, opts?: LookupOptions): Promise<PodInfo | null>;
  /** The NAD, or null when it does not exist. */
  getNad(namespace: string, name: string, opts?: LookupOptions): Promise<NadInfo | null>;
  /** Replace the pod's network-status annotation (text exactly as Multus writes it). */
  setNetworkStatus(pod: PodInfo, status: string, opts?: LookupOptions): Promise<void>;
  /** Best effort: a failure to record an event never fails an ADD. */
  recordEvent(pod: PodInfo, event: PodEvent): Promise<void>;
  /** Readiness of the source itself (STATUS): undefined when ready, else why not. */
  notReadyReason(): Promise<string | undefined>;
  close(): Promise<void>;
}
