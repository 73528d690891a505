// The auxiliary CNI chain (multus.md §3.4.6, Multus 4.2.1): with `auxiliaryCNIChainName: X`, the
// `*.conf` files of `<dirname(clusterNetwork)>/X/` (lexical order) become one extra network list,
// headed by the `passthru` plugin, appended as the pod's last delegate. Its plugins see passthru's
// empty prevResult, not the pod's primary result. A chain that cannot be loaded is logged and skipped
// (as Multus does); no files means no chain. The files' bytes go into the list unchanged.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { confFiles } from '../cni/config/index.ts';
import { cniError } from '../errors/catalogue.ts';
import type { Logger } from '../util/logger.ts';
import { loadDelegate, type Delegate } from './delegate.ts';
import type { MultusConf } from './netconf.ts';

const NETWORK_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
/** The head of the chain: Multus' passthru plugin (src/bin/passthru.ts is ours). */
export const PASSTHRU = '{"type":"passthru","name":"passthru-cni"}';

/** The chain's delegate, or undefined when there is none (no chain configured, no files, or unloadable). */
export async function auxiliaryChain(conf: MultusConf, log: Logger): Promise<Delegate | undefined> {
  const name = conf.auxiliaryCNIChainName;
  if (!name) return undefined;
  if (!conf.clusterNetwork.includes('/')) throw cniError('CONFIG_INVALID', `auxiliary chain used but ClusterNetwork must be a path, and it is not a path: ${conf.clusterNetwork}`);
  try {
    if (!NETWORK_NAME.test(name)) throw new Error(`invalid network name ${JSON.stringify(name)}`);
    const dir = join(dirname(conf.clusterNetwork), name);
    const files = await confFiles(dir, ['.conf']);
    if (files.length === 0) return undefined;
    const plugins = files.map((f) => {
      const text = readFileSync(f, 'utf8').trim();
      const v = JSON.parse(text) as unknown;
      if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error(`${f} is not a JSON object`);
      return text;
    });
    return loadDelegate(`{"cniVersion":${JSON.stringify(conf.cniVersion)},"name":${JSON.stringify(name)},"plugins":[${[PASSTHRU, ...plugins].join(',')}]}`);
  } catch (e) {
    log.error('auxiliary CNI chain not loaded; going on without it', { chain: name, error: (e as Error).message });
    return undefined;
  }
}
