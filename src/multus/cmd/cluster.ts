// The cluster network alone (GC and STATUS act on it only, multus.md §3.10–3.11): the clusterNetwork,
// or the first static delegate.
import type { Delegate } from '../delegate.ts';
import type { MultusConf } from '../netconf.ts';
import { resolveDelegates } from '../resolve.ts';
import type { MultusDeps } from './deps.ts';

export async function clusterDelegate(conf: MultusConf, deps: MultusDeps): Promise<Delegate> {
  if (!conf.clusterNetwork) return conf.delegates[0];
  // without a pod nothing but the cluster network (and defaultNetworks) resolves
  const [master] = await resolveDelegates({ conf: { ...conf, defaultNetworks: [] }, source: deps.source, pod: null, log: deps.log });
  return master;
}
