// The resource types the fake serves, described the way kube-apiserver's registry sees them: which
// fields are selectable, whether the type is a CRD (that changes list items, patch types and update
// preconditions), which storage they live in, and the discovery documents that advertise them.
import type { KubeObject } from './types.ts';
import type { GroupResource } from './status.ts';

type FieldGetter = (o: KubeObject) => string;

export interface ResourceType extends GroupResource {
  readonly version: string;
  readonly singular: string;
  readonly kind: string;
  readonly listKind: string;
  readonly shortNames: readonly string[];
  /** Storage key. Core and events.k8s.io Events are two views of one etcd prefix, as in the real server. */
  readonly bucket: string;
  /** Served by apiextensions: list items keep kind/apiVersion, no strategic merge patch, PUT needs a resourceVersion. */
  readonly custom: boolean;
  readonly statusSubresource: boolean;
  /** Selectable fields, read from the stored form. */
  readonly fields: Readonly<Record<string, FieldGetter>>;
  /** Field labels accepted and rewritten to a stored-form field (`spec.host`, events.k8s.io names). */
  readonly fieldAliases: Readonly<Record<string, string>>;
  /** Pods: the registry's PrepareForCreate resets status to a pending pod. */
  readonly resetStatusOnCreate: boolean;
  readonly toStorage?: (o: KubeObject) => KubeObject;
  readonly fromStorage?: (o: KubeObject) => KubeObject;
}

export function apiVersionOf(rt: { group: string; version: string }): string {
  return rt.group ? `${rt.group}/${rt.version}` : rt.version;
}

