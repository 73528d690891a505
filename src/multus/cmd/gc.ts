// Multus GC, working (multus.md §3.10 and its Appendix B fix): the runtime sends the attachments that
// are still valid (`cni.dev/valid-attachments`); every container whose delegate cache is not among them
// is torn down through its cached delegates, exactly as its DEL would have done, so IPAM releases its
// addresses. Multus 4.2 instead declares every cached attachment valid, so its GC never reclaims.
// Then the cluster network's and every cached delegate network's plugins get their own GC (lists ≥
// 1.1.0) with what is still valid.
import { readdir } from 'node:fs/promises';
import { listCachedAttachments } from '../../cni/cache.ts';
import { memberRaw } from '../../cni/raw-json.ts';
import { gcNetworkList } from '../../cni/runtime/index.ts';
import { asCniError, cniError } from '../../errors/catalogue.ts';
import { readDelegateCache } from '../delegate-cache.ts';
import { delegateList } from '../delegate-exec.ts';
import type { Delegate } from '../delegate.ts';
import { loadConf } from './add.ts';
import { clusterDelegate } from './cluster.ts';
import { delegateContext } from './context.ts';
import { cmdDel } from './del.ts';
import type { MultusDeps } from './deps.ts';
import type { CniRequest } from './request.ts';

const CONTAINER_ID = /^[a-zA-Z0-9][a-zA-Z0-9_.\-]*$/;

interface Attachment {
  readonly containerID: string;
  readonly ifname: string;
}

function validAttachments(stdin: string): Attachment[] | undefined {
  const raw = memberRaw(stdin, 'cni.dev/valid-attachments') ?? memberRaw(stdin, 'cni.dev/attachments');
  if (raw === undefined) return undefined;
  const v = JSON.parse(raw) as unknown;
  if (v === null) return [];
  if (!Array.isArray(v)) throw cniError('CONFIG_INVALID', 'cni.dev/valid-attachments must be an array of {"containerID","ifname"}');
  return v.map((a, i) => {
    const o = a as Partial<Attachment> | null;
    if (!o || typeof o.containerID !== 'string' || typeof o.ifname !== 'string') throw cniError('CONFIG_INVALID', `cni.dev/valid-attachments[${i}] must be {"containerID":string,"ifname":string}`);
    return { containerID: o.containerID, ifname: o.ifname };
  });
}

/** Container ids with a delegate cache in cniDir (the `results` folder is libcni's). */
async function cachedContainers(cniDir: string): Promise<string[]> {
  try {
    return (await readdir(cniDir, { withFileTypes: true })).filter((e) => e.isFile() && CONTAINER_ID.test(e.name)).map((e) => e.name).sort();
  } catch {
    return [];
  }
}

export async function cmdGc(req: CniRequest, deps: MultusDeps): Promise<void> {
  const conf = loadConf(req.stdin);
  const valid = validAttachments(req.stdin);
  const errors: string[] = [];
  if (valid === undefined) {
    deps.log.verbose('GC without cni.dev/valid-attachments: nothing is reclaimed');
  } else {
    const validIds = new Set(valid.map((a) => a.containerID));
    for (const cid of await cachedContainers(conf.cniDir)) {
      if (validIds.has(cid)) continue;
      try {
        // The master's interface name is the runtime's CNI_IFNAME of that ADD: libcni's cache of the
        // master network records it (and the netns path).
        const masterName = (await readDelegateCache(conf.cniDir, cid).catch(() => undefined))?.[0]?.confName;
        const master = (await listCachedAttachments(conf.cniDir, cid)).find((a) => a.networkName === masterName);
        await cmdDel({ ...req, command: 'DEL', containerID: cid, netns: master?.netNS ?? '', ifName: master?.ifName ?? 'eth0', args: '' }, deps);
        deps.log.verbose('GC: deleted a stale attachment', { container: cid });
      } catch (e) {
        errors.push(`failed to delete stale attachment ${cid}: ${asCniError(e).message}`);
      }
    }
  }
  // Plugin GC (lists ≥ 1.1.0; gcNetworkList gates on the version) for the cluster network and every
  // delegate network still cached, each told which of its attachments are still valid: the ones whose
  // caches survived the sweep above.
  const remaining = await listCachedAttachments(conf.cniDir);
  const networks = new Map<string, Delegate>();
  try {
    const d = await clusterDelegate(conf, deps);
    networks.set(d.confName, d);
  } catch (e) {
    errors.push(`error in GC command: ${asCniError(e).message}`);
  }
  for (const cid of await cachedContainers(conf.cniDir)) {
    for (const d of (await readDelegateCache(conf.cniDir, cid).catch(() => undefined)) ?? []) if (!networks.has(d.confName)) networks.set(d.confName, d);
  }
  for (const d of networks.values()) {
    try {
      const list = delegateList(d, conf.cniVersion);
      const valid = remaining.filter((a) => a.networkName === list.name).map((a) => ({ containerID: a.containerID, ifname: a.ifName }));
      await gcNetworkList(delegateContext(conf, req, deps), list, { validAttachments: valid });
    } catch (e) {
      errors.push(`error in GC command (network ${d.confName}): ${asCniError(e).message}`);
    }
  }
  if (errors.length > 0) throw cniError('GC_FAILED', errors.join('\n'));
}
