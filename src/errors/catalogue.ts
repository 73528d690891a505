// The one catalogue of errors multus-ts raises. Every error carries:
//  - `id`: a stable, grep-able name (never renamed once shipped; docs/errors.md lists them all),
//  - `code`: the CNI spec's numeric error code the runtime sees (cni.md §1.11),
//  - `msg` / `details`: the CNI error object's fields. Where libcni has an exact message we use it, so
//    logs and tests written against Go tooling still match.
// A test checks that every id below is documented in docs/errors.md.

export const CNI_CODES = {
  UNKNOWN: 0,
  INCOMPATIBLE_VERSION: 1,
  UNSUPPORTED_FIELD: 2,
  UNKNOWN_CONTAINER: 3,
  INVALID_ENV: 4,
  IO_FAILURE: 5,
  DECODE_FAILURE: 6,
  INVALID_NETWORK_CONFIG: 7,
  TRY_AGAIN_LATER: 11,
  NOT_AVAILABLE: 50,
  LIMITED_CONNECTIVITY: 51,
  INTERNAL: 999,
} as const;

/** id → CNI code. Ids are grouped by layer prefix. */
export const ERROR_CATALOGUE = {
  // version strings and result types (src/cni/version.ts, src/cni/result)
  VERSION_INVALID: CNI_CODES.DECODE_FAILURE,
  RESULT_VERSION_UNSUPPORTED: CNI_CODES.INCOMPATIBLE_VERSION,
  RESULT_DECODE: CNI_CODES.DECODE_FAILURE,
  RESULT_CONVERT: CNI_CODES.INCOMPATIBLE_VERSION,
  // configuration parsing and loading (src/cni/config)
  CONFIG_PARSE: CNI_CODES.DECODE_FAILURE,
  CONFIG_INVALID: CNI_CODES.INVALID_NETWORK_CONFIG,
  CONFIG_NOT_FOUND: CNI_CODES.INVALID_NETWORK_CONFIG,
  CONFIG_IO: CNI_CODES.IO_FAILURE,
  INJECT_INVALID: CNI_CODES.INVALID_NETWORK_CONFIG,
  // runtime arguments (src/cni/args.ts)
  CONTAINER_ID_MISSING: CNI_CODES.UNKNOWN_CONTAINER,
  CONTAINER_ID_INVALID: CNI_CODES.INVALID_ENV,
  NETWORK_NAME_MISSING: CNI_CODES.INVALID_NETWORK_CONFIG,
  NETWORK_NAME_INVALID: CNI_CODES.INVALID_NETWORK_CONFIG,
  IFNAME_INVALID: CNI_CODES.INVALID_ENV,
  ENV_MISSING: CNI_CODES.INVALID_ENV,
  // plugin lookup and execution (src/cni/exec)
  PLUGIN_NAME_INVALID: CNI_CODES.INVALID_NETWORK_CONFIG,
  PLUGIN_NOT_FOUND: CNI_CODES.INVALID_NETWORK_CONFIG,
  PLUGIN_NO_PATHS: CNI_CODES.INVALID_ENV,
  PLUGIN_EXEC: CNI_CODES.UNKNOWN,
  PLUGIN_FAILED: CNI_CODES.UNKNOWN, // the plugin's own code replaces this one
  PLUGIN_TIMEOUT: CNI_CODES.UNKNOWN,
  PLUGIN_VERSION_UNSUPPORTED: CNI_CODES.INCOMPATIBLE_VERSION,
  PLUGIN_VERSION_DECODE: CNI_CODES.DECODE_FAILURE,
  // list operations and the result cache (src/cni/ops, src/cni/cache.ts)
  CHECK_UNSUPPORTED: CNI_CODES.INCOMPATIBLE_VERSION,
  CACHE_PATH: CNI_CODES.INVALID_ENV,
  CACHE_READ: CNI_CODES.DECODE_FAILURE,
  CACHE_WRITE: CNI_CODES.IO_FAILURE,
  GC_FAILED: CNI_CODES.UNKNOWN,
  // Kubernetes access (src/k8s)
  K8S_CONFIG: CNI_CODES.INVALID_NETWORK_CONFIG,
  K8S_NOT_FOUND: CNI_CODES.UNKNOWN_CONTAINER,
  K8S_CONFLICT: CNI_CODES.TRY_AGAIN_LATER,
  K8S_UNAVAILABLE: CNI_CODES.TRY_AGAIN_LATER,
  K8S_TIMEOUT: CNI_CODES.TRY_AGAIN_LATER,
  K8S_FORBIDDEN: CNI_CODES.INTERNAL,
  K8S_API: CNI_CODES.INTERNAL,
  K8S_GONE: CNI_CODES.TRY_AGAIN_LATER,
  // the Multus core (src/multus)
  READINESS_TIMEOUT: CNI_CODES.TRY_AGAIN_LATER,
  DELEGATE_FAILED: CNI_CODES.UNKNOWN,
  // cnitool (src/cli)
  CLI_USAGE: CNI_CODES.INVALID_ENV,
  // anything not foreseen: a bug or an environment failure, reported as the skel's internal code
  INTERNAL: CNI_CODES.INTERNAL,
} as const;

export type ErrorId = keyof typeof ERROR_CATALOGUE;

/** The JSON error object of the CNI spec, as printed on stdout by a failing plugin. */
export interface CniErrorObject {
  cniVersion?: string;
  code: number;
  msg: string;
  details?: string;
}

export class CniError extends Error {
  readonly id: ErrorId;
  readonly code: number;
  readonly msg: string;
  readonly details: string | undefined;

  constructor(id: ErrorId, msg: string, details?: string, options?: { code?: number; cause?: unknown }) {
    super(details ? `${msg}; ${details}` : msg, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CniError';
    this.id = id;
    this.code = options?.code ?? ERROR_CATALOGUE[id];
    this.msg = msg;
    this.details = details || undefined;
  }

  /** A copy whose message is prefixed (libcni wraps list errors: `plugin type="x" failed (add): …`). */
  withPrefix(prefix: string): CniError {
    const e = new CniError(this.id, prefix + this.msg, this.details, { code: this.code, cause: this });
    return e;
  }

  toJSON(cniVersion?: string): CniErrorObject {
    const o: CniErrorObject = cniVersion ? { cniVersion, code: this.code, msg: this.msg } : { code: this.code, msg: this.msg };
    if (this.details) o.details = this.details;
    return o;
  }
}

export function cniError(id: ErrorId, msg: string, details?: string): CniError {
  return new CniError(id, msg, details);
}

/** Any thrown value as a CniError (unexpected errors become code 999, internal). */
export function asCniError(e: unknown): CniError {
  if (e instanceof CniError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  return new CniError('INTERNAL', msg, undefined, { cause: e });
}
