// One `/cni` request (multus.md §2.6): the shim's environment and base64 stdin in, the CNI answer out.
// Two answer formats on the same endpoint:
//  - Multus' (its Go shim): 200 `{"Result": <result as 1.1.0>}` for ADD, empty for the rest; errors 400;
//  - ours (Accept: application/vnd.multus-ts.cni-output+json, the C shim): 200 with exactly what the
//    plugin must print, so the shim stays a byte pipe and never converts results itself.
import { convertResult, resultToJSON } from '../../cni/result/index.ts';
import { asCniError, CniError, cniError } from '../../errors/catalogue.ts';
import { cmdAdd } from '../../multus/cmd/add.ts';
import { cmdCheck } from '../../multus/cmd/check.ts';
import { cmdDel } from '../../multus/cmd/del.ts';
import type { MultusDeps } from '../../multus/cmd/deps.ts';
import { cmdGc } from '../../multus/cmd/gc.ts';
import { requestFromEnv, type CniRequest } from '../../multus/cmd/request.ts';
import { cmdStatus } from '../../multus/cmd/status.ts';
import { cmdDelegate, parseInterfaceAttributes } from '../../multus/cmd/delegate-api.ts';
import { memberRaw } from '../../cni/raw-json.ts';
import { SUPPORTED_VERSIONS } from '../../cni/version.ts';

export const CNI_OUTPUT_TYPE = 'application/vnd.multus-ts.cni-output+json';

export interface CniAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

export interface HandlerOptions {
  readonly deps: MultusDeps;
  /** The daemon config applied over every request's config (multus.md §2.5); identity when none. */
  readonly override: (stdin: string) => string;
}

interface Body {
  env?: unknown;
  config?: unknown;
}

/** The shim's request body → a CNI request; every failure is a CNI error naming the field. */
export function parseCniBody(text: string): CniRequest {
  let body: Body;
  try {
    body = JSON.parse(text) as Body;
  } catch (e) {
    throw cniError('CONFIG_PARSE', `could not decode the request body as JSON: ${(e as Error).message}`);
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw cniError('CONFIG_PARSE', 'the request body must be a JSON object {"env":{…},"config":"<base64>"}');
  const env = body.env;
  if (!env || typeof env !== 'object' || Array.isArray(env)) throw cniError('ENV_MISSING', 'request field "env" must be an object of strings');
  for (const [k, v] of Object.entries(env)) if (typeof v !== 'string') throw cniError('ENV_MISSING', `request field "env.${k}" must be a string`);
  if (body.config !== undefined && typeof body.config !== 'string') throw cniError('CONFIG_PARSE', 'request field "config" must be the base64 of the CNI config');
  const stdin = Buffer.from((body.config as string | undefined) ?? '', 'base64').toString('utf8');
  return requestFromEnv(env as Record<string, string>, stdin);
}

function errorAnswer(e: unknown): CniAnswer {
  const err = asCniError(e);
  return { status: 400, contentType: 'application/json', body: JSON.stringify(err.toJSON()) };
}

/** `/delegate` (multus.md §3.12): the same body plus `interfaceAttributes`, answered like `/cni`. */
export function handleDelegate(text: string, accept: string, o: HandlerOptions): Promise<CniAnswer> {
  return handleCni(text, accept, o, true);
}

export async function handleCni(text: string, accept: string, o: HandlerOptions, delegateApi = false): Promise<CniAnswer> {
  const ours = accept.includes(CNI_OUTPUT_TYPE);
  let req: CniRequest;
  let attrs;
  try {
    req = parseCniBody(text);
    req = { ...req, stdin: o.override(req.stdin) };
    if (delegateApi) attrs = parseInterfaceAttributes(memberRaw(text, 'interfaceAttributes'));
  } catch (e) {
    return errorAnswer(e);
  }
  const log = o.deps.log;
  const t0 = performance.now();
  try {
    let printed = '';
    let multus = '';
    if (attrs) {
      const r = await cmdDelegate(req, attrs, o.deps);
      if (r) {
        printed = `${JSON.stringify(resultToJSON(r), null, 4)}\n`;
        multus = JSON.stringify({ Result: resultToJSON(convertResult(r, '1.1.0')) });
      }
    } else switch (req.command) {
      case 'ADD': {
        const r = await cmdAdd(req, o.deps);
        printed = `${JSON.stringify(resultToJSON(r), null, 4)}\n`;
        multus = JSON.stringify({ Result: resultToJSON(convertResult(r, '1.1.0')) });
        break;
      }
      case 'DEL':
        await cmdDel(req, o.deps);
        break;
      case 'CHECK':
        await cmdCheck(req, o.deps);
        break;
      case 'GC':
        await cmdGc(req, o.deps);
        break;
      case 'STATUS':
        await cmdStatus(req, o.deps);
        break;
      case 'VERSION':
        printed = `${JSON.stringify({ cniVersion: '1.1.0', supportedVersions: SUPPORTED_VERSIONS })}\n`;
        break;
    }
    log.verbose(`${req.command} done`, { container: req.containerID, ms: Math.round(performance.now() - t0) });
    return ours ? { status: 200, contentType: CNI_OUTPUT_TYPE, body: printed } : { status: 200, contentType: 'application/json', body: multus };
  } catch (e) {
    const err = e instanceof CniError ? e : asCniError(e);
    log.error(`${req.command} failed`, { container: req.containerID, code: err.code, error: err.message });
    return errorAnswer(err);
  }
}
