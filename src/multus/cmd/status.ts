// Multus STATUS (multus.md §3.11): ready when the readiness indicator file exists, the pod/network
// source is reachable, and the cluster network's plugins say so (lists ≥ 1.1.0; a no-op below). A
// plugin's typed error (50/51) is returned unchanged.
import { stat } from 'node:fs/promises';
import { statusNetworkList } from '../../cni/runtime/index.ts';
import { CNI_CODES, CniError } from '../../errors/catalogue.ts';
import { delegateList } from '../delegate-exec.ts';
import { loadConf } from './add.ts';
import { clusterDelegate } from './cluster.ts';
import { delegateContext } from './context.ts';
import type { MultusDeps } from './deps.ts';
import type { CniRequest } from './request.ts';

function notAvailable(msg: string): CniError {
  return new CniError('DELEGATE_FAILED', msg, undefined, { code: CNI_CODES.NOT_AVAILABLE });
}

export async function cmdStatus(req: CniRequest, deps: MultusDeps): Promise<void> {
  const conf = loadConf(req.stdin);
  if (conf.readinessIndicatorFile) {
    try {
      await stat(conf.readinessIndicatorFile);
    } catch {
      throw notAvailable(`readinessindicatorfile ${conf.readinessIndicatorFile} does not exist: the cluster network is not ready`);
    }
  }
  const why = await deps.source?.notReadyReason();
  if (why) throw notAvailable(`${deps.source?.kind} source not ready: ${why}`);
  const d = await clusterDelegate(conf, deps);
  await statusNetworkList(delegateContext(conf, req, deps), delegateList(d, conf.cniVersion));
}
