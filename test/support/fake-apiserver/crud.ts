// get/create/update/patch/delete with the generic registry's rules (k8s.io/apiserver registry/rest
// and the pod strategies): system metadata is the server's, the main resource cannot change a pod's
// status and the status subresource cannot change its spec, resourceVersion preconditions give 409,
// and an update that changes nothing is not written (no new resourceVersion, no watch event).
import { randomUUID } from 'node:crypto';
import type { KubeObject } from './types.ts';
import { type ResourceType, PODS } from './resources.ts';
import type { Store } from './store.ts';
import { ApiError, alreadyExists, badRequest, conflict, internalError, invalid, notFound, patchRejected, unsupportedMediaType } from './status.ts';
import { badName, generateName, keyOf, now, present, sameContent, sameJson, toStorage } from './objects.ts';
import { jsonPatch, mergePatch, PatchApplyError, PatchDecodeError } from './patch.ts';

/** Which part of the object a write may change: `all` is for the in-process helpers (a kubelet's view). */
export type WriteScope = 'main' | 'status' | 'all';

export interface CreateOptions {
  /** In-process helper: keep the given uid, status and deletion fields instead of the server's. */
  readonly system?: boolean;
}

export interface DeleteOptions {
  readonly preconditions?: { readonly uid?: string; readonly resourceVersion?: string };
}

const BUILTIN_PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml'];
const CUSTOM_PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/apply-patch+yaml'];

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function asObject(body: unknown): KubeObject {
  if (!isObject(body)) throw new ApiError(badRequest('Object \'Kind\' is missing in the request body'));
  const o = body as KubeObject;
  if (!isObject(o.metadata)) o.metadata = {};
  return o;
}

function checkKind(rt: ResourceType, o: KubeObject): void {
  // the real decoder would fail to convert a foreign kind; a plain 400 is what matters for tests
  if (o.kind !== undefined && o.kind !== rt.kind) throw new ApiError(badRequest(`fake apiserver: kind "${String(o.kind)}" sent to the ${rt.plural} endpoint (expects "${rt.kind}")`));
}

export class Api {
  readonly store: Store;

  constructor(store: Store) {
    this.store = store;
  }

  stored(rt: ResourceType, namespace: string, name: string): KubeObject {
    const o = this.store.get(rt.bucket, keyOf(namespace, name));
    if (!o) throw new ApiError(notFound(rt, name));
    return o;
  }

  get(rt: ResourceType, namespace: string, name: string): KubeObject {
    return present(rt, this.stored(rt, namespace, name));
  }

  create(rt: ResourceType, namespace: string, body: unknown, opts: CreateOptions = {}): KubeObject {
    const input = asObject(body);
    checkKind(rt, input);
    const o = toStorage(rt, structuredClone(input));
    const m = o.metadata;
    if (m.namespace && m.namespace !== namespace) throw new ApiError(badRequest('the namespace of the provided object does not match the namespace sent on the request'));
    m.namespace = namespace;
    if (!m.name && m.generateName) m.name = generateName(m.generateName);
    if (!m.name) throw new ApiError(invalid(rt.kind, rt.group, '', [{ field: 'metadata.name', reason: 'FieldValueRequired', message: 'Required value: name or generateName is required' }]));
    const nameErr = badName(m.name);
    if (nameErr) throw new ApiError(invalid(rt.kind, rt.group, m.name, [{ field: 'metadata.name', reason: 'FieldValueInvalid', message: nameErr }]));
    if (m.resourceVersion && !opts.system) throw new ApiError(internalError('resourceVersion should not be set on objects to be created'));
    delete m.resourceVersion;
    const key = keyOf(namespace, m.name);
    if (this.store.get(rt.bucket, key)) throw new ApiError(alreadyExists(rt, m.name));
    // rest.FillObjectMetaSystemFields: the server owns uid and creationTimestamp
    if (!opts.system || !m.uid) m.uid = randomUUID();
    m.creationTimestamp = opts.system && m.creationTimestamp ? m.creationTimestamp : now();
    if (!opts.system) {
      delete m.deletionTimestamp;
      delete m.deletionGracePeriodSeconds;
    }
    if (rt.custom || rt === PODS) m.generation = 1;
    if (rt.resetStatusOnCreate && !opts.system) o.status = { phase: 'Pending' };
    return present(rt, this.store.insert(rt.bucket, key, o));
  }