function get(o: unknown, path: string): unknown {
  let cur: unknown = o;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** A field's selector value: Go's zero value ("" / "false") when unset, so `spec.nodeName=` finds unscheduled pods. */
const field = (path: string, zero = ''): FieldGetter => (o) => {
  const v = get(o, path);
  return v === undefined || v === null ? zero : String(v);
};

const metaFields = { 'metadata.name': field('metadata.name'), 'metadata.namespace': field('metadata.namespace') };

const pods: ResourceType = {
  group: '', version: 'v1', plural: 'pods', singular: 'pod', kind: 'Pod', listKind: 'PodList', shortNames: ['po'],
  bucket: 'pods', custom: false, statusSubresource: true, resetStatusOnCreate: true,
  // pkg/registry/core/pod: PodToSelectableFields
  fields: {
    ...metaFields,
    'spec.nodeName': field('spec.nodeName'),
    'spec.restartPolicy': field('spec.restartPolicy'),
    'spec.schedulerName': field('spec.schedulerName'),
    'spec.serviceAccountName': field('spec.serviceAccountName'),
    'spec.hostNetwork': field('spec.hostNetwork', 'false'),
    'status.phase': field('status.phase'),
    'status.podIP': field('status.podIP'),
    'status.nominatedNodeName': field('status.nominatedNodeName'),
  },
  fieldAliases: { 'spec.host': 'spec.nodeName' },
};

const nads: ResourceType = {
  group: 'k8s.cni.cncf.io', version: 'v1', plural: 'network-attachment-definitions', singular: 'network-attachment-definition',
  kind: 'NetworkAttachmentDefinition', listKind: 'NetworkAttachmentDefinitionList', shortNames: ['net-attach-def'],
  bucket: 'network-attachment-definitions.k8s.cni.cncf.io', custom: true, statusSubresource: false, resetStatusOnCreate: false,
  fields: metaFields, // custom resources: only metadata.name/namespace (no selectableFields in the NPWG CRD)
  fieldAliases: {},
};

const coreEventFields = {
  ...metaFields,
  'involvedObject.kind': field('involvedObject.kind'),
  'involvedObject.namespace': field('involvedObject.namespace'),
  'involvedObject.name': field('involvedObject.name'),
  'involvedObject.uid': field('involvedObject.uid'),
  'involvedObject.apiVersion': field('involvedObject.apiVersion'),
  'involvedObject.resourceVersion': field('involvedObject.resourceVersion'),
  'involvedObject.fieldPath': field('involvedObject.fieldPath'),
  reason: field('reason'),
  reportingComponent: field('reportingComponent'),
  source: field('source.component'),
  type: field('type'),
};

const coreEvents: ResourceType = {
  group: '', version: 'v1', plural: 'events', singular: 'event', kind: 'Event', listKind: 'EventList', shortNames: ['ev'],
  bucket: 'events', custom: false, statusSubresource: false, resetStatusOnCreate: false,
  fields: coreEventFields, fieldAliases: {},
};

// events.k8s.io/v1 field <-> core/v1 field, for the fields that were renamed (the rest keep their name).
const EVENT_RENAMES: ReadonlyArray<readonly [core: string, v1: string]> = [
  ['involvedObject', 'regarding'],
  ['message', 'note'],
  ['source', 'deprecatedSource'],
  ['firstTimestamp', 'deprecatedFirstTimestamp'],
  ['lastTimestamp', 'deprecatedLastTimestamp'],
  ['count', 'deprecatedCount'],
  ['reportingComponent', 'reportingController'],
];

function renameFields(o: KubeObject, from: 0 | 1, apiVersion: string): KubeObject {
  const out: KubeObject = { ...o, apiVersion, kind: 'Event' };
  for (const pair of EVENT_RENAMES) {
    const src = pair[from];
    const dst = pair[1 - from] as string;
    if (src in out) {
      out[dst] = out[src];
      delete out[src];
    }
  }
  return out;
}

const eventsV1: ResourceType = {
  group: 'events.k8s.io', version: 'v1', plural: 'events', singular: 'event', kind: 'Event', listKind: 'EventList', shortNames: ['ev'],
  bucket: 'events', custom: false, statusSubresource: false, resetStatusOnCreate: false,
  fields: coreEventFields,
  fieldAliases: {
    'regarding.kind': 'involvedObject.kind',
    'regarding.namespace': 'involvedObject.namespace',
    'regarding.name': 'involvedObject.name',
    'regarding.uid': 'involvedObject.uid',
    'regarding.apiVersion': 'involvedObject.apiVersion',
    'regarding.resourceVersion': 'involvedObject.resourceVersion',
    'regarding.fieldPath': 'involvedObject.fieldPath',
    reportingController: 'reportingComponent',
    'deprecatedSource': 'source',
  },
  toStorage: (o) => renameFields(o, 1, 'v1'),
  fromStorage: (o) => renameFields(o, 0, 'events.k8s.io/v1'),
};

export const RESOURCES: readonly ResourceType[] = [pods, nads, coreEvents, eventsV1];
export const PODS = pods;
export const NADS = nads;
export const CORE_EVENTS = coreEvents;
export const EVENTS_V1 = eventsV1;

/** The served group-versions; a path under one of them with an unknown resource is a go-restful 404. */
export const GROUP_VERSIONS: ReadonlyArray<{ group: string; version: string }> = [
  { group: '', version: 'v1' },
  { group: 'events.k8s.io', version: 'v1' },
  { group: 'k8s.cni.cncf.io', version: 'v1' },
];

export function findResource(group: string, version: string, plural: string): ResourceType | undefined {
  return RESOURCES.find((r) => r.group === group && r.version === version && r.plural === plural);
}

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** GET /api/v1, /apis/<g>/<v>: an APIResourceList. */
export function resourceList(group: string, version: string): object {
  const resources: object[] = [];
  for (const r of RESOURCES.filter((x) => x.group === group && x.version === version)) {
    resources.push({ name: r.plural, singularName: r.singular, namespaced: true, kind: r.kind, verbs: VERBS, shortNames: r.shortNames });
    if (r.statusSubresource) resources.push({ name: `${r.plural}/status`, singularName: '', namespaced: true, kind: r.kind, verbs: ['get', 'patch', 'update'] });
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: apiVersionOf({ group, version }), resources };
}

function groupDoc(name: string): object {
  const versions = GROUP_VERSIONS.filter((gv) => gv.group === name).map((gv) => ({ groupVersion: `${name}/${gv.version}`, version: gv.version }));
  return { name, versions, preferredVersion: versions[0] };
}

/** GET /apis: the legacy (non-aggregated) APIGroupList, which clients accept whenever they also accept JSON. */
export function groupList(): object {
  const names = [...new Set(GROUP_VERSIONS.map((gv) => gv.group).filter((g) => g !== ''))];
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: names.map(groupDoc) };
}

/** GET /apis/<group>: an APIGroup, or undefined for an unknown group. */
export function apiGroup(name: string): object | undefined {
  if (!GROUP_VERSIONS.some((gv) => gv.group === name && name !== '')) return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', ...groupDoc(name) };
}

/** GET /api: the legacy core APIVersions. */
export function apiVersions(serverAddress: string): object {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}
