// GetStatusNetworkList (cni.md §2.10): a no-op success below 1.1.0 (or an unparsable version); else
// STATUS each plugin in order and return the first error unwrapped, so codes 50/51 reach the caller.
import type { NetworkConfigList } from '../config/index.ts';
import { versionAtLeast } from '../version.ts';
import type { OpOptions, RuntimeContext } from './context.ts';
import { invokePlugin } from './invoke.ts';

export async function statusNetworkList(ctx: RuntimeContext, list: NetworkConfigList, opts: OpOptions = {}): Promise<void> {
  let atLeast: boolean;
  try {
    atLeast = versionAtLeast(list.cniVersion, '1.1.0');
  } catch {
    return;
  }
  if (!atLeast) return;
  for (const plugin of list.plugins) await invokePlugin(ctx, list, plugin, 'STATUS', undefined, opts);
}
