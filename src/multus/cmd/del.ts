// Multus DEL (multus.md §3.8): the delegates come from the delegate cache written by ADD (ours or Go
// Multus'); without a cache they are recomputed from the pod, when the pod is known. Every delegate is
// DELed in reverse order even when one fails, and the errors are joined. DEL never needs the API when
// the cache is there, so it works while the API server is down.
import { rename } from 'node:fs/promises';
import { listCachedAttachments } from '../../cni/cache.ts';
import { parseConfList } from '../../cni/config/index.ts';
import { delNetworkList } from '../../cni/runtime/index.ts';
import type { MultusConf } from '../netconf.ts';
import { asCniError, CniError } from '../../errors/catalogue.ts';
import { delegateCachePath, readDelegateCache, removeDelegateCache } from '../delegate-cache.ts';
import { delegateDel } from '../delegate-exec.ts';
import type { Delegate } from '../delegate.ts';
import { removeCniDeviceInfo } from '../devices/device-info.ts';
import { DeviceAllocator, type DeviceDeps } from '../devices/resource-map.ts';
import { delegateIfname } from '../ifnames.ts';
import { lookupPod } from '../pod-lookup.ts';
import { resolveDelegates } from '../resolve.ts';
import { cniDeviceInfoPath } from '../runtime-config.ts';
import type { PodInfo } from '../sources/types.ts';
import { loadConf, loadK8sArgs } from './add.ts';
import { delegateContext, podTag, runtimePodAnnotations } from './context.ts';
import type { MultusDeps } from './deps.ts';
import { runtimeConfFor } from './runtime-conf.ts';
import type { CniRequest } from './request.ts';

/**
 * DEL every attachment of the container that libcni's cache under cniDir records, through the cached
 * config. A failure is returned (the cache entry stays), so the runtime retries instead of forgetting.
 */
async function delFromResultCaches(conf: MultusConf, req: CniRequest, deps: MultusDeps, log: MultusDeps['log']): Promise<boolean> {
  const cached = await listCachedAttachments(conf.cniDir, req.containerID);
  const ctx = delegateContext(conf, req, deps);
  const errors: string[] = [];
  for (const a of [...cached].reverse()) {
    try {
      await delNetworkList(ctx, parseConfList(a.config), {
        containerID: a.containerID, netNS: req.netns || a.netNS || '', ifName: a.ifName,
        ...(a.cniArgs ? { args: a.cniArgs } : {}), ...(a.capabilityArgs ? { capabilityArgs: a.capabilityArgs } : {}),
      });
      log.verbose("DEL through libcni's cached config (no delegate cache, no pod)", { network: a.networkName, ifname: a.ifName });
    } catch (e) {
      errors.push(asCniError(e).message);
    }
  }
  if (errors.length > 0) throw new CniError('DELEGATE_FAILED', errors.join(' / '));
  return cached.length > 0;
}

