// Running one delegate through the CNI runtime library, as Multus does through libcni: a conflist as a
// list, a single config wrapped into a one-plugin list (same stdin: the config's own name/cniVersion).
import { confListFromConf, parseConfList, parsePluginConf, type NetworkConfigList } from '../cni/config/index.ts';
import { memberRaw, spliceObject } from '../cni/raw-json.ts';
import { addNetworkList, checkNetworkList, delNetworkList, type RuntimeConf, type RuntimeContext } from '../cni/runtime/index.ts';
import type { CniResult } from '../cni/result/index.ts';
import type { Delegate } from './delegate.ts';

/**
 * The delegate's network config list. `cniVersionFallback` back-fills a conflist without a cniVersion
 * on DEL (§3.8 step 6) — by splicing, never by re-encoding the list (the calico DEL leak of 4.2).
 */
export function delegateList(d: Delegate, cniVersionFallback?: string): NetworkConfigList {
  if (!d.isConfList) return confListFromConf(parsePluginConf(d.bytes));
  let text = d.bytes;
  if (cniVersionFallback && !memberRaw(text, 'cniVersion')) text = spliceObject(text, { cniVersion: JSON.stringify(cniVersionFallback) });
  return parseConfList(text);
}

export function delegateAdd(ctx: RuntimeContext, d: Delegate, rt: RuntimeConf, signal?: AbortSignal): Promise<CniResult> {
  return addNetworkList(ctx, delegateList(d), rt, signal ? { signal } : {});
}

export function delegateDel(ctx: RuntimeContext, d: Delegate, rt: RuntimeConf, cniVersionFallback: string, signal?: AbortSignal): Promise<void> {
  return delNetworkList(ctx, delegateList(d, cniVersionFallback), rt, signal ? { signal } : {});
}

export function delegateCheck(ctx: RuntimeContext, d: Delegate, rt: RuntimeConf, signal?: AbortSignal): Promise<void> {
  return checkNetworkList(ctx, delegateList(d), rt, signal ? { signal } : {});
}
