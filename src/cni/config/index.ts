// Network configuration: parsing, directory loading and per-plugin stdin (cni.md §1.2, §2.2–§2.4).
export type { NetworkConfigList, PluginConf, StdinOp, StdinOptions } from './types.ts';
export { parsePluginConf } from './parse-plugin.ts';
export { confListFromConf, parseConfList } from './parse-list.ts';
export { confFiles, loadConfList, loadConfListFile } from './load-dir.ts';
export { buildPluginStdin, injectConf } from './stdin.ts';
