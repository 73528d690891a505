// AddNetworkList (cni.md §2.10, §2.7): plugins in order, each gets the previous result as prevResult in
// the version that plugin reported (no conversion inside the chain); the final result is cached. No
// automatic DEL on failure: the caller (runtime or Multus) owns the rollback.
import { cniError, asCniError } from '../../errors/catalogue.ts';
import { validateAddArgs } from '../args.ts';
import { writeCacheEntry } from '../cache.ts';
import type { NetworkConfigList } from '../config/index.ts';
import { parseResultText, resultToJSON, type CniResult } from '../result/index.ts';
import type { OpOptions, RuntimeConf, RuntimeContext } from './context.ts';
import { invokePlugin, wrapPluginError } from './invoke.ts';

export async function addNetworkList(ctx: RuntimeContext, list: NetworkConfigList, rt: RuntimeConf, opts: OpOptions = {}): Promise<CniResult> {
  let prev: CniResult | undefined;
  for (const plugin of list.plugins) {
    try {
      const stdout = await invokePlugin(ctx, list, plugin, 'ADD', rt, {
        ...opts,
        ...(prev ? { prevResult: JSON.stringify(resultToJSON(prev)) } : {}),
        ...(rt.capabilityArgs ? { capabilityArgs: rt.capabilityArgs } : {}),
        beforeExec: () => validateAddArgs(rt.containerID, list.name, rt.ifName),
      });
      prev = parseResultText(stdout, list.cniVersion);
    } catch (e) {
      throw wrapPluginError(e, plugin, 'add');
    }
  }
  if (!prev) throw cniError('CONFIG_INVALID', `network "${list.name}" has no plugins`);
  try {
    await writeCacheEntry(ctx.cacheDir, {
      networkName: list.name,
      containerID: rt.containerID,
      ifName: rt.ifName,
      config: list.raw,
      ...(rt.netNS ? { netNS: rt.netNS } : {}),
      ...(rt.args ? { cniArgs: rt.args } : {}),
      ...(rt.capabilityArgs ? { capabilityArgs: rt.capabilityArgs } : {}),
      result: resultToJSON(prev),
    });
  } catch (e) {
    throw cniError('CACHE_WRITE', `failed to set network "${list.name}" cached result: ${asCniError(e).message}`);
  }
  return prev;
}
