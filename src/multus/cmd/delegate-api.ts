// The `/delegate` ("hotplug") request of thick Multus (multus.md §3.12): stdin is one delegate's own
// CNI config (with the daemon config over it, as for `/cni`), and `interfaceAttributes` carry what an
// annotation element would (ips, mac, cni-args). The pod must exist (a lookup failure, pod-not-found
// included, is fatal); the delegate runs with the requested CNI_IFNAME and the attributes only — no
// pod-level runtimeConfig, no delegate cache, no network-status, no rollback: the caller owns the
// interface's life. ADD, DEL, CHECK and STATUS; GC is refused as Multus refuses it.
import { memberRaw } from '../../cni/raw-json.ts';
import type { CniResult } from '../../cni/result/index.ts';
import { statusNetworkList } from '../../cni/runtime/index.ts';
import { asCniError, cniError } from '../../errors/catalogue.ts';
import { delegateAdd, delegateCheck, delegateDel, delegateList } from '../delegate-exec.ts';
import { loadDelegate } from '../delegate.ts';
import { delegateCniArgs } from '../k8s-args.ts';
import { DEFAULT_BIN_DIR, DEFAULT_CNI_DIR, DEFAULT_POD_LOOKUP_TIMEOUT_MS, parseMultusConf, type MultusConf } from '../netconf.ts';
import { lookupPod } from '../pod-lookup.ts';
import { loadK8sArgs } from './add.ts';
import { delegateContext, podTag } from './context.ts';
import type { MultusDeps } from './deps.ts';
import type { CniRequest } from './request.ts';

/** `interfaceAttributes` of the request body, as raw JSON text per field (absent = not given). */
export interface InterfaceAttributes {
  readonly ips?: readonly string[];
  readonly mac?: string;
  /** The `cni-args` object's JSON text, merged into the config's `args.cni` as an annotation's is. */
  readonly cniArgs?: string;
}

/** Parses the body's `interfaceAttributes` (raw JSON text of it; undefined = none). */
export function parseInterfaceAttributes(raw: string | undefined): InterfaceAttributes {
  if (raw === undefined || raw === 'null') return {};
  let o: unknown;
  try {
    o = JSON.parse(raw);
  } catch (e) {
    throw cniError('CONFIG_PARSE', `request field "interfaceAttributes" is not JSON: ${(e as Error).message}`);
  }
  if (!o || typeof o !== 'object' || Array.isArray(o)) throw cniError('CONFIG_INVALID', 'request field "interfaceAttributes" must be an object {"ips":[…],"mac":"…","cni-args":{…}}');
  const a = o as Record<string, unknown>;
  if (a.ips !== undefined && a.ips !== null && !(Array.isArray(a.ips) && a.ips.every((x) => typeof x === 'string'))) throw cniError('CONFIG_INVALID', 'interfaceAttributes.ips must be an array of strings');
  if (a.mac !== undefined && a.mac !== null && typeof a.mac !== 'string') throw cniError('CONFIG_INVALID', 'interfaceAttributes.mac must be a string');
  const cniArgs = memberRaw(raw, 'cni-args');
  if (cniArgs !== undefined && cniArgs !== 'null' && !(a['cni-args'] && typeof a['cni-args'] === 'object' && !Array.isArray(a['cni-args']))) throw cniError('CONFIG_INVALID', 'interfaceAttributes.cni-args must be an object');
  return {
    ...(Array.isArray(a.ips) ? { ips: a.ips as string[] } : {}),
    ...(typeof a.mac === 'string' && a.mac !== '' ? { mac: a.mac } : {}),
    ...(cniArgs !== undefined && cniArgs !== 'null' ? { cniArgs } : {}),
  };
}

/** binDir and cniDir of the (overridden) stdin, defaults as Multus'; the rest of MultusConf unused. */
function contextConf(stdin: string): Pick<MultusConf, 'binDir' | 'cniDir'> {
  const str = (k: string, dflt: string): string => {
    const r = memberRaw(stdin, k);
    const v = r === undefined ? undefined : (JSON.parse(r) as unknown);
    return typeof v === 'string' && v !== '' ? v : dflt;
  };
  try {
    return { binDir: str('binDir', DEFAULT_BIN_DIR), cniDir: str('cniDir', DEFAULT_CNI_DIR) };
  } catch (e) {
    throw cniError('CONFIG_PARSE', `could not read the delegate config: ${(e as Error).message}`);
  }
}

export async function cmdDelegate(req: CniRequest, attrs: InterfaceAttributes, deps: MultusDeps): Promise<CniResult | undefined> {
  if (req.command === 'GC') throw cniError('CONFIG_INVALID', 'unknown cmd type: GC');
  if (req.command === 'VERSION') throw cniError('CONFIG_INVALID', 'unknown cmd type: VERSION');
  const k8s = loadK8sArgs(req.args);
  const tag = podTag(k8s);
  const conf = contextConf(req.stdin);
  const ctx = delegateContext(conf as MultusConf, req, deps);
  if (req.command === 'STATUS') {
    const d = loadDelegate(req.stdin);
    await statusNetworkList(ctx, delegateList(d));
    return undefined;
  }
  if (!deps.source) throw cniError('K8S_CONFIG', `${tag} the /delegate API needs the pod: the daemon has no source of pods`);
  if (!k8s.podName || !k8s.podNamespace) throw cniError('ENV_MISSING', `required CNI variable missing. pod name: ${k8s.podName}; pod namespace: ${k8s.podNamespace}`);
  const timeoutMs = (() => {
    try {
      return parseMultusConf(req.stdin).podLookupTimeoutMs;
    } catch {
      return DEFAULT_POD_LOOKUP_TIMEOUT_MS; // a delegate's config is not a Multus config
    }
  })();
  const pod = await lookupPod(deps.source, k8s, { command: 'ADD', timeoutMs, log: deps.log });
  if (!pod) throw cniError('K8S_NOT_FOUND', `${tag} pod not found during Multus GetPod`);
  let d;
  try {
    d = loadDelegate(req.stdin, { selection: { name: '', namespace: '', ...(attrs.ips ? { ips: attrs.ips } : {}), ...(attrs.mac ? { mac: attrs.mac } : {}), ...(attrs.cniArgs ? { cniArgs: attrs.cniArgs } : {}) } });
  } catch (e) {
    throw asCniError(e).withPrefix(`${tag} failed to load the delegate: `);
  }
  const requests = req.command === 'ADD' ? { ...(d.macRequest ? { mac: d.macRequest } : {}), ...(d.ipRequest ? { ips: d.ipRequest } : {}) } : {};
  const capabilityArgs: Record<string, unknown> = {};
  if (d.ipRequest) capabilityArgs.ips = d.ipRequest;
  if (d.macRequest) capabilityArgs.mac = d.macRequest;
  const rt = {
    containerID: req.containerID, netNS: req.netns, ifName: req.ifName,
    args: delegateCniArgs(k8s, req.args, requests),
    ...(Object.keys(capabilityArgs).length > 0 ? { capabilityArgs } : {}),
  };
  const at = `${tag.slice(0, -1)}:${d.confName}]: `;
  try {
    switch (req.command) {
      case 'ADD':
        return await delegateAdd(ctx, d, rt);
      case 'DEL':
        await delegateDel(ctx, d, rt, d.cniVersion || '1.1.0');
        return undefined;
      default:
        await delegateCheck(ctx, d, rt);
        return undefined;
    }
  } catch (e) {
    throw asCniError(e).withPrefix(at);
  }
}
