// The libcni RuntimeConf of one delegate call (multus.md §3.1): Multus' CNI_ARGS for delegates, and the
// capability args merged from the pod-level runtimeConfig and the delegate's own requests.
import type { RuntimeConf } from '../../cni/runtime/index.ts';
import type { Delegate } from '../delegate.ts';
import { delegateCniArgs, type K8sArgs } from '../k8s-args.ts';
import type { MultusConf } from '../netconf.ts';
import { delegateRuntime } from '../runtime-config.ts';
import type { CniRequest } from './request.ts';

/**
 * `forAdd` adds the deprecated MAC=/IP= pairs Multus still sends on ADD only. `deviceInfoDir` moves
 * the CNIDeviceInfoFile paths (tests; default the NPWG directory).
 */
export function runtimeConfFor(req: CniRequest, conf: MultusConf, k8s: K8sArgs, d: Delegate, ifName: string, isMaster: boolean, forAdd: boolean, deviceInfoDir?: string): RuntimeConf {
  const rt = delegateRuntime(conf.runtimeConfig, d, { isMaster, delegateName: d.name, containerId: req.containerID, ifName, ...(deviceInfoDir ? { deviceInfoDir } : {}) });
  const requests = forAdd ? { ...(d.macRequest ? { mac: d.macRequest } : {}), ...(d.ipRequest ? { ips: d.ipRequest } : {}) } : {};
  return {
    containerID: req.containerID,
    netNS: req.netns,
    ifName,
    args: delegateCniArgs(k8s, req.args, requests),
    capabilityArgs: rt.capabilityArgs,
  };
}
