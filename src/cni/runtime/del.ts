// DelNetworkList (cni.md §2.10): plugins in reverse order, prevResult = the cached ADD result (only for
// lists ≥ 0.4.0); a cache that cannot be read is removed and DEL goes on without it, because a DEL
// that cannot complete leaks whatever the ADD reserved. The cache is removed only after every plugin
// succeeded, so a failed DEL can be retried with the same prevResult.
import { asCniError } from '../../errors/catalogue.ts';
import { deleteCacheEntry } from '../cache.ts';
import type { NetworkConfigList } from '../config/index.ts';
import { resultToJSON, type CniResult } from '../result/index.ts';
import { versionAtLeast } from '../version.ts';
import type { OpOptions, RuntimeConf, RuntimeContext } from './context.ts';
import { attachmentKey, getCachedResult } from './cached-result.ts';
import { invokePlugin, wrapPluginError } from './invoke.ts';

export async function delNetworkList(ctx: RuntimeContext, list: NetworkConfigList, rt: RuntimeConf, opts: OpOptions = {}): Promise<void> {
  let cached: CniResult | null = null;
  if (versionAtLeast(list.cniVersion, '0.4.0')) {
    try {
      cached = await getCachedResult(ctx, list, rt);
    } catch (e) {
      ctx.warn?.(`removing unreadable cached result of network "${list.name}": ${asCniError(e).message}`);
      await deleteCacheEntry(ctx.cacheDir, attachmentKey(list, rt));
    }
  }
  const prevResult = cached ? JSON.stringify(resultToJSON(cached)) : undefined;
  for (const plugin of [...list.plugins].reverse()) {
    try {
      await invokePlugin(ctx, list, plugin, 'DEL', rt, {
        ...opts,
        ...(prevResult ? { prevResult } : {}),
        ...(rt.capabilityArgs ? { capabilityArgs: rt.capabilityArgs } : {}),
      });
    } catch (e) {
      throw wrapPluginError(e, plugin, 'delete');
    }
  }
  await deleteCacheEntry(ctx.cacheDir, attachmentKey(list, rt));
}