  /** `unconditional`: a missing metadata.resourceVersion is fine even for custom resources (patches, helpers). */
  update(rt: ResourceType, namespace: string, name: string, scope: WriteScope, body: unknown, unconditional = false): KubeObject {
    const old = this.stored(rt, namespace, name);
    const input = asObject(body);
    checkKind(rt, input);
    const o = toStorage(rt, structuredClone(input));
    const m = o.metadata;
    if (m.namespace && m.namespace !== namespace) throw new ApiError(badRequest(`the namespace of the object (${m.namespace}) does not match the namespace on the URL (${namespace})`));
    if ((m.name ?? '') !== name) throw new ApiError(badRequest(`the name of the object (${m.name ?? ''}) does not match the name on the URL (${name})`));
    const om = old.metadata;
    if (m.resourceVersion) {
      if (m.resourceVersion !== om.resourceVersion) throw new ApiError(conflict(rt, name));
    } else if (rt.custom && !unconditional) {
      // customresource strategy: AllowUnconditionalUpdate() == false. The generic store qualifies this
      // one error with the resource (plural) as the kind: `<plural>.<group> "x" is invalid`.
      throw new ApiError(invalid(rt.plural, rt.group, name, [{ field: 'metadata.resourceVersion', reason: 'FieldValueInvalid', message: 'Invalid value: 0x0: must be specified for an update' }]));
    }
    if (m.uid && m.uid !== om.uid) throw new ApiError(invalid(rt.kind, rt.group, name, [{ field: 'metadata.uid', reason: 'FieldValueInvalid', message: `Invalid value: "${m.uid}": field is immutable` }]));
    m.namespace = namespace;
    m.uid = om.uid;
    m.creationTimestamp = om.creationTimestamp;
    m.resourceVersion = om.resourceVersion;
    for (const f of ['generation', 'deletionTimestamp', 'deletionGracePeriodSeconds'] as const) {
      if (scope === 'all' && f !== 'generation') continue;
      if (om[f] === undefined) delete m[f];
      else (m as Record<string, unknown>)[f] = om[f];
    }
    if (scope === 'main' && rt.statusSubresource) {
      // the main resource's PrepareForUpdate: status is only written through /status
      if (old.status === undefined) delete o.status;
      else o.status = structuredClone(old.status);
    }
    if (scope === 'status') {
      // podStatusStrategy: spec and ownerReferences stay; labels, annotations and finalizers may change
      if (old.spec === undefined) delete o.spec;
      else o.spec = structuredClone(old.spec);
      if (om.ownerReferences === undefined) delete m.ownerReferences;
      else m.ownerReferences = structuredClone(om.ownerReferences);
    }
    if (m.generation !== undefined) {
      const specChanged = rt.custom
        ? !sameJson({ ...o, metadata: undefined, status: undefined }, { ...old, metadata: undefined, status: undefined })
        : !sameJson(o.spec, old.spec);
      if (specChanged) m.generation = (om.generation ?? 1) + 1;
    }
    if (sameContent(o, old)) return present(rt, old);
    return present(rt, this.store.replace(rt.bucket, keyOf(namespace, name), o));
  }

  patch(rt: ResourceType, namespace: string, name: string, scope: WriteScope, contentType: string, raw: string): KubeObject {
    const type = contentType.split(';')[0].trim().toLowerCase();
    const accepted = rt.custom ? CUSTOM_PATCH_TYPES : BUILTIN_PATCH_TYPES;
    if (type === 'application/apply-patch+yaml') throw new ApiError(unsupportedMediaType(['(fake apiserver: server-side apply is not implemented)', ...accepted.filter((t) => !t.includes('apply'))]));
    if (!accepted.includes(type)) throw new ApiError(unsupportedMediaType(accepted));
    let patch: unknown;
    try {
      patch = JSON.parse(raw);
    } catch (e) {
      throw new ApiError(badRequest(`error decoding patch: ${(e as Error).message}`));
    }
    const current = this.get(rt, namespace, name);
    let patched: unknown;
    if (type === 'application/json-patch+json') {
      try {
        patched = jsonPatch(current, patch);
      } catch (e) {
        if (e instanceof PatchDecodeError) throw new ApiError(badRequest(e.message));
        if (e instanceof PatchApplyError) throw new ApiError(patchRejected());
        throw e;
      }
    } else {
      if (!isObject(patch)) throw new ApiError(badRequest('error decoding patch: the patch is not a JSON object'));
      patched = mergePatch(current, patch);
    }
    return this.update(rt, namespace, name, scope, patched, true);
  }

  delete(rt: ResourceType, namespace: string, name: string, opts: DeleteOptions = {}): KubeObject {
    const old = this.stored(rt, namespace, name);
    const pre = opts.preconditions;
    if (pre?.uid && pre.uid !== old.metadata.uid) {
      throw new ApiError(conflict(rt, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${old.metadata.uid}`));
    }
    if (pre?.resourceVersion && pre.resourceVersion !== old.metadata.resourceVersion) {
      throw new ApiError(conflict(rt, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion}`));
    }
    return present(rt, this.store.remove(rt.bucket, keyOf(namespace, name)));
  }
}
