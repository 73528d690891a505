// URL → request info (the apiserver's RequestInfoFactory rules) and the route table: which verbs each
// path shape accepts, and which "not found" a wrong path gets. kube-apiserver has three: an unknown
// group-version is the mux's plain-text "404 page not found", an unknown resource or a missing route
// inside a served group-version is go-restful's 404 Status, and a known route with the wrong method is
// a 405 Status.
import type { RequestInfo } from './types.ts';
import { apiGroup, apiVersionOf, apiVersions, findResource, groupList, GROUP_VERSIONS, resourceList, type ResourceType } from './resources.ts';
import { ApiError, badRequest, methodNotAllowed, routeNotFound, unsupportedMediaType } from './status.ts';
import type { Api, DeleteOptions } from './crud.ts';
import { list, type ListQuery } from './list.ts';
import { runWatch, validateWatch, WatchStream, type WatchRequest } from './watch.ts';
import type { Store } from './store.ts';

const truthy = (v: string | undefined): boolean => v !== undefined && ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(v);

export function requestInfo(method: string, url: URL): RequestInfo {
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) if (!(k in query)) query[k] = v; // Go's url.Values.Get: the first value
  const path = url.pathname;
  const parts = path.split('/').filter((p) => p !== '');
  const base = { method, path, query };
  const lower = method.toLowerCase();
  let gv: { apiPrefix: 'api' | 'apis'; group: string; version: string; rest: string[] } | undefined;
  if (parts[0] === 'api' && parts.length >= 2) gv = { apiPrefix: 'api', group: '', version: parts[1], rest: parts.slice(2) };
  else if (parts[0] === 'apis' && parts.length >= 3) gv = { apiPrefix: 'apis', group: parts[1], version: parts[2], rest: parts.slice(3) };
  if (!gv || gv.rest.length === 0) return { ...base, verb: lower, isResourceRequest: false };
  let rest = gv.rest;
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [resource, name, subresource] = rest;
  let verb = lower;
  if (method === 'GET') verb = name ? 'get' : truthy(query.watch) ? 'watch' : 'list';
  else if (method === 'POST') verb = 'create';
  else if (method === 'PUT') verb = 'update';
  else if (method === 'PATCH') verb = 'patch';
  else if (method === 'DELETE') verb = name ? 'delete' : 'deletecollection';
  const extraPath = rest.length > 3 ? true : undefined;
  return { ...base, verb, isResourceRequest: true, apiPrefix: gv.apiPrefix, group: gv.group, version: gv.version, resource, name, subresource, namespace, extraPath };
}

/** What handlers need to answer; implemented by the server over the Node response. */
export interface Reply {
  json(code: number, body: unknown, headers?: Record<string, string>): void;
  text(code: number, body: string): void;
  /** Sends the 200 headers of a watch and hands the response over. */
  watch(): WatchStream;
}

export interface RouteContext {
  readonly api: Api;
  readonly store: Store;
  readonly bookmarkIntervalMs: number;
  readonly tooLargeWaitMs: number;
  readonly serverAddress: string;
}

export interface RequestBody {
  readonly contentType: string;
  readonly text: string;
}

export const VERSION_INFO = {
  major: '1',
  minor: '34',
  emulationMajor: '1',
  emulationMinor: '34',
  minCompatibilityMajor: '1',
  minCompatibilityMinor: '33',
  gitVersion: 'v1.34.0-fake',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2025-08-27T00:00:00Z',
  goVersion: 'go1.24.6',
  compiler: 'gc',
  platform: 'linux/amd64',
};

const HEALTH_PATHS = new Set(['/healthz', '/readyz', '/livez']);

/** Paths system:public-info-viewer grants to anonymous users. */
export function isPublicPath(path: string): boolean {
  return path === '/version' || path === '/version/' || [...HEALTH_PATHS].some((p) => path === p || path.startsWith(`${p}/`));
}

function decodeJson(body: RequestBody): unknown {
  const type = body.contentType.split(';')[0].trim().toLowerCase();
  if (type !== '' && type !== 'application/json' && type !== '*/*') throw new ApiError(unsupportedMediaType(['application/json']));
  try {
    return JSON.parse(body.text);
  } catch (e) {
    throw new ApiError(badRequest(`couldn't get version/kind; json parse error: ${(e as Error).message}`));
  }
}

function deleteOptions(body: RequestBody): DeleteOptions {
  if (body.text.trim() === '') return {};
  const o = decodeJson(body);
  return o && typeof o === 'object' ? (o as DeleteOptions) : {};
}

function listQuery(q: Readonly<Record<string, string>>): ListQuery & { timeoutSeconds?: string } {
  return {
    resourceVersion: q.resourceVersion,
    resourceVersionMatch: q.resourceVersionMatch,
    limit: q.limit,
    continue: q.continue,
    fieldSelector: q.fieldSelector,
    labelSelector: q.labelSelector,
    watch: truthy(q.watch),
    sendInitialEvents: q.sendInitialEvents,
    allowWatchBookmarks: q.allowWatchBookmarks,
    timeoutSeconds: q.timeoutSeconds,
  };
}

const notFoundText = '404 page not found\n';

