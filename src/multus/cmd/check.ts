// Multus CHECK (multus.md §3.9): only the static `delegates` of the config are checked — no Kubernetes,
// no cache, no annotations. With a clusterNetwork (every thick setup) there is nothing to check.
import { versionAtLeast } from '../../cni/version.ts';
import { asCniError, cniError } from '../../errors/catalogue.ts';
import { delegateCheck } from '../delegate-exec.ts';
import { delegateIfname } from '../ifnames.ts';
import { loadConf, loadK8sArgs } from './add.ts';
import { delegateContext } from './context.ts';
import type { MultusDeps } from './deps.ts';
import type { CniRequest } from './request.ts';
import { runtimeConfFor } from './runtime-conf.ts';

export async function cmdCheck(req: CniRequest, deps: MultusDeps): Promise<void> {
  const conf = loadConf(req.stdin);
  // the skel's gate (multus.md §1.5): CHECK needs a config version of at least 0.4.0
  if (!versionAtLeast(conf.cniVersion, '0.4.0')) throw cniError('CHECK_UNSUPPORTED', 'config version does not allow CHECK');
  const k8s = loadK8sArgs(req.args);
  const ctx = delegateContext(conf, req, deps);
  for (const [i, d] of conf.delegates.entries()) {
    const ifName = delegateIfname(d, req.ifName, i);
    try {
      await delegateCheck(ctx, d, runtimeConfFor(req, conf, k8s, d, ifName, i === 0, false));
    } catch (e) {
      const what = d.isConfList ? `ConflistCheck - "${d.confName}": conflistCheck` : `DelegateCheck - "${d.confType}"`;
      throw asCniError(e).withPrefix(`DelegateCheck: error invoking ${what}: error in getting result from CheckNetworkList: `);
    }
  }
}
