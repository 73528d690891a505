// GetVersionInfo and ValidateNetworkList (cni.md §2.10): what a plugin binary says it supports, and
// whether every plugin of a list supports the list's version.
import { asCniError, cniError, CniError } from '../../errors/catalogue.ts';
import type { NetworkConfigList } from '../config/index.ts';
import type { OpOptions, RuntimeContext } from './context.ts';
import { pluginEnv } from './env.ts';

export async function getVersionInfo(ctx: RuntimeContext, type: string, opts: OpOptions = {}): Promise<string[]> {
  const pluginPath = await ctx.exec.findInPath(type, ctx.paths);
  let stdout: string;
  try {
    ({ stdout } = await ctx.exec.exec({
      pluginPath,
      stdin: '{"cniVersion":"1.1.0"}',
      env: pluginEnv(ctx, 'VERSION'),
      ...(ctx.timeoutMs !== undefined ? { timeoutMs: ctx.timeoutMs } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    }));
  } catch (e) {
    // plugins older than spec 0.2.0 do not know VERSION and support only 0.1.0
    if (e instanceof CniError && e.msg === 'unknown CNI_COMMAND: VERSION') return ['0.1.0'];
    throw e;
  }
  let info: unknown;
  try {
    info = JSON.parse(stdout);
  } catch (e) {
    throw cniError('PLUGIN_VERSION_DECODE', `decoding version info: ${(e as Error).message}`);
  }
  const o = (info && typeof info === 'object' ? info : {}) as { cniVersion?: unknown; supportedVersions?: unknown };
  if (typeof o.cniVersion !== 'string' || o.cniVersion === '') throw cniError('PLUGIN_VERSION_DECODE', 'decoding version info: missing field cniVersion');
  if (Array.isArray(o.supportedVersions) && o.supportedVersions.length > 0) return o.supportedVersions.map(String);
  if (o.cniVersion === '0.2.0') return ['0.1.0', '0.2.0'];
  throw cniError('PLUGIN_VERSION_DECODE', 'decoding version info: missing field supportedVersions');
}

/** The capabilities the list's plugins enable, after checking each plugin supports the list's version. */
export async function validateNetworkList(ctx: RuntimeContext, list: NetworkConfigList, opts: OpOptions = {}): Promise<string[]> {
  const version = list.cniVersion === '' ? '0.1.0' : list.cniVersion;
  const errors: string[] = [];
  const caps = new Set<string>();
  for (const plugin of list.plugins) {
    try {
      const supported = await getVersionInfo(ctx, plugin.type, opts);
      if (!supported.includes(version)) {
        errors.push(`plugin ${plugin.type} does not support config version ${JSON.stringify(version)}`);
        continue;
      }
      for (const [cap, on] of Object.entries(plugin.capabilities)) if (on) caps.add(cap);
    } catch (e) {
      errors.push(asCniError(e).message);
    }
  }
  if (errors.length > 0) throw cniError('PLUGIN_VERSION_UNSUPPORTED', `[${errors.join(' ')}]`);
  return [...caps];
}