function nonResource(ctx: RouteContext, info: RequestInfo, reply: Reply): void {
  const { path, method } = info;
  const parts = path.split('/').filter((p) => p !== '');
  if (HEALTH_PATHS.has(path) || [...HEALTH_PATHS].some((p) => path.startsWith(`${p}/`))) {
    const name = path.slice(1).split('/')[0];
    if ('verbose' in info.query) reply.text(200, `[+]ping ok\n[+]log ok\n[+]etcd ok\n${name} check passed\n`);
    else reply.text(200, 'ok');
    return;
  }
  let doc: object | undefined;
  if (path === '/version' || path === '/version/') doc = VERSION_INFO;
  else if (parts[0] === 'api' && parts.length === 1) doc = apiVersions(ctx.serverAddress);
  else if (parts[0] === 'api' && parts.length === 2 && parts[1] === 'v1') doc = resourceList('', 'v1');
  else if (parts[0] === 'apis' && parts.length === 1) doc = groupList();
  else if (parts[0] === 'apis' && parts.length === 2) doc = apiGroup(parts[1]);
  else if (parts[0] === 'apis' && parts.length === 3 && GROUP_VERSIONS.some((gv) => gv.group === parts[1] && gv.version === parts[2])) doc = resourceList(parts[1], parts[2]);
  if (!doc) return reply.text(404, notFoundText);
  if (method !== 'GET' && method !== 'HEAD') throw new ApiError(methodNotAllowed());
  reply.json(200, doc);
}

export async function route(ctx: RouteContext, info: RequestInfo, body: RequestBody, reply: Reply): Promise<void> {
  if (!info.isResourceRequest) return nonResource(ctx, info, reply);
  const group = info.group ?? '';
  const version = info.version ?? '';
  if (!GROUP_VERSIONS.some((gv) => gv.group === group && gv.version === version)) return reply.text(404, notFoundText);
  const rt: ResourceType | undefined = findResource(group, version, info.resource ?? '');
  if (!rt || info.extraPath) throw new ApiError(routeNotFound());
  const { method, namespace, name, subresource } = info;
  const q = listQuery(info.query);

  if (namespace === undefined) {
    // only the all-namespaces list/watch exists for namespaced types
    if (name !== undefined) throw new ApiError(routeNotFound());
    if (method !== 'GET') throw new ApiError(methodNotAllowed());
    return collectionGet(ctx, rt, undefined, q, reply);
  }
  if (name === undefined) {
    if (method === 'GET') return collectionGet(ctx, rt, namespace, q, reply);
    if (method === 'POST') return reply.json(201, ctx.api.create(rt, namespace, decodeJson(body)));
    if (method === 'DELETE') return reply.json(200, await deleteCollection(ctx, rt, namespace, q, body));
    throw new ApiError(methodNotAllowed());
  }
  if (subresource !== undefined) {
    if (subresource !== 'status' || !rt.statusSubresource) throw new ApiError(routeNotFound());
    if (method === 'GET') return reply.json(200, ctx.api.get(rt, namespace, name));
    if (method === 'PUT') return reply.json(200, ctx.api.update(rt, namespace, name, 'status', decodeJson(body)));
    if (method === 'PATCH') return reply.json(200, ctx.api.patch(rt, namespace, name, 'status', body.contentType, body.text));
    throw new ApiError(methodNotAllowed());
  }
  if (method === 'GET') return reply.json(200, ctx.api.get(rt, namespace, name));
  if (method === 'PUT') return reply.json(200, ctx.api.update(rt, namespace, name, 'main', decodeJson(body)));
  if (method === 'PATCH') return reply.json(200, ctx.api.patch(rt, namespace, name, 'main', body.contentType, body.text));
  if (method === 'DELETE') return reply.json(200, ctx.api.delete(rt, namespace, name, deleteOptions(body)));
  throw new ApiError(methodNotAllowed());
}

async function collectionGet(ctx: RouteContext, rt: ResourceType, namespace: string | undefined, q: ReturnType<typeof listQuery>, reply: Reply): Promise<void> {
  if (!q.watch) return reply.json(200, await list(ctx.store, rt, namespace, q, ctx.tooLargeWaitMs));
  const req: WatchRequest = { rt, namespace, query: q, bookmarkIntervalMs: ctx.bookmarkIntervalMs, tooLargeWaitMs: ctx.tooLargeWaitMs };
  const matches = validateWatch(req); // HTTP errors must come before the 200 headers
  await runWatch(ctx.store, reply.watch(), req, matches);
}

async function deleteCollection(ctx: RouteContext, rt: ResourceType, namespace: string, q: ReturnType<typeof listQuery>, body: RequestBody): Promise<object> {
  const opts = deleteOptions(body);
  const current = (await list(ctx.store, rt, namespace, { ...q, limit: undefined, continue: undefined }, ctx.tooLargeWaitMs)) as { items: Array<{ metadata: { name: string } }> };
  const items = current.items.map((o) => ctx.api.delete(rt, namespace, o.metadata.name, opts));
  return { kind: rt.listKind, apiVersion: apiVersionOf(rt), metadata: { resourceVersion: String(ctx.store.resourceVersion) }, items };
}
