// metav1.Status bodies, worded and shaped as k8s.io/apimachinery's errors package builds them, because
// clients (ours included) branch on `reason`/`code` and tests compare messages verbatim.
// Key order follows the Go struct (kind, apiVersion, metadata, status, message, reason, details, code),
// so a byte comparison against a captured kube-apiserver body holds.
import type { StatusBody, StatusDetails } from './types.ts';

/** The group/plural pair errors are qualified with (`pods`, `network-attachment-definitions.k8s.cni.cncf.io`). */
export interface GroupResource {
  readonly group: string;
  readonly plural: string;
}

export function qualified(gr: GroupResource): string {
  return gr.group ? `${gr.plural}.${gr.group}` : gr.plural;
}

/** An API failure: thrown inside handlers and turned into the response by the server. */
export class ApiError extends Error {
  readonly body: StatusBody;
  readonly headers: Readonly<Record<string, string>>;
  constructor(body: StatusBody, headers: Record<string, string> = {}) {
    super(body.message ?? body.reason ?? `HTTP ${body.code}`);
    this.body = body;
    this.headers = headers;
  }
}

export function status(code: number, reason: string, message: string, details?: StatusDetails): StatusBody {
  // `code` is assigned last so it serialises last, as in the Go struct
  const body = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason } as StatusBody;
  if (details) body.details = details;
  body.code = code;
  return body;
}

function details(gr: GroupResource | undefined, name?: string, extra: StatusDetails = {}): StatusDetails {
  const d: StatusDetails = {};
  if (name) d.name = name;
  if (gr?.group) d.group = gr.group;
  if (gr) d.kind = gr.plural;
  return { ...d, ...extra };
}

export const notFound = (gr: GroupResource, name: string): StatusBody =>
  status(404, 'NotFound', `${qualified(gr)} "${name}" not found`, details(gr, name));

export const alreadyExists = (gr: GroupResource, name: string): StatusBody =>
  status(409, 'AlreadyExists', `${qualified(gr)} "${name}" already exists`, details(gr, name));

export const conflict = (gr: GroupResource, name: string, why = 'the object has been modified; please apply your changes to the latest version and try again'): StatusBody =>
  status(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(gr)} "${name}": ${why}`, details(gr, name));

/** errors.NewInvalid: `<Kind>.<group> "<name>" is invalid: <field errors>`, one cause per field error. */
export function invalid(kind: string, group: string, name: string, errs: Array<{ field: string; reason: string; message: string }>): StatusBody {
  const gk = group ? `${kind}.${group}` : kind;
  const text = errs.map((e) => `${e.field}: ${e.message}`);
  const msg = `${gk} "${name}" is invalid: ${text.length === 1 ? text[0] : `[${text.join(', ')}]`}`;
  const d: StatusDetails = {};
  if (name) d.name = name;
  if (group) d.group = group;
  d.kind = kind;
  d.causes = errs.map((e) => ({ reason: e.reason, message: e.message, field: e.field }));
  return status(422, 'Invalid', msg, d);
}

export const badRequest = (message: string): StatusBody => status(400, 'BadRequest', message);

/** errors.NewGenericServerResponse with a server message it overrides, as go-restful's 404/405 produce. */
export const routeNotFound = (): StatusBody => status(404, 'NotFound', 'the server could not find the requested resource', {});
export const methodNotAllowed = (): StatusBody => status(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});
/** What a failed JSON-patch operation (e.g. `test`) yields: the server message is dropped for 422. */
export const patchRejected = (): StatusBody => status(422, 'Invalid', 'the server rejected our request due to an error in our request', {});

export const unsupportedMediaType = (accepted: readonly string[]): StatusBody =>
  status(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`, {});

export const notAcceptable = (accepted: readonly string[]): StatusBody =>
  status(406, 'NotAcceptable', `only the following media types are accepted: ${accepted.join(', ')}`, {});

export const unauthorized = (): StatusBody => status(401, 'Unauthorized', 'Unauthorized');

export const forbidden = (message: string, gr?: GroupResource, name?: string): StatusBody =>
  status(403, 'Forbidden', message, gr ? details(gr, name) : {});

export const internalError = (cause: string): StatusBody =>
  status(500, 'InternalError', `Internal error occurred: ${cause}`, { causes: [{ message: cause }] });

export const serviceUnavailable = (message: string, retryAfterSeconds?: number): StatusBody =>
  status(503, 'ServiceUnavailable', message, retryAfterSeconds ? { retryAfterSeconds } : undefined);

export const tooManyRequests = (message: string, retryAfterSeconds: number): StatusBody =>
  status(429, 'TooManyRequests', message, { retryAfterSeconds });

export const timeout = (message: string, retryAfterSeconds: number): StatusBody =>
  status(504, 'Timeout', `Timeout: ${message}`, { retryAfterSeconds });

/** 410 Gone with reason Expired: compacted watch/list resourceVersions and stale continue tokens. */
export const expired = (message: string): StatusBody => status(410, 'Expired', message);

/** storage.NewTooLargeResourceVersionError as the cacher reports it after waiting ~3 s. */
export const tooLargeResourceVersion = (asked: number, current: number): StatusBody =>
  status(504, 'Timeout', `Timeout: Too large resource version: ${asked}, current: ${current}`, {
    causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
    retryAfterSeconds: 1,
  });
