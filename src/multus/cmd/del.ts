// Multus DEL (multus.md §3.8): the delegates come from the delegate cache written by ADD (ours or Go
// Multus'); without a cache they are recomputed from the pod, when the pod is known. Every delegate is
// DELed in reverse order even when one fails, and the errors are joined. DEL never needs the API when
// the cache is there, so it works while the API server is down.
import { rename } from 'node:fs/promises';
import { asCniError, CniError } from '../../errors/catalogue.ts';
import { delegateCachePath, readDelegateCache, removeDelegateCache } from '../delegate-cache.ts';
import { delegateDel } from '../delegate-exec.ts';
import type { Delegate } from '../delegate.ts';
import { delegateIfname } from '../ifnames.ts';
import { lookupPod } from '../pod-lookup.ts';
import { resolveDelegates } from '../resolve.ts';
import type { PodInfo } from '../sources/types.ts';
import { loadConf, loadK8sArgs } from './add.ts';
import { delegateContext, podTag, runtimePodAnnotations } from './context.ts';
import type { MultusDeps } from './deps.ts';
import { runtimeConfFor } from './runtime-conf.ts';
import type { CniRequest } from './request.ts';

export async function cmdDel(req: CniRequest, deps: MultusDeps): Promise<void> {
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
      // nothing was recorded and nobody can tell what ran: a DEL after a DEL, or a pod never added
      log.verbose('Multus: failed to get the cached delegates file, cannot properly delete');
      return;
    }
    try {
      delegates = await resolveDelegates({ conf, source: deps.source, pod, log });
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
  const errors: CniError[] = [];
  for (let i = delegates.length - 1; i >= 0; i--) {
    const d = delegates[i];
    const ifName = delegateIfname(d, req.ifName, i);
    log.verbose(`Del: ${k8s.podNamespace}:${k8s.podName}:${k8s.podUid}:${d.confName}:${ifName} ${d.bytes}`);
    try {
      await delegateDel(ctx, d, runtimeConfFor(req, conf, k8s, d, ifName, i === 0, false), conf.cniVersion);
    } catch (e) {
      const what = d.isConfList ? `ConflistDel - "${d.confName}": conflistDel` : `DelegateDel - "${d.confType}"`;
      errors.push(asCniError(e).withPrefix(`DelegateDel: error invoking ${what}: error in getting result from DelNetworkList: `));
    }
  }
  // Multus removes the cache even when a DEL failed (unless retryDeleteOnError): the runtime's retry
  // then has nothing to work from and the addresses leak. We keep it until every delegate is deleted.
  if (fromCache && (errors.length === 0 || errors.every((e) => e.message.includes('no such file or directory')))) {
    await removeDelegateCache(conf.cniDir, req.containerID);
  }
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
