// What every cnitool verb shares, as the upstream cnitool does it: NETCONFPATH (default /etc/cni/net.d),
// CNI_PATH, CNI_IFNAME (default eth0, or -i/--ifname), CNI_ARGS, CAP_ARGS (JSON), and a container id
// derived from the netns path (`cnitool-` + hex of the first 10 bytes of its SHA-512) unless
// CNI_CONTAINERID is set (our addition, so one netns can be attached twice). Results are cached in
// libcni's default /var/lib/cni unless CNI_CACHE_DIR says otherwise (our addition, for tests and demos
// that must not touch the host's cache).
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { cniError } from '../../errors/catalogue.ts';
import { DEFAULT_CACHE_DIR } from '../../cni/cache.ts';
import { loadConfList, type NetworkConfigList } from '../../cni/config/index.ts';
import { ProcessExec } from '../../cni/exec/index.ts';
import type { RuntimeConf, RuntimeContext } from '../../cni/runtime/index.ts';

export const DEFAULT_NET_DIR = '/etc/cni/net.d';

export interface Invocation {
  readonly ctx: RuntimeContext;
  readonly list: NetworkConfigList;
  readonly rt: RuntimeConf;
}

export function parseCniArgs(value: string): Array<[string, string]> {
  return value.split(';').map((pair) => {
    const kv = pair.split('=');
    if (kv.length !== 2 || kv[0] === '' || kv[1] === '') throw cniError('CLI_USAGE', `invalid CNI_ARGS pair ${JSON.stringify(pair)}`);
    return [kv[0], kv[1]] as [string, string];
  });
}

function parseCapArgs(value: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(value);
  } catch (e) {
    throw cniError('CLI_USAGE', `CAP_ARGS is not valid JSON: ${(e as Error).message}`);
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw cniError('CLI_USAGE', 'CAP_ARGS must be a JSON object, e.g. {"mac":"02:00:00:00:00:01"}');
  return v as Record<string, unknown>;
}

export function containerIdFor(netnsPath: string): string {
  return `cnitool-${createHash('sha512').update(netnsPath).digest('hex').slice(0, 20)}`;
}

export function runtimeContext(env: NodeJS.ProcessEnv): RuntimeContext {
  const paths = (env.CNI_PATH ?? '').split(':').filter((p) => p !== '');
  return Object.freeze({
    paths,
    cacheDir: env.CNI_CACHE_DIR || DEFAULT_CACHE_DIR,
    exec: new ProcessExec(),
    baseEnv: Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined)),
    warn: (msg: string) => process.stderr.write(`cnitool: ${msg}\n`),
  });
}

export async function setup(netName: string, netns: string, ifNameFlag: string | undefined, env: NodeJS.ProcessEnv): Promise<Invocation> {
  const list = await loadConfList(env.NETCONFPATH || DEFAULT_NET_DIR, netName);
  const capabilityArgs = env.CAP_ARGS ? parseCapArgs(env.CAP_ARGS) : undefined;
  const args = env.CNI_ARGS ? parseCniArgs(env.CNI_ARGS) : undefined;
  const netNS = resolve(netns);
  const rt: RuntimeConf = {
    containerID: env.CNI_CONTAINERID || containerIdFor(netNS),
    netNS,
    ifName: ifNameFlag || env.CNI_IFNAME || 'eth0',
    ...(args ? { args } : {}),
    ...(capabilityArgs ? { capabilityArgs } : {}),
  };
  return { ctx: runtimeContext(env), list, rt };
}
