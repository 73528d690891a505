// A runtime context whose plugins run inside a node namespace, with a private cache dir.
import { join } from 'node:path';
import type { RuntimeContext } from '../../src/cni/runtime/index.ts';
import { NetnsExec } from '../support/netns.ts';
import { REAL_PLUGIN_DIR } from '../support/real-plugins.ts';

export function realContext(node: string, dir: string, timeoutMs?: number): RuntimeContext {
  return Object.freeze({
    paths: [REAL_PLUGIN_DIR],
    cacheDir: join(dir, 'cache'),
    exec: new NetnsExec(node),
    baseEnv: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' },
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  });
}
