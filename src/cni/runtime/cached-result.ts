// The cached ADD result of an attachment, converted to the list's current version (libcni's
// GetNetworkListCachedResult). null when nothing is cached.
import { readCachedResult, type AttachmentKey } from '../cache.ts';
import type { NetworkConfigList } from '../config/index.ts';
import { convertResult, parseResult, type CniResult } from '../result/index.ts';
import type { RuntimeConf, RuntimeContext } from './context.ts';

export function attachmentKey(list: NetworkConfigList, rt: RuntimeConf): AttachmentKey {
  return { networkName: list.name, containerID: rt.containerID, ifName: rt.ifName };
}

export async function getCachedResult(ctx: RuntimeContext, list: NetworkConfigList, rt: RuntimeConf): Promise<CniResult | null> {
  const raw = await readCachedResult(ctx.cacheDir, attachmentKey(list, rt));
  if (raw === null) return null;
  // libcni decodes a cached result by its own cniVersion; a cache without one is 0.1.0, not the list's.
  return convertResult(parseResult(raw, ''), list.cniVersion);
}
