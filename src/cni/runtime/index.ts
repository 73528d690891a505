// The libcni-equivalent runtime: list operations over a frozen context.
export type { RuntimeContext, RuntimeConf, OpOptions } from './context.ts';
export { addNetworkList } from './add.ts';
export { delNetworkList } from './del.ts';
export { checkNetworkList } from './check.ts';
export { gcNetworkList, type GcArgs, type ValidAttachment } from './gc.ts';
export { statusNetworkList } from './status.ts';
export { getVersionInfo, validateNetworkList } from './version-info.ts';
export { getCachedResult } from './cached-result.ts';
export { pluginEnv, type CniCommand } from './env.ts';
