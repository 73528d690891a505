// A pod's devices (multus.md §5): resourceName → device IDs, from the kubelet PodResources API or, when
// that cannot answer, the device manager's checkpoint file; and their assignment to delegates.
// Each resource's IDs are sorted (Multus 4.3, #1481): the kubelet's order (and the checkpoint's map
// order) is not stable, and other components (OVN-Kubernetes' primary UDN) must agree with us on which
// device is left over.
import { stat } from 'node:fs/promises';
import { asCniError, cniError } from '../../errors/catalogue.ts';
import type { Logger } from '../../util/logger.ts';
import type { PodInfo } from '../sources/types.ts';
import { checkpointResourceMap } from './checkpoint.ts';
import { DEFAULT_KUBELET_SOCKET, kubeletSocketPath, listPodResources, podResourceMap } from './kubelet-client.ts';

/** Where devices and device-info files are found; every default is the kubelet's / NPWG's path. */
export interface DeviceOptions {
  /** The kubelet pod-resources endpoint (`unix:///…`). */
  readonly kubeletSocket?: string;
  readonly checkpointFile?: string;
  /** Per kubelet call (dial included). */
  readonly timeoutMs?: number;
  /** Device plugins' device-info files (`…/devinfo/dp`). */
  readonly dpDir?: string;
  /** Per-attachment CNI device-info files (`…/devinfo/cni`). */
  readonly cniDir?: string;
}

/** What the Multus commands accept besides MultusDeps (tests point the paths at temp dirs). */
export interface DeviceDeps {
  readonly devices?: DeviceOptions;
}

export type ResourceMap = ReadonlyMap<string, readonly string[]>;

export interface ResourceMapOptions extends DeviceOptions {
  readonly log?: Logger;
}

function sorted(m: Map<string, string[]>): ResourceMap {
  for (const ids of m.values()) ids.sort();
  return m;
}

function logged(m: ResourceMap, from: string, log: Logger | undefined): ResourceMap {
  log?.verbose(`pod devices from the ${from}`, { devices: Object.fromEntries(m) });
  return m;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * The pod's resource map, kubelet first, checkpoint on failure (Multus' order: the socket's
 * existence picks the API; unlike Multus a failing API call also falls back). A malformed socket
 * URL or a pod without name/namespace is an error, not a reason to fall back.
 */
export async function resourceMap(pod: PodInfo, opts: ResourceMapOptions = {}): Promise<ResourceMap> {
  if (!pod.name || !pod.namespace) throw cniError('CONFIG_INVALID', `device lookup needs the pod's name and namespace, got "${pod.namespace}/${pod.name}"`);
  const socket = kubeletSocketPath(opts.kubeletSocket || DEFAULT_KUBELET_SOCKET);
  let why: string;
  if (await exists(socket)) {
    try {
      const pods = await listPodResources(socket, opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {});
      return logged(sorted(podResourceMap(pods, pod, opts.log)), 'kubelet pod-resources', opts.log);
    } catch (e) {
      why = asCniError(e).message;
      opts.log?.verbose('kubelet pod-resources failed; reading the device checkpoint instead', { error: why });
    }
  } else {
    why = `no kubelet pod-resources socket at ${socket}`;
  }
  try {
    return logged(sorted(await checkpointResourceMap(pod, opts.checkpointFile)), 'device checkpoint', opts.log);
  } catch (e) {
    throw asCniError(e).withPrefix(`${why}; checkpoint fallback: `);
  }
}

/**
 * Hands out a pod's devices to delegates, in the order they ask (delegate order): each delegate of
 * resource R gets R's next unused ID; none left → no device (not an error, as in Multus). The map is
 * built on the first request and only then, so pods without resourceName NADs never reach the kubelet;
 * once per ADD, so one pod's delegates never see two different kubelet answers.
 */
export class DeviceAllocator {
  readonly #build: () => Promise<ResourceMap>;
  #map: Promise<ResourceMap> | undefined;
  readonly #next = new Map<string, number>();

  constructor(build: () => Promise<ResourceMap>) {
    this.#build = build;
  }

  /** For `pod`, from the kubelet / checkpoint paths of `opts`. */
  static forPod(pod: PodInfo, opts: ResourceMapOptions = {}): DeviceAllocator {
    return new DeviceAllocator(() => resourceMap(pod, opts));
  }

  /** Whether the map was (or is being) built: the kubelet was asked. */
  get used(): boolean {
    return this.#map !== undefined;
  }

  /** The next device of `resourceName`, or undefined; rejects when the map cannot be built. */
  async take(resourceName: string): Promise<{ readonly deviceId?: string; readonly total: number }> {
    this.#map ??= this.#build();
    const ids = (await this.#map).get(resourceName) ?? [];
    // the index moves synchronously after the await: concurrent callers still get distinct devices
    const i = this.#next.get(resourceName) ?? 0;
    if (i >= ids.length) return { total: ids.length };
    this.#next.set(resourceName, i + 1);
    return { deviceId: ids[i], total: ids.length };
  }
}
