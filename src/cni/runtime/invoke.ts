// One plugin call inside a list operation: lookup, stdin, env, exec. Shared by every operation so the
// wrapping of errors and the env rules live in one place.
import { CniError, asCniError } from '../../errors/catalogue.ts';
import { buildPluginStdin, type NetworkConfigList, type PluginConf, type StdinOptions } from '../config/index.ts';
import type { OpOptions, RuntimeConf, RuntimeContext } from './context.ts';
import { pluginEnv, type CniCommand } from './env.ts';

export interface InvokeOptions extends OpOptions, StdinOptions {
  /** Runs after the lookup and before the exec (libcni validates ADD arguments there). */
  readonly beforeExec?: () => void;
}

export async function invokePlugin(
  ctx: RuntimeContext,
  list: NetworkConfigList,
  plugin: PluginConf,
  command: Exclude<CniCommand, 'VERSION'>,
  rt: RuntimeConf | undefined,
  opts: InvokeOptions = {},
): Promise<string> {
  const pluginPath = await ctx.exec.findInPath(plugin.type, ctx.paths);
  opts.beforeExec?.();
  const stdin = buildPluginStdin(list, plugin, command, opts);
  const out = await ctx.exec.exec({
    pluginPath,
    stdin,
    env: pluginEnv(ctx, command, rt),
    ...(ctx.timeoutMs !== undefined ? { timeoutMs: ctx.timeoutMs } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  return out.stdout;
}

/** libcni's list-error prefix: `plugin type="x" failed (add): ` (with name="n" when the object has one). */
export function wrapPluginError(e: unknown, plugin: PluginConf, verb: 'add' | 'delete'): CniError {
  const named = plugin.name ? ` name=${JSON.stringify(plugin.name)}` : '';
  return asCniError(e).withPrefix(`plugin type=${JSON.stringify(plugin.type)}${named} failed (${verb}): `);
}
