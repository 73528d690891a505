// LIST with the query parameters clients use (api-concepts "Resource versions" and "Retrieving large
// results sets in chunks"): resourceVersion / resourceVersionMatch semantics, limit + continue paging
// over a consistent snapshot, field and label selectors, and the validation errors of
// ValidateListOptions (422 on the ListOptions pseudo-object).
import type { KubeObject } from './types.ts';
import { apiVersionOf, type ResourceType } from './resources.ts';
import type { Store } from './store.ts';
import { ApiError, badRequest, expired, invalid, tooLargeResourceVersion } from './status.ts';
import { fieldMatcher, labelMatcher, type Matcher } from './selectors.ts';
import { present } from './objects.ts';

export interface ListQuery {
  readonly resourceVersion?: string;
  readonly resourceVersionMatch?: string;
  readonly limit?: string;
  readonly continue?: string;
  readonly fieldSelector?: string;
  readonly labelSelector?: string;
  readonly watch: boolean;
  readonly sendInitialEvents?: string;
  readonly allowWatchBookmarks?: string;
}

type FieldError = { field: string; reason: string; message: string };

const forbidden = (field: string, why: string): FieldError => ({ field, reason: 'FieldValueForbidden', message: `Forbidden: ${why}` });

/** metainternalversion/validation.ValidateListOptions (list and watch variants). */
export function validateListOptions(q: ListQuery): void {
  const errs: FieldError[] = [];
  const match = q.resourceVersionMatch ?? '';
  if (q.watch) {
    if (q.sendInitialEvents !== undefined && match !== 'NotOlderThan') errs.push(forbidden('resourceVersionMatch', 'sendInitialEvents requires setting resourceVersionMatch to NotOlderThan'));
    if (match) {
      if (q.sendInitialEvents === undefined) errs.push(forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided'));
      if (match !== 'NotOlderThan') errs.push({ field: 'resourceVersionMatch', reason: 'FieldValueNotSupported', message: `Unsupported value: "${match}": supported values: "NotOlderThan"` });
      if (q.continue) errs.push(forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided'));
    }
  } else {
    if (match) {
      if (!q.resourceVersion) errs.push(forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden unless resourceVersion is provided'));
      if (q.continue) errs.push(forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided'));
      if (match !== 'Exact' && match !== 'NotOlderThan') errs.push({ field: 'resourceVersionMatch', reason: 'FieldValueNotSupported', message: `Unsupported value: "${match}": supported values: "Exact", "NotOlderThan", ""` });
      if (match === 'Exact' && q.resourceVersion === '0') errs.push(forbidden('resourceVersionMatch', 'resourceVersionMatch "exact" is forbidden for resourceVersion "0"'));
    }
    if (q.sendInitialEvents !== undefined) errs.push(forbidden('sendInitialEvents', 'sendInitialEvents is forbidden for list'));
  }
  if (errs.length) throw new ApiError(invalid('ListOptions', 'meta.k8s.io', '', errs));
}

export function parseRv(rv: string): number {
  if (!/^\d+$/.test(rv)) throw new ApiError(badRequest(`resourceVersion: Invalid value: "${rv}": strconv.ParseUint: parsing "${rv}": invalid syntax`));
  return Number(rv);
}

/** Namespace plus selectors; throws the selector 400s before anything is read. */
export function objectMatcher(rt: ResourceType, namespace: string | undefined, q: Pick<ListQuery, 'fieldSelector' | 'labelSelector'>): Matcher {
  const f = fieldMatcher(rt, q.fieldSelector);
  const l = labelMatcher(q.labelSelector);
  return (o: KubeObject) => (namespace === undefined || o.metadata.namespace === namespace) && (!f || f(o)) && (!l || l(o));
}

/**
 * Resolves once the store has reached `rv`, or throws the cacher's 504 "Too large resource version"
 * after `waitMs` (3 s in kube-apiserver).
 */
export async function waitForRv(store: Store, rv: number, waitMs: number): Promise<void> {
  if (store.resourceVersion >= rv) return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new ApiError(tooLargeResourceVersion(rv, store.resourceVersion)));
    }, waitMs);
    timer.unref();
    const off = store.onAdvance(() => {
      if (store.resourceVersion >= rv) {
        clearTimeout(timer);
        off();
        resolve();
      }
    });
  });
}

interface ContinueToken {
  v: string;
  rv: number;
  start: string;
}

function encodeContinue(rv: number, lastKey: string): string {
  // the shape of the etcd3 store's token; clients must treat it as opaque
  const token: ContinueToken = { v: 'meta.k8s.io/v1', rv, start: `${lastKey}\u0000` };
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodeContinue(s: string): ContinueToken {
  try {
    const t = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as ContinueToken;
    if (t.v !== 'meta.k8s.io/v1' || typeof t.rv !== 'number' || typeof t.start !== 'string') throw new Error('bad token');
    return t;
  } catch {
    throw new ApiError(badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)'));
  }
}

const TOO_OLD_CONTINUE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

export async function list(store: Store, rt: ResourceType, namespace: string | undefined, q: ListQuery, tooLargeWaitMs: number): Promise<object> {
  validateListOptions(q);
  const matches = objectMatcher(rt, namespace, q);
  const limit = q.limit ? Number(q.limit) : 0;
  if (!Number.isInteger(limit) || limit < 0) throw new ApiError(badRequest(`limit: Invalid value: "${q.limit}"`));

  let atRv = store.resourceVersion;
  let after = '';
  let exact = false;
  if (q.continue) {
    if (q.resourceVersion && q.resourceVersion !== '0') throw new ApiError(badRequest('specifying resource version is not allowed when using continue'));
    const token = decodeContinue(q.continue);
    atRv = token.rv;
    after = token.start;
    exact = true;
  } else if (q.resourceVersion && q.resourceVersion !== '0') {
    const rv = parseRv(q.resourceVersion);
    await waitForRv(store, rv, tooLargeWaitMs);
    if (q.resourceVersionMatch === 'Exact') {
      atRv = rv;
      exact = true;
    }
  }
  const state: Map<string, KubeObject> | 'expired' = exact ? store.stateAt(rt.bucket, atRv) : store.stateAt(rt.bucket, store.resourceVersion);
  if (state === 'expired') throw new ApiError(expired(q.continue ? TOO_OLD_CONTINUE : 'The resourceVersion for the provided list is too old.'));
  if (!exact) atRv = store.resourceVersion;

  const keys = [...state.keys()].filter((k) => k > after).sort();
  const hits: KubeObject[] = [];
  let remaining = 0;
  let lastKey = '';
  for (const k of keys) {
    const o = state.get(k) as KubeObject;
    if (!matches(o)) continue;
    if (limit > 0 && hits.length >= limit) {
      remaining++;
      continue;
    }
    hits.push(o);
    lastKey = k;
  }
  const metadata: Record<string, unknown> = { resourceVersion: String(atRv) };
  if (remaining > 0) {
    metadata.continue = encodeContinue(atRv, lastKey);
    // remainingItemCount is only known (and only sent) when no selector filters the list
    if (!q.fieldSelector && !q.labelSelector) metadata.remainingItemCount = remaining;
  }
  return { kind: rt.listKind, apiVersion: apiVersionOf(rt), metadata, items: hits.map((o) => present(rt, o, true)) };
}
