// Multus ADD (multus.md §3.3): resolve the pod's delegates, record them (before anything runs, so a
// DEL after a crash finds them), run each one; on the first failure DEL the ones already run so
// nothing leaks; move default routes; write network-status; return the master's result.
import { stat } from 'node:fs/promises';
import { updateCachedResult } from '../../cni/cache.ts';
import { convertResult, resultToJSON, type CniResult, type Result1 } from '../../cni/result/index.ts';
import type { RuntimeContext } from '../../cni/runtime/index.ts';
import { asCniError, CniError, cniError } from '../../errors/catalogue.ts';
import type { Logger } from '../../util/logger.ts';
import { addDefaultRoutes, defaultRouteActions, deleteDefaultRoutes } from '../default-route.ts';
import { removeDelegateCache, writeDelegateCache } from '../delegate-cache.ts';
import { delegateAdd, delegateDel } from '../delegate-exec.ts';
import type { Delegate } from '../delegate.ts';
import { copyDpDeviceInfo, readCniDeviceInfo, removeCniDeviceInfo, type DeviceInfo } from '../devices/device-info.ts';
import { DeviceAllocator, type DeviceDeps } from '../devices/resource-map.ts';
import { emptyAddResult } from '../empty-result.ts';
import { assignIfnames } from '../ifnames.ts';
import { parseK8sArgs, type K8sArgs } from '../k8s-args.ts';
import { parseMultusConf, type MultusConf } from '../netconf.ts';
import { networkStatusEntries, serializeNetworkStatus, type NetworkStatusEntry } from '../network-status.ts';
import { lookupPod } from '../pod-lookup.ts';
import { resolveDelegates } from '../resolve.ts';
import { cniDeviceInfoPath } from '../runtime-config.ts';
import type { PodInfo } from '../sources/types.ts';
import { delegateContext, podTag, runtimePodAnnotations } from './context.ts';
import type { MultusDeps } from './deps.ts';
import type { CniRequest } from './request.ts';
import { runtimeConfFor } from './runtime-conf.ts';

const READINESS_WAIT_MS = 45_000;

export function loadConf(stdin: string): MultusConf {
  try {
    return parseMultusConf(stdin);
  } catch (e) {
    throw asCniError(e).withPrefix('Multus: error loading netconf: ');
  }
}

export function loadK8sArgs(args: string): K8sArgs {
  try {
    return parseK8sArgs(args);
  } catch (e) {
    throw asCniError(e).withPrefix('Multus: error getting k8s args: ');
  }
}

