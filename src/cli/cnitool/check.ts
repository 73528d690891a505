import { checkNetworkList } from '../../cni/runtime/index.ts';
import type { Invocation } from './setup.ts';

/** `cnitool check <net> <netns>`: silent on success. */
export async function check({ ctx, list, rt }: Invocation): Promise<string> {
  await checkNetworkList(ctx, list, rt);
  return '';
}