export async function cmdDel(req: CniRequest, deps: MultusDeps & DeviceDeps): Promise<void> {
  const conf = loadConf(req.stdin);
  const k8s = loadK8sArgs(req.args);
  const tag = podTag(k8s);
  const log = deps.log.child({ pod: `${k8s.podNamespace}/${k8s.podName}`, container: req.containerID });

  let delegates: Delegate[] | undefined;
  let fromCache = false;
  try {
    delegates = await readDelegateCache(conf.cniDir, req.containerID);
    fromCache = delegates !== undefined;
  } catch (e) {
    // Multus deletes nothing when the cache is corrupt (an IP leak, #1087). We keep the file for the
    // operator under another name and fall back to recomputing the delegates from the pod.
    const path = delegateCachePath(conf.cniDir, req.containerID);
    log.error('corrupt delegate cache; recomputing the delegates from the pod', { path, error: asCniError(e).message });
    await rename(path, `${path}.corrupt`).catch(() => {});
  }

  if (!delegates) {
    let pod: PodInfo | null = null;
    if (deps.source) {
      try {
        const runtimeAnnotations = runtimePodAnnotations(req.stdin);
        pod = await lookupPod(deps.source, k8s, { command: 'DEL', timeoutMs: conf.podLookupTimeoutMs, log, ...(runtimeAnnotations ? { runtimeAnnotations } : {}) });
      } catch (e) {
        log.verbose(`Multus: GetPod failed: ${asCniError(e).message}, but continue to delete`);
      }
    }
    if (!pod) {
      // Without the delegate cache and the pod, libcni's result caches of this container are what is
      // left to go on: each holds the exact network config its ADD ran, so a DEL through them still
      // releases the addresses (a corrupt delegate cache of a pod already gone leaked them all).
      // With none either, nothing of ours is attached: a DEL after a DEL, or a pod never added.
      const released = await delFromResultCaches(conf, req, deps, log);
      if (!released) log.verbose('Multus: failed to get the cached delegates file, cannot properly delete');
      return;
    }
    try {
      // as Multus: recomputed NAD delegates get their devices again (plugins such as sriov need the
      // deviceID in their config to release the device)
      delegates = await resolveDelegates({ conf, source: deps.source, pod, log, devices: DeviceAllocator.forPod(pod, { ...deps.devices, log }) });
    } catch (e) {
      try {
        delegates = await resolveDelegates({ conf, source: deps.source, pod: null, log });
        log.verbose(`Multus: failed to get delegates: ${asCniError(e).message}, but continue to delete clusterNetwork`);
      } catch {
        throw asCniError(e).withPrefix(`Multus: ${tag}: failed to get delegates: `);
      }
    }
  }

  const ctx = delegateContext(conf, req, deps);
  const devDir = deps.devices?.cniDir;
  const errors: CniError[] = [];
  // device-info files of delegates whose DEL failed: kept while their attachment is kept for a retry
  const keptDeviceInfo: string[] = [];
  for (let i = delegates.length - 1; i >= 0; i--) {
    const d = delegates[i];
    const ifName = delegateIfname(d, req.ifName, i);
    const devFile = cniDeviceInfoPath(d.name, req.containerID, ifName, devDir);
    log.verbose(`Del: ${k8s.podNamespace}:${k8s.podName}:${k8s.podUid}:${d.confName}:${ifName} ${d.bytes}`);
    try {
      await delegateDel(ctx, d, runtimeConfFor(req, conf, k8s, d, ifName, i === 0, false, devDir), conf.cniVersion);
      await removeCniDeviceInfo(devFile, log);
    } catch (e) {
      const what = d.isConfList ? `ConflistDel - "${d.confName}": conflistDel` : `DelegateDel - "${d.confType}"`;
      errors.push(asCniError(e).withPrefix(`DelegateDel: error invoking ${what}: error in getting result from DelNetworkList: `));
      keptDeviceInfo.push(devFile);
    }
  }
  // Multus removes the cache even when a DEL failed (unless retryDeleteOnError): the runtime's retry
  // then has nothing to work from and the addresses leak. We keep it until every delegate is deleted.
  const cacheGone = !fromCache || errors.length === 0 || errors.every((e) => e.message.includes('no such file or directory'));
  if (fromCache && cacheGone) {
    await removeDelegateCache(conf.cniDir, req.containerID);
  }
  // no record of the attachment is left for a retry: neither is its device info (§5: DEL removes it)
  if (cacheGone) for (const f of keptDeviceInfo) await removeCniDeviceInfo(f, log);
  if (errors.length === 0) return;
  const joined = errors.map((e) => e.message).join(' / ');
  // Without a cache nothing we know of was attached (the cache is written before any delegate runs and
  // removed only when everything is gone): the recomputed DELs are a courtesy, never a reason to fail.
  if (!fromCache) {
    log.verbose('DEL of recomputed delegates failed; nothing was recorded as attached, so DEL succeeds', { error: joined });
    return;
  }
  throw new CniError('DELEGATE_FAILED', joined, undefined, { code: errors[0].code });
}
