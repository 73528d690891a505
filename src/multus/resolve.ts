// Which delegates a pod gets (multus.md §3.3 steps 6–7, §3.4, §1.4): the cluster network (or the
// static `delegates`), `defaultNetworks`, the per-pod default-network override, then every network of
// the selection annotation, then the auxiliary chain (auxiliary-chain.ts); then the default-route
// consistency check.
import { statSync } from 'node:fs';
import { extname } from 'node:path';
import { confFiles, loadConfListFile } from '../cni/config/index.ts';
import { asCniError, CniError, cniError } from '../errors/catalogue.ts';
import type { Logger } from '../util/logger.ts';
import { auxiliaryChain } from './auxiliary-chain.ts';
import { checkGatewayConfig } from './default-route.ts';
import { delegateConfFromLoadedFile, delegateConfFromSpec } from './delegate-conf.ts';
import { loadDelegate, type Delegate } from './delegate.ts';
import type { DeviceAllocator } from './devices/resource-map.ts';
import { isSystemNamespace, type MultusConf } from './netconf.ts';
import { DEFAULT_NETWORK_ANNOTATION, NETWORKS_ANNOTATION, parseDefaultNetwork, parseNetworkSelection, type NetworkSelection } from './selection.ts';
import { RESOURCE_NAME_ANNOTATION, type NetworkSource, type PodInfo } from './sources/types.ts';

export interface ResolveContext {
  readonly conf: MultusConf;
  readonly source: NetworkSource | null;
  readonly pod: PodInfo | null;
  readonly log: Logger;
  readonly signal?: AbortSignal;
  /** The pod's devices for NADs with a resourceName (§5); absent: such NADs get no device. */
  readonly devices?: DeviceAllocator;
}

const NETWORK_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/**
 * The NAD client's GetCNIConfigFromFile: the first `.conf`/`.json`/`.conflist` of `dir` (file-name
 * order) whose CNI `name` is `name`. Any file that fails to load before the match aborts the lookup.
 */
export async function confFromFileByName(name: string, dir: string): Promise<string> {
  const files = await confFiles(dir, ['.conf', '.json', '.conflist']);
  if (files.length === 0) throw cniError('CONFIG_NOT_FOUND', `No networks found in ${dir}`);
  for (const file of files) {
    let list;
    try {
      list = await loadConfListFile(file);
    } catch (e) {
      throw asCniError(e).withPrefix(`Error loading CNI config file ${file}: `);
    }
    if (list.name === name) return delegateConfFromLoadedFile(list);
  }
  throw cniError('CONFIG_NOT_FOUND', `no network available in the name ${name} in cni dir ${dir}`);
}

async function delegateFromPath(path: string): Promise<Delegate> {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    throw cniError('CONFIG_NOT_FOUND', `getNetDelegate: ${(e as Error).message}`);
  }
  let file = path;
  if (st.isDirectory()) {
    const files = await confFiles(path, ['.conf', '.json', '.conflist']);
    if (!files.some((f) => ['.conf', '.conflist'].includes(extname(f)))) throw cniError('CONFIG_NOT_FOUND', `getNetDelegate: cannot find network: ${path}`);
    file = files[0];
  }
  let list;
  try {
    list = await loadConfListFile(file);
  } catch (e) {
    const what = file.endsWith('.conflist') ? 'conflist' : 'config';
    throw asCniError(e).withPrefix(`error loading CNI ${what} file ${file}: `);
  }
  if (file.endsWith('.conflist') && !NETWORK_NAME.test(list.name)) throw cniError('NETWORK_NAME_INVALID', `invalid network config name: ${list.name}`);
  return loadDelegate(delegateConfFromLoadedFile(list));
}

/** A NAD as a delegate (§1.4): spec.config with the NAD name injected, or a file by name in confDir. */
export async function nadDelegate(ctx: ResolveContext, namespace: string, name: string, selection?: NetworkSelection): Promise<Delegate> {
  if (!ctx.source) throw cniError('CONFIG_INVALID', `cannot resolve network-attachment-definition ${namespace}/${name}: no Kubernetes and no local source configured`);
  const nad = await ctx.source.getNad(namespace, name, ctx.signal ? { signal: ctx.signal } : {});
  if (!nad) {
    const msg = `cannot find a network-attachment-definition (${name}) in namespace (${namespace})`;
    if (ctx.pod) void ctx.source.recordEvent(ctx.pod, { type: 'Warning', reason: 'NoNetworkFound', message: msg });
    throw cniError('CONFIG_NOT_FOUND', `getKubernetesDelegate: ${msg}: network-attachment-definitions.k8s.cni.cncf.io "${name}" not found`);
  }
  const text = nad.config ? delegateConfFromSpec(nad.config, name) : await confFromFileByName(name, ctx.conf.confDir).catch((e: unknown) => {
    throw asCniError(e).withPrefix('GetCNIConfig: err in GetCNIConfigFromFile: ');
  });
  const resourceName = nad.annotations[RESOURCE_NAME_ANNOTATION];
  const device = resourceName && ctx.pod && ctx.devices ? await nadDevice(ctx, ctx.devices, resourceName, `${namespace}/${name}`) : undefined;
  // A NAD's delegate is named `<namespace>/<name>` (network-status, events) whatever its CNI name.
  return loadDelegate(text, { selection: selection ?? { name, namespace }, ...(device && resourceName ? { deviceId: device, resourceName } : {}) });
}

