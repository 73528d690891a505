// The thin plugin: the whole meta plugin in one process per CNI call (`"type": "multus"`). It reads the
// CNI environment and stdin, picks the pod/network source from the config (local files, a kubeconfig,
// in-cluster, or none), runs the command and prints the result or the CNI error object.
import { ProcessExec } from '../../cni/exec/index.ts';
import { resultToJSON } from '../../cni/result/index.ts';
import { SUPPORTED_VERSIONS } from '../../cni/version.ts';
import { asCniError } from '../../errors/catalogue.ts';
import { jsonLogger, parseLogLevel, silentLogger, type Logger } from '../../util/logger.ts';
import { cmdAdd, loadConf } from '../../multus/cmd/add.ts';
import { cmdCheck } from '../../multus/cmd/check.ts';
import { cmdDel } from '../../multus/cmd/del.ts';
import type { MultusDeps } from '../../multus/cmd/deps.ts';
import { cmdGc } from '../../multus/cmd/gc.ts';
import { requestFromEnv, type CniRequest } from '../../multus/cmd/request.ts';
import { cmdStatus } from '../../multus/cmd/status.ts';
import type { MultusConf } from '../../multus/netconf.ts';
import { NsenterNetnsOps } from '../../multus/netns-ops.ts';
import type { NetworkSource } from '../../multus/sources/types.ts';

export interface Output {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

const ABOUT = `meta-plugin that delegates to other CNI plugins\nCNI protocol versions supported: ${SUPPORTED_VERSIONS.join(', ')}\n`;

function versionReply(stdin: string): string {
  let v = '1.1.0';
  try {
    const o = JSON.parse(stdin) as { cniVersion?: unknown };
    if (typeof o.cniVersion === 'string' && o.cniVersion) v = o.cniVersion;
  } catch {
    // VERSION answers whatever stdin holds
  }
  return `${JSON.stringify({ cniVersion: v, supportedVersions: SUPPORTED_VERSIONS })}\n`;
}

/** The source the config asks for; the Kubernetes client is imported only when it is needed. */
export async function sourceFor(conf: MultusConf, env: NodeJS.ProcessEnv): Promise<NetworkSource | null> {
  if (conf.localSource) {
    const { LocalSource } = await import('../../multus/sources/local.ts');
    return new LocalSource(conf.localSource);
  }
  if (!conf.kubeconfig && !(env.KUBERNETES_SERVICE_HOST && env.KUBERNETES_SERVICE_PORT)) return null;
  const { KubeSource } = await import('../../multus/sources/kube.ts');
  return KubeSource.fromKubeconfig(conf.kubeconfig, { timeoutMs: conf.apiTimeoutMs, env });
}

function loggerFor(conf: MultusConf): Logger {
  const level = parseLogLevel(conf.logLevel);
  if (!level || level === 'panic') return silentLogger;
  return jsonLogger({ level, toStderr: conf.logToStderr, ...(conf.logFile ? { file: conf.logFile } : {}), ...(conf.logOptions ? { rotation: conf.logOptions } : {}) });
}

async function run(req: CniRequest, env: NodeJS.ProcessEnv): Promise<string> {
  const conf = loadConf(req.stdin);
  const source = await sourceFor(conf, env);
  const deps: MultusDeps = {
    exec: new ProcessExec(),
    source,
    netns: new NsenterNetnsOps(),
    log: loggerFor(conf),
    baseEnv: Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined)),
  };
  try {
    switch (req.command) {
      case 'ADD':
        return `${JSON.stringify(resultToJSON(await cmdAdd(req, deps)), null, 4)}\n`;
      case 'DEL':
        await cmdDel(req, deps);
        return '';
      case 'CHECK':
        await cmdCheck(req, deps);
        return '';
      case 'GC':
        await cmdGc(req, deps);
        return '';
      case 'STATUS':
        await cmdStatus(req, deps);
        return '';
      default:
        return versionReply(req.stdin);
    }
  } finally {
    await source?.close();
  }
}

export async function main(env: NodeJS.ProcessEnv, stdin: string): Promise<Output> {
  if (!env.CNI_COMMAND) return { stdout: '', stderr: ABOUT, code: 0 };
  if (env.CNI_COMMAND === 'VERSION') return { stdout: versionReply(stdin), stderr: '', code: 0 };
  try {
    return { stdout: await run(requestFromEnv(env, stdin), env), stderr: '', code: 0 };
  } catch (e) {
    return { stdout: `${JSON.stringify(asCniError(e).toJSON(), null, 4)}\n`, stderr: '', code: 1 };
  }
}
