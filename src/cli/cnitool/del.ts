import { delNetworkList } from '../../cni/runtime/index.ts';
import type { Invocation } from './setup.ts';

/** `cnitool del <net> <netns>`: silent on success; safe to repeat. */
export async function del({ ctx, list, rt }: Invocation): Promise<string> {
  await delNetworkList(ctx, list, rt);
  return '';
}
