// One CNI call to Multus as data: the CNI_* environment and the stdin config. The thin plugin builds it
// from its own process; the daemon from a socket request (the same fields Multus' shim sends).
import { validateContainerId, validateInterfaceName } from '../../cni/args.ts';
import { cniError } from '../../errors/catalogue.ts';

export type MultusCommand = 'ADD' | 'DEL' | 'CHECK' | 'GC' | 'STATUS' | 'VERSION';

export interface CniRequest {
  readonly command: MultusCommand;
  readonly containerID: string;
  readonly netns: string;
  readonly ifName: string;
  /** CNI_ARGS as given. */
  readonly args: string;
  /** CNI_PATH as given (':'-separated). */
  readonly path: string;
  readonly stdin: string;
}

const COMMANDS = new Set<string>(['ADD', 'DEL', 'CHECK', 'GC', 'STATUS', 'VERSION']);

/** The skel's checks (multus.md §1.1 "network name" row): which variables each command needs. */
export function requestFromEnv(env: Readonly<Record<string, string | undefined>>, stdin: string): CniRequest {
  const command = env.CNI_COMMAND ?? '';
  if (!COMMANDS.has(command)) throw cniError('ENV_MISSING', command === '' ? 'required env variables [CNI_COMMAND] missing' : `unknown CNI_COMMAND: ${command}`);
  const need: Record<string, string[]> = {
    ADD: ['CNI_CONTAINERID', 'CNI_NETNS', 'CNI_IFNAME', 'CNI_PATH'],
    CHECK: ['CNI_CONTAINERID', 'CNI_NETNS', 'CNI_IFNAME', 'CNI_PATH'],
    DEL: ['CNI_CONTAINERID', 'CNI_IFNAME', 'CNI_PATH'],
    GC: ['CNI_PATH'],
    STATUS: ['CNI_PATH'],
    VERSION: [],
  };
  const missing = need[command].filter((k) => !env[k]);
  if (missing.length > 0) throw cniError('ENV_MISSING', `required env variables [${missing.join(',')}] missing`);
  // the skel validates these before any plugin code runs, so a bad value changes nothing
  if (command === 'ADD' || command === 'CHECK' || command === 'DEL') {
    validateContainerId(env.CNI_CONTAINERID ?? '');
    validateInterfaceName(env.CNI_IFNAME ?? '');
  }
  return {
    command: command as MultusCommand,
    containerID: env.CNI_CONTAINERID ?? '',
    netns: env.CNI_NETNS ?? '',
    ifName: env.CNI_IFNAME ?? '',
    args: env.CNI_ARGS ?? '',
    path: env.CNI_PATH ?? '',
    stdin,
  };
}
