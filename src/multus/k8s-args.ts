// CNI_ARGS in and out (multus.md §3.1).
// In: the runtime's CNI_ARGS, parsed as libcni's LoadArgs does into Multus' K8sArgs. The runtime's pair
// order varies (containerd and CRI-O differ), so callers use the parsed fields, never the string.
// Out: the CNI_ARGS each delegate gets, in Multus' fixed order (its verbose log lines depend on it):
//   IgnoreUnknown=true;K8S_POD_NAMESPACE=…;K8S_POD_NAME=…;K8S_POD_INFRA_CONTAINER_ID=…;K8S_POD_UID=…
// then the extra pairs of the runtime's CNI_ARGS, then MAC=/IP= on ADD.
import { goQuote } from '../cni/exec/go-quote.ts';
import { tryCanonicalIp } from '../cni/result/ip.ts';
import type { CniArgs } from '../cni/cache.ts';
import { CniError } from '../errors/catalogue.ts';

export interface K8sArgs {
  readonly ignoreUnknown: boolean;
  /** Canonical text, or undefined when absent/empty. */
  readonly ip?: string;
  /** As given (not validated). */
  readonly mac?: string;
  readonly podName: string;
  readonly podNamespace: string;
  readonly podInfraContainerId: string;
  readonly podUid: string;
}

function argsError(msg: string): CniError {
  return new CniError('CONFIG_INVALID', msg);
}

/** libcni's UnmarshallableBool. */
function parseBool(pair: string, v: string): boolean {
  const s = v.toLowerCase();
  if (s === '1' || s === 'true') return true;
  if (s === '0' || s === 'false') return false;
  throw argsError(`ARGS: error parsing value of pair ${goQuote(pair)}: boolean unmarshal error: invalid input ${s}`);
}

/**
 * libcni LoadArgs into K8sArgs: `;`-separated pairs, each with exactly one `=`; the known keys are
 * IgnoreUnknown, IP, MAC and the four K8S_POD_* keys (case-sensitive, the last occurrence wins); any
 * other key is an error unless IgnoreUnknown is true/1 (wherever it appears).
 */
export function parseK8sArgs(cniArgs: string): K8sArgs {
  const out = { ignoreUnknown: false, podName: '', podNamespace: '', podInfraContainerId: '', podUid: '' } as {
    -readonly [K in keyof K8sArgs]: K8sArgs[K];
  };
  if (cniArgs === '') return out;
  const unknown: string[] = [];
  for (const pair of cniArgs.split(';')) {
    const kv = pair.split('=');
    if (kv.length !== 2) throw argsError(`ARGS: invalid pair ${goQuote(pair)}`);
    const [k, v] = kv;
    switch (k) {
      case 'IgnoreUnknown':
        out.ignoreUnknown = parseBool(pair, v);
        break;
      case 'IP': {
        // net.IP's text decoder: "" is nil, anything else must parse.
        if (v === '') {
          delete out.ip;
          break;
        }
        const ip = tryCanonicalIp(v);
        if (ip === undefined) throw argsError(`ARGS: error parsing value of pair ${goQuote(pair)}: invalid IP address: ${v}`);
        out.ip = ip;
        break;
      }
      case 'MAC':
        if (v === '') delete out.mac;
        else out.mac = v;
        break;
      case 'K8S_POD_NAME':
        out.podName = v;
        break;
      case 'K8S_POD_NAMESPACE':
        out.podNamespace = v;
        break;
      case 'K8S_POD_INFRA_CONTAINER_ID':
        out.podInfraContainerId = v;
        break;
      case 'K8S_POD_UID':
        out.podUid = v;
        break;
      default:
        unknown.push(pair);
    }
  }
  if (unknown.length > 0 && !out.ignoreUnknown) throw argsError(`ARGS: unknown args [${unknown.map(goQuote).join(' ')}]`);
  return out;
}

export interface AddRequests {
  readonly mac?: string;
  readonly ips?: readonly string[];
}

/**
 * A delegate's CNI_ARGS pairs. `envCniArgs` is the CNI_ARGS whose extra pairs are passed on (Go reads
 * its own process environment: the runtime's in thin mode, nothing in thick mode). Pairs without `=`
 * are skipped; `=` inside a value is kept.
 *
 * Deviation from Go: Go appends a runtime pair whose key is already present (unless the present value
 * is empty), so thin-mode delegates see `K8S_POD_NAME=p;…;K8S_POD_NAME=p`. Here a present key is only
 * filled when empty and never duplicated. Likewise MAC/IP from the selection replace a MAC/IP the
 * runtime sent instead of being appended after it, which keeps what a last-wins parser sees.
 */
export function delegateCniArgs(k8s: K8sArgs, envCniArgs: string, add: AddRequests = {}): CniArgs {
  const pairs: [string, string][] = [
    ['IgnoreUnknown', 'true'],
    ['K8S_POD_NAMESPACE', k8s.podNamespace],
    ['K8S_POD_NAME', k8s.podName],
    ['K8S_POD_INFRA_CONTAINER_ID', k8s.podInfraContainerId],
    ['K8S_POD_UID', k8s.podUid],
  ];
  const set = (k: string, v: string, replace: boolean): void => {
    const p = pairs.find((x) => x[0] === k);
    if (!p) pairs.push([k, v]);
    else if (replace || (p[1] === '' && v !== '')) p[1] = v;
  };
  if (envCniArgs !== '') {
    for (const arg of envCniArgs.split(';')) {
      const eq = arg.indexOf('=');
      if (eq < 0) continue;
      set(arg.slice(0, eq), arg.slice(eq + 1), false);
    }
  }
  // Deprecated since Multus 3.5 but still sent on ADD. An empty ips list sends nothing (Go sends `IP=`).
  if (add.mac) set('MAC', add.mac, true);
  if (add.ips && add.ips.length > 0) set('IP', add.ips.join(','), true);
  return pairs.map(([k, v]) => [k, v] as const);
}

/** CNI_ARGS text of pairs, as libcni joins them. */
export function formatCniArgs(pairs: CniArgs): string {
  return pairs.map(([k, v]) => `${k}=${v}`).join(';');
}
