import { addNetworkList } from '../../cni/runtime/index.ts';
import { resultToJSON } from '../../cni/result/index.ts';
import type { Invocation } from './setup.ts';

/** `cnitool add <net> <netns>`: prints the result as upstream does (4-space indented JSON). */
export async function add({ ctx, list, rt }: Invocation): Promise<string> {
  const result = await addNetworkList(ctx, list, rt);
  return `${JSON.stringify(resultToJSON(result), null, 4)}\n`;
}