/** The next device of the NAD's resource (§5): the map is built on the first such NAD of the ADD. */
async function nadDevice(ctx: ResolveContext, devices: DeviceAllocator, resourceName: string, nad: string): Promise<string | undefined> {
  let got;
  try {
    got = await devices.take(resourceName);
  } catch (e) {
    throw asCniError(e).withPrefix('getKubernetesDelegate: failed to get resourceMap from ResourceClient: ');
  }
  // more NADs of a resource than the pod requested devices: Multus goes on without a device
  if (!got.deviceId) ctx.log.verbose(`no device of resource ${resourceName} left for ${nad} (the pod has ${got.total})`);
  return got.deviceId;
}

/** getNetDelegate (§3.4.1): a value with `/` is a path; otherwise a NAD, falling back to a file. */
async function netDelegate(ctx: ResolveContext, value: string, namespace: string): Promise<Delegate> {
  if (value.includes('/')) return delegateFromPath(value);
  try {
    return await nadDelegate(ctx, namespace, value);
  } catch (nadErr) {
    try {
      return loadDelegate(await confFromFileByName(value, ctx.conf.confDir));
    } catch {
      ctx.log.verbose('cluster/default network not found as NAD nor file', { network: value, error: asCniError(nadErr).message });
      throw cniError('CONFIG_NOT_FOUND', `getNetDelegate: cannot find network: ${value}`);
    }
  }
}

function checkIsolation(ctx: ResolveContext, sel: NetworkSelection): void {
  const { conf, pod } = ctx;
  if (!conf.namespaceIsolation || !pod || sel.namespace === pod.namespace || conf.globalNamespaces.includes(sel.namespace)) return;
  throw cniError('CONFIG_INVALID', `GetNetworkDelegates: namespace isolation enabled, annotation violates permission, pod is in namespace ${pod.namespace} but refers to target namespace ${sel.namespace}`);
}

/** The pod's delegates, #0 the master. Errors name the step, as Multus' do. */
export async function resolveDelegates(ctx: ResolveContext): Promise<Delegate[]> {
  const { conf, pod } = ctx;
  let delegates: Delegate[];
  if (conf.clusterNetwork) {
    delegates = [];
    try {
      delegates.push(await netDelegate(ctx, conf.clusterNetwork, conf.multusNamespace));
      if (!pod || !isSystemNamespace(pod.namespace, conf.systemNamespaces)) {
        for (const dn of conf.defaultNetworks) delegates.push(await netDelegate(ctx, dn, conf.multusNamespace));
      }
    } catch (e) {
      throw asCniError(e).withPrefix('failed to get clusterNetwork/defaultNetworks: ');
    }
  } else {
    delegates = [...conf.delegates];
  }
  if (delegates.length === 0) throw cniError('CONFIG_INVALID', 'LoadNetConf: at least one delegate/clusterNetwork must be specified');
  const chain = await auxiliaryChain(conf, ctx.log);
  if (!pod) return chain ? [...delegates, chain] : delegates;

  try {
    const override = pod.annotations[DEFAULT_NETWORK_ANNOTATION];
    if (override) {
      const sel = parseDefaultNetwork(override, conf.multusNamespace);
      // the override is a NAD only (no file fallback) and not subject to namespace isolation
      delegates[0] = await nadDelegate(ctx, sel.namespace, sel.name, sel);
    }
    for (const sel of parseNetworkSelection(pod.annotations[NETWORKS_ANNOTATION], pod.namespace)) {
      checkIsolation(ctx, sel);
      try {
        delegates.push(await nadDelegate(ctx, sel.namespace, sel.name, sel));
      } catch (e) {
        throw asCniError(e).withPrefix('GetNetworkDelegates: failed getting the delegate: ');
      }
    }
    if (chain) delegates.push(chain);
    return checkGatewayConfig(delegates);
  } catch (e) {
    throw e instanceof CniError ? e.withPrefix('error loading k8s delegates k8s args: ') : e;
  }
}
