// Runs our cnitool as a separate process inside the node namespace, exactly as a user would run the
// upstream one: plugins then create their links in the node namespace, never on the host.
import { fileURLToPath } from 'node:url';
import { runInNs, type RunResult } from '../support/netns.ts';

const CNITOOL = fileURLToPath(new URL('../../src/bin/cnitool.ts', import.meta.url));

export interface CnitoolEnv {
  readonly NETCONFPATH: string;
  readonly CNI_PATH: string;
  readonly CNI_CACHE_DIR: string;
  readonly [k: string]: string;
}

export function cnitool(node: string, args: readonly string[], env: CnitoolEnv): Promise<RunResult> {
  return runInNs(node, [process.execPath, CNITOOL, ...args], {
    env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', ...env },
  });
}
