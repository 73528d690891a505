// Running one delegate through the CNI runtime library, as Multus does through libcni: a conflist as a
// list, a single config wrapped into a one-plugin list (same stdin: the config's own name/cniVersion).
import { confListFromConf, parseConfList, parsePluginConf, type NetworkConfigList } from '../cni/config/index.ts';
import { memberRaw, spliceObject } from '../cni/raw-json.ts';
import { addNetworkList, checkNetworkList, delNetworkList, type RuntimeConf, type RuntimeContext } from '../cni/runtime/index.ts';
import type { CniResult } from '../cni/result/index.ts';
import { CniError } from '../errors/catalogue.ts';
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

// libcni's single-config API (AddNetwork/DelNetwork, what Multus uses for a .conf delegate) does not
// prefix errors with `plugin type=… failed (add):` as the list API does: unwrap to keep Multus' texts.
function unwrapSingle(d: Delegate): (e: unknown) => never {
  return (e) => {
    throw !d.isConfList && e instanceof CniError && e.cause instanceof CniError ? e.cause : e;
  };
}

export function delegateAdd(ctx: RuntimeContext, d: Delegate, rt: RuntimeConf, signal?: AbortSignal): Promise<CniResult> {
  return addNetworkList(ctx, delegateList(d), rt, signal ? { signal } : {}).catch(unwrapSingle(d));
}

export function delegateDel(ctx: RuntimeContext, d: Delegate, rt: RuntimeConf, cniVersionFallback: string, signal?: AbortSignal): Promise<void> {
  return delNetworkList(ctx, delegateList(d, cniVersionFallback), rt, signal ? { signal } : {}).catch(unwrapSingle(d));
}

export function delegateCheck(ctx: RuntimeContext, d: Delegate, rt: RuntimeConf, signal?: AbortSignal): Promise<void> {
  return checkNetworkList(ctx, delegateList(d), rt, signal ? { signal } : {});
}
