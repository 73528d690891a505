import { gcNetworkList } from '../../cni/runtime/index.ts';
import type { Invocation } from './setup.ts';

/**
 * `cnitool gc <net> <netns>`: like upstream, GC without a valid-attachment list, so every cached
 * attachment of the network is deleted (the netns argument is required but unused, as upstream).
 */
export async function gc({ ctx, list }: Invocation): Promise<string> {
  await gcNetworkList(ctx, list, null);
  return '';
}
