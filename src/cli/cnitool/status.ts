import { statusNetworkList } from '../../cni/runtime/index.ts';
import type { Invocation } from './setup.ts';

/** `cnitool status <net> <netns>`: exit 0 when every plugin is ready (a no-op below 1.1.0). */
export async function status({ ctx, list }: Invocation): Promise<string> {
  await statusNetworkList(ctx, list);
  return '';
}
