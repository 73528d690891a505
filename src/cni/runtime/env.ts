// The environment of a plugin call (cni.md §2.6): the runtime's whole environment plus all six CNI_*
// variables, always set (empty when unknown), overriding inherited ones.
import type { RuntimeContext, RuntimeConf } from './context.ts';

export type CniCommand = 'ADD' | 'CHECK' | 'DEL' | 'GC' | 'STATUS' | 'VERSION';

export function pluginEnv(ctx: RuntimeContext, command: CniCommand, rt?: RuntimeConf): Record<string, string> {
  if (command === 'VERSION') {
    // libcni's dummies for very old skel versions that required these even for VERSION
    return { ...ctx.baseEnv, CNI_COMMAND: command, CNI_CONTAINERID: '', CNI_NETNS: 'dummy', CNI_IFNAME: 'dummy', CNI_ARGS: '', CNI_PATH: 'dummy' };
  }
  return {
    ...ctx.baseEnv,
    CNI_COMMAND: command,
    CNI_CONTAINERID: rt?.containerID ?? '',
    CNI_NETNS: rt?.netNS ?? '',
    CNI_ARGS: (rt?.args ?? []).map(([k, v]) => `${k}=${v}`).join(';'),
    CNI_IFNAME: rt?.ifName ?? '',
    CNI_PATH: ctx.paths.join(':'),
  };
}
