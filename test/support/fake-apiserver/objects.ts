// Small object helpers shared by the handlers: storage keys, the wire form of a stored object, and
// the metadata rules (names, timestamps, no-op detection) of the generic registry.
import { randomInt } from 'node:crypto';
import type { KubeObject } from './types.ts';
import { apiVersionOf, type ResourceType } from './resources.ts';

/** The etcd key below the resource prefix: lists come back in this order. */
export const keyOf = (namespace: string, name: string): string => `${namespace}/${name}`;

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

// metav1.ObjectMeta's field order, which Go's encoder follows for built-in types
const META_ORDER = ['name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
  'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields'];

function orderMeta(m: KubeObject['metadata']): KubeObject['metadata'] {
  const out: KubeObject['metadata'] = {};
  for (const k of META_ORDER) if (m[k] !== undefined) out[k] = m[k];
  for (const [k, v] of Object.entries(m)) if (!(k in out) && v !== undefined) out[k] = v;
  return out;
}

/**
 * The object as `rt` serves it: a fresh (mutable) copy with kind/apiVersion first. Custom resources are
 * unstructured maps, which Go encodes with sorted keys; built-in list items carry no kind/apiVersion.
 */
export function present(rt: ResourceType, stored: KubeObject, inList = false): KubeObject {
  let o = structuredClone(stored);
  if (rt.fromStorage) o = rt.fromStorage(o);
  const { kind: _k, apiVersion: _a, ...rest } = o;
  o = rt.custom
    ? (sortKeys({ apiVersion: apiVersionOf(rt), kind: rt.kind, ...rest }) as KubeObject)
    : { kind: rt.kind, apiVersion: apiVersionOf(rt), ...rest, metadata: orderMeta(rest.metadata) };
  if (inList && !rt.custom) {
    delete o.kind;
    delete o.apiVersion;
  }
  return o;
}

/** The storage form of a client's object (events.k8s.io Events are stored as core Events). */
export function toStorage(rt: ResourceType, o: KubeObject): KubeObject {
  const conv = rt.toStorage ? rt.toStorage(o) : o;
  const { kind: _k, apiVersion: _a, metadata, ...rest } = conv;
  const kind = rt.toStorage ? String(conv.kind) : rt.kind;
  const apiVersion = rt.toStorage ? String(conv.apiVersion) : apiVersionOf(rt);
  return { kind, apiVersion, metadata: { ...(metadata ?? {}) }, ...rest };
}

/** metav1.Time: RFC 3339 in UTC with whole seconds. */
export const now = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** The validation message of IsDNS1123Subdomain, or undefined when `name` is fine. */
export function badName(name: string): string | undefined {
  if (name.length > 253) return `Invalid value: "${name}": must be no more than 253 characters`;
  if (!DNS1123_SUBDOMAIN.test(name)) {
    return `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`;
  }
  return undefined;
}

/** names.SimpleNameGenerator: generateName plus five characters from an alphabet without vowels. */
export function generateName(prefix: string): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let s = '';
  for (let i = 0; i < 5; i++) s += alphabet[randomInt(alphabet.length)];
  return prefix + s;
}

/** True when two stored states differ only by resourceVersion: such an update is not written (etcd3 store skips it). */
export function sameContent(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject) => sortKeys({ ...o, metadata: { ...o.metadata, resourceVersion: undefined } });
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}

export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}
