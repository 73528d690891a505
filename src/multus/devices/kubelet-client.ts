// The kubelet PodResources API client (multus.md §5): one unary `List` over the kubelet's unix socket,
// as Multus does (Get needs a feature gate that many kubelets lack, and List answers every kubelet
// version the same way). grpc-js is imported on first use, so pods without devices never load it.
import type { ServiceError } from '@grpc/grpc-js';
import { cniError } from '../../errors/catalogue.ts';
import type { Logger } from '../../util/logger.ts';
import type { PodKey } from '../sources/types.ts';
import { decodeListResponse, encodeListRequest, type PodResources } from './podresources-codec.ts';

export const DEFAULT_KUBELET_SOCKET = 'unix:///var/lib/kubelet/pod-resources/kubelet.sock';
/** Multus' dial and call timeout. */
export const DEFAULT_KUBELET_TIMEOUT_MS = 10_000;
/** Multus' limit: List returns every pod of the node, which can exceed grpc's 4 MiB default. */
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
const LIST_METHOD = '/v1.PodResourcesLister/List';

/**
 * The socket path of a kubelet endpoint: `unix:///abs/path`, `unix:path` (Go's url form Multus'
 * tests use) or a bare absolute path. Anything else (another scheme, `unix://host/...`) is refused:
 * the kubelet serves this API on a local socket only.
 */
export function kubeletSocketPath(url: string): string {
  if (url.startsWith('unix://')) {
    const p = url.slice('unix://'.length);
    if (p.startsWith('/')) return p;
  } else if (url.startsWith('unix:')) {
    const p = url.slice('unix:'.length);
    if (p !== '') return p;
  } else if (url.startsWith('/')) {
    return url;
  }
  throw cniError('CONFIG_INVALID', `invalid kubelet pod-resources socket "${url}": expected unix:///path/to/kubelet.sock`);
}

export interface ListOptions {
  /** Dial and call together; default Multus' 10 s. */
  readonly timeoutMs?: number;
}

/** Every pod's resources, from the kubelet at `socketPath`. Errors carry grpc's status text. */
export async function listPodResources(socketPath: string, opts: ListOptions = {}): Promise<PodResources[]> {
  const grpc = await import('@grpc/grpc-js');
  // `unix:<path>` names relative and absolute paths alike in grpc target syntax
  const client = new grpc.Client(`unix:${socketPath}`, grpc.credentials.createInsecure(), {
    'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
  });
  const deadline = Date.now() + (opts.timeoutMs ?? DEFAULT_KUBELET_TIMEOUT_MS);
  try {
    return await new Promise<PodResources[]>((resolve, reject) => {
      client.makeUnaryRequest(
        LIST_METHOD,
        encodeListRequest,
        (b: Buffer) => decodeListResponse(b),
        null,
        new grpc.Metadata(),
        { deadline },
        (err: ServiceError | null, value?: PodResources[]) => (err ? reject(err) : resolve(value ?? [])),
      );
    });
  } catch (e) {
    const err = e as ServiceError;
    throw cniError('K8S_UNAVAILABLE', `kubelet pod-resources List on ${socketPath} failed: ${err.details || err.message}`);
  } finally {
    client.close();
  }
}

/**
 * The pod's resourceName → device IDs from a List answer, matched by name and namespace (the API has
 * no UIDs). Per container in order: device-plugin devices under their resource name; DRA devices under
 * the claim name, each CDI device name cut after its `=` (`vendor.com/class=dev0` → `dev0`, Multus
 * 4.2.2). A pod that is not in the list has no devices (an empty map, not an error).
 */
export function podResourceMap(pods: readonly PodResources[], pod: PodKey, log?: Logger): Map<string, string[]> {
  if (!pod.name || !pod.namespace) throw cniError('CONFIG_INVALID', `device lookup needs the pod's name and namespace, got "${pod.namespace}/${pod.name}"`);
  const out = new Map<string, string[]>();
  const add = (key: string, id: string): void => {
    const l = out.get(key);
    if (l) l.push(id);
    else out.set(key, [id]);
  };
  for (const p of pods) {
    if (p.name !== pod.name || p.namespace !== pod.namespace) continue;
    for (const c of p.containers) {
      for (const d of c.devices) for (const id of d.deviceIds) add(d.resourceName, id);
      for (const dr of c.dynamicResources) {
        for (const cr of dr.claimResources) {
          for (const cdi of cr.cdiDevices) {
            const eq = cdi.indexOf('=');
            if (eq < 0 || eq === cdi.length - 1) {
              log?.error('ignoring a malformed CDI device name from the kubelet', { claim: dr.claimName, cdiDevice: cdi });
              continue;
            }
            add(dr.claimName, cdi.slice(eq + 1));
          }
        }
      }
    }
  }
  return out;
}
