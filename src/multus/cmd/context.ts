// Shared by the Multus commands: the runtime context delegates run in, the pod annotations containerd
// hands over, and the log/error tag of a request.
import { memberRaw } from '../../cni/raw-json.ts';
import type { RuntimeContext } from '../../cni/runtime/index.ts';
import type { K8sArgs } from '../k8s-args.ts';
import type { MultusConf } from '../netconf.ts';
import { POD_ANNOTATIONS_CAPABILITY } from '../sources/types.ts';
import type { MultusDeps } from './deps.ts';
import type { CniRequest } from './request.ts';

/**
 * Delegates are looked up in `[binDir] + CNI_PATH` and cached in `cniDir` (multus.md §1.1). Unlike
 * thick Multus (which reads its own, normally empty, environment) the runtime's CNI_PATH of the request
 * is honoured in both modes.
 */
export function delegateContext(conf: MultusConf, req: CniRequest, deps: MultusDeps): RuntimeContext {
  const paths = [conf.binDir, ...req.path.split(':').filter((p) => p !== '')];
  return Object.freeze({
    paths: [...new Set(paths)],
    cacheDir: conf.cniDir,
    exec: deps.exec,
    baseEnv: deps.baseEnv,
    ...(deps.pluginTimeoutMs !== undefined ? { timeoutMs: deps.pluginTimeoutMs } : {}),
    warn: (msg: string) => deps.log.error(msg),
  });
}

/** The pod annotations containerd/CRI-O put in runtimeConfig when we declare the capability. */
export function runtimePodAnnotations(stdin: string): Record<string, string> | undefined {
  try {
    const rc = memberRaw(stdin, 'runtimeConfig');
    if (!rc) return undefined;
    const v = (JSON.parse(rc) as Record<string, unknown>)[POD_ANNOTATIONS_CAPABILITY];
    if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
    return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return undefined; // the config parser reports a malformed stdin; this is only a lookup
  }
}

/** Multus' error tag `[<ns>/<name>/<uid>]`. */
export function podTag(k: K8sArgs): string {
  return `[${k.podNamespace}/${k.podName}/${k.podUid}]`;
}
