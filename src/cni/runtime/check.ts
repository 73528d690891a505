// CheckNetworkList (cni.md §2.10): refused below 0.4.0, disableCheck honoured before the cache is read,
// no prevResult when nothing is cached, a corrupt cache is an error; the first failure is returned
// unwrapped (libcni does not prefix CHECK errors).
import { asCniError, cniError } from '../../errors/catalogue.ts';
import type { NetworkConfigList } from '../config/index.ts';
import { resultToJSON, type CniResult } from '../result/index.ts';
import { versionAtLeast } from '../version.ts';
import type { OpOptions, RuntimeConf, RuntimeContext } from './context.ts';
import { getCachedResult } from './cached-result.ts';
import { invokePlugin } from './invoke.ts';

export async function checkNetworkList(ctx: RuntimeContext, list: NetworkConfigList, rt: RuntimeConf, opts: OpOptions = {}): Promise<void> {
  if (!versionAtLeast(list.cniVersion, '0.4.0')) {
    throw cniError('CHECK_UNSUPPORTED', `configuration version "${list.cniVersion}" does not support the CHECK command`);
  }
  if (list.disableCheck) return;
  let cached: CniResult | null;
  try {
    cached = await getCachedResult(ctx, list, rt);
  } catch (e) {
    throw cniError('CACHE_READ', `failed to get network "${list.name}" cached result: ${asCniError(e).message}`);
  }
  const prevResult = cached ? JSON.stringify(resultToJSON(cached)) : undefined;
  for (const plugin of list.plugins) {
    await invokePlugin(ctx, list, plugin, 'CHECK', rt, {
      ...opts,
      ...(prevResult ? { prevResult } : {}),
      ...(rt.capabilityArgs ? { capabilityArgs: rt.capabilityArgs } : {}),
    });
  }
}