/** The readiness indicator file (§1.1): polled every second for up to 45 s. */
export async function waitForReadiness(path: string, waitMs = READINESS_WAIT_MS): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      await stat(path);
      return;
    } catch {
      if (Date.now() >= deadline) {
        throw cniError('READINESS_TIMEOUT', `have you checked that your default network is ready? still waiting for readinessindicatorfile @ ${path}. pollimmediate error: timed out waiting for the condition`);
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

function hasInterfacesOrIps(r: CniResult): boolean {
  const x = convertResult(r, '1.1.0') as Result1;
  return (x.interfaces?.length ?? 0) > 0 || (x.ips?.length ?? 0) > 0;
}

async function moveDefaultRoutes(deps: MultusDeps, conf: MultusConf, req: CniRequest, d: Delegate, ifName: string): Promise<void> {
  const act = defaultRouteActions(d);
  const key = { networkName: d.confName, containerID: req.containerID, ifName };
  if (act.deleteV4 || act.deleteV6) {
    try {
      await deps.netns.deleteDefaultRoutes(req.netns, ifName);
      await updateCachedResult(conf.cniDir, key, (r) => deleteDefaultRoutes(r, { v4: act.deleteV4, v6: act.deleteV6 }));
    } catch (e) {
      throw asCniError(e).withPrefix('error deleting default gateway: ');
    }
  }
  if (act.add && d.gatewayRequest) {
    for (const gw of d.gatewayRequest) await deps.netns.addDefaultRoute(req.netns, ifName, gw);
    await updateCachedResult(conf.cniDir, key, (r) => addDefaultRoutes(r, d.gatewayRequest ?? []));
  }
}

/**
 * The ADD's rollback: DEL delegates [0..upTo] in reverse order, errors logged. The delegates that had
 * succeeded must be deleted for the rollback to count as clean; the failed one's DEL is best effort
 * (a config that broke its ADD usually breaks its DEL too, after the plugin cleaned what it could).
 * A clean rollback removes the delegate cache: nothing is attached any more.
 */
async function rollback(ctx: RuntimeContext, req: CniRequest, conf: MultusConf, k8s: K8sArgs, delegates: readonly Delegate[], ifnames: readonly string[], upTo: number, failed: number | undefined, log: Logger, devDir: string | undefined): Promise<boolean> {
  let clean = true;
  for (let i = upTo; i >= 0; i--) {
    let deleted = false;
    try {
      await delegateDel(ctx, delegates[i], runtimeConfFor(req, conf, k8s, delegates[i], ifnames[i], i === 0, false, devDir), conf.cniVersion);
      deleted = true;
    } catch (e) {
      if (i !== failed) clean = false;
      log.error('rollback DEL failed', { delegate: delegates[i].name, error: asCniError(e).message, kept: i !== failed ? 'delegate cache, for the runtime DEL' : 'nothing' });
    }
    // the device-info file goes with its attachment (an attachment kept for the runtime's DEL keeps it)
    if (deleted || i === failed) await removeCniDeviceInfo(cniDeviceInfoPath(delegates[i].name, req.containerID, ifnames[i], devDir), log);
  }
  if (clean) await removeDelegateCache(conf.cniDir, req.containerID).catch(() => false);
  return clean;
}

function addedInterfaceMessage(r: CniResult, ifName: string, name: string): string {
  const ips = ((convertResult(r, '1.1.0') as Result1).ips ?? []).map((ip) => ip.address);
  return `Add ${ifName} [${ips.join(' ')}]${name ? ` from ${name}` : ''}`;
}

export async function cmdAdd(req: CniRequest, deps: MultusDeps & DeviceDeps): Promise<CniResult> {
  const conf = loadConf(req.stdin);
  const k8s = loadK8sArgs(req.args);
  const tag = podTag(k8s);
  const log = deps.log.child({ pod: `${k8s.podNamespace}/${k8s.podName}`, container: req.containerID });
  const fail = (e: unknown, prefix = ''): CniError => asCniError(e).withPrefix(`Multus: ${tag}: ${prefix}`);

  if (conf.readinessIndicatorFile) await waitForReadiness(conf.readinessIndicatorFile);

  let pod: PodInfo | null = null;
  const { source } = deps;
  if (source) {
    const runtimeAnnotations = runtimePodAnnotations(req.stdin);
    try {
      pod = await lookupPod(source, k8s, {
        command: 'ADD', timeoutMs: conf.podLookupTimeoutMs, log,
        ...(runtimeAnnotations ? { runtimeAnnotations } : {}),
      });
    } catch (e) {
      throw fail(e);
    }
    // The pod is gone (deleted while the runtime was setting it up): a structured empty result, no
    // delegate runs, nothing is cached (§3.7).
    if (!pod && k8s.podName && k8s.podNamespace) return emptyAddResult(conf.cniVersion, req.ifName, req.netns);
  }

  let delegates: Delegate[];
  let ifnames: string[];
  // the pod's devices: looked up only if a NAD has a resourceName, once for all its delegates
  const devices = pod ? DeviceAllocator.forPod(pod, { ...deps.devices, log }) : undefined;
  const devDir = deps.devices?.cniDir;
  try {
    delegates = await resolveDelegates({ conf, source, pod, log, devices });
    ifnames = assignIfnames(delegates, req.ifName);
  } catch (e) {
    throw fail(e);
  }
  if (!(await deps.netns.exists(req.netns))) {
    const d = delegates[0];
    throw cniError('ENV_MISSING', `${tag.slice(0, -1)}:${d.confName}]: error adding container to network "${d.confName}": DelegateAdd: cannot set "${d.confType}" interface name to "${ifnames[0]}": validateIfName: no net namespace ${req.netns} found`);
  }
  try {
    await writeDelegateCache(conf.cniDir, req.containerID, delegates);
  } catch (e) {
    throw fail(e, 'error saving the delegates: ');
  }

  const ctx = delegateContext(conf, req, deps);
  const entries: NetworkStatusEntry[] = [];
  // Events are posted while the next delegates run, and awaited before returning: a thin-plugin
  // process must not exit with events unsent (Multus' thin mode loses them).
  const events: Promise<void>[] = [];
  let master: CniResult | undefined;
  for (let i = 0; i < delegates.length; i++) {
    const d = delegates[i];
    const ifName = ifnames[i];
    const devFile = cniDeviceInfoPath(d.name, req.containerID, ifName, devDir);
    // a device from a resource: the device plugin's file is the attachment's device info to start with
    const seeded = d.resourceName && d.deviceId ? await copyDpDeviceInfo(d.resourceName, d.deviceId, devFile, deps.devices?.dpDir) : undefined;
    let result: CniResult;
    try {
      result = await delegateAdd(ctx, d, runtimeConfFor(req, conf, k8s, d, ifName, i === 0, true, devDir));
    } catch (e) {
      await rollback(ctx, req, conf, k8s, delegates, ifnames, i, i, log, devDir);
      throw asCniError(e).withPrefix(`${tag.slice(0, -1)}:${d.confName}]: error adding container to network "${d.confName}": `);
    }
    log.verbose(`Add: ${k8s.podNamespace}:${k8s.podName}:${k8s.podUid}:${d.name}(${d.confName}):${ifName} ${JSON.stringify(resultToJSON(result))}`);
    if (i === 0) master = result;
    if (!hasInterfacesOrIps(result)) continue;
    try {
      await moveDefaultRoutes(deps, conf, req, d, ifName);
    } catch (e) {
      // unlike Multus (which returns without rollback), a failed route move undoes the whole ADD
      await rollback(ctx, req, conf, k8s, delegates, ifnames, i, undefined, log, devDir);
      throw fail(e);
    }
    if (source && pod) {
      entries.push(...networkStatusEntries(result, d.name, i === 0, await attachmentDeviceInfo(devFile, d, seeded?.note, log)));
      events.push(source.recordEvent(pod, { type: 'Normal', reason: 'AddedInterface', message: addedInterfaceMessage(result, ifName, d.name) }));
    }
  }

  // Converting the master's result to the config's version can fail (a legacy version needs an IP):
  // before anything is written, and undone like any other failure.
  let out: CniResult;
  try {
    if (!master) throw cniError('INTERNAL', 'no delegate produced a result');
    out = convertResult(master, conf.cniVersion);
  } catch (e) {
    await rollback(ctx, req, conf, k8s, delegates, ifnames, delegates.length - 1, undefined, log, devDir);
    throw fail(e);
  }

  if (source && pod && entries.length > 0) {
    try {
      await source.setNetworkStatus(pod, serializeNetworkStatus(entries));
    } catch (e) {
      const err = asCniError(e);
      if (err.id === 'K8S_NOT_FOUND') {
        log.verbose('pod deleted before its network-status could be written; ignored', { error: err.message });
      } else {
        await rollback(ctx, req, conf, k8s, delegates, ifnames, delegates.length - 1, undefined, log, devDir);
        throw fail(err, 'error setting the networks status: ');
      }
    }
  }
  await Promise.allSettled(events);
  return out;
}

/**
 * The attachment's CNI device-info file after its ADD (§5), whoever wrote it (copied from the device
 * plugin, or the plugin itself), as the NAD client re-encodes it. None is not an error: one log line
 * says why (verbose when the delegate had a device and so was expected to have device info).
 */
async function attachmentDeviceInfo(file: string, d: Delegate, seedNote: string | undefined, log: Logger): Promise<DeviceInfo | undefined> {
  const got = await readCniDeviceInfo(file);
  if ('info' in got) return got.info;
  const device = !d.deviceId ? 'no device' : d.resourceName ? `device ${d.deviceId} of ${d.resourceName}` : `device ${d.deviceId} from the selection (no device plugin file to copy)`;
  const msg = `no device-info for ${d.name}: ${device}${seedNote ? `, ${seedNote}` : ''}; ${got.why}`;
  if (d.deviceId) log.verbose(msg);
  else log.debug(msg);
  return undefined;
}
