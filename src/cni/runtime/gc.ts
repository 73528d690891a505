// GCNetworkList (cni.md §2.10): first DEL every cached attachment of this network that is not in the
// valid list (all of them when no list is given), with the current config and the cached runtime
// args; then, for lists ≥ 1.1.0, GC each plugin. Errors never stop the sweep: all are reported.
import { asCniError, cniError } from '../../errors/catalogue.ts';
import { listCachedAttachments } from '../cache.ts';
import type { NetworkConfigList } from '../config/index.ts';
import { versionAtLeast } from '../version.ts';
import type { OpOptions, RuntimeContext } from './context.ts';
import { delNetworkList } from './del.ts';
import { invokePlugin } from './invoke.ts';

export interface ValidAttachment {
  readonly containerID: string;
  readonly ifname: string;
}

export interface GcArgs {
  /** null/undefined: no attachment is valid. */
  readonly validAttachments?: readonly ValidAttachment[] | null;
}

export async function gcNetworkList(ctx: RuntimeContext, list: NetworkConfigList, args: GcArgs | null, opts: OpOptions = {}): Promise<void> {
  if (list.disableGC) return;
  const errors: string[] = [];
  const valid = new Set((args?.validAttachments ?? []).map((a) => `${a.containerID}\u0000${a.ifname}`));
  for (const att of await listCachedAttachments(ctx.cacheDir)) {
    if (att.networkName !== list.name || valid.has(`${att.containerID}\u0000${att.ifName}`)) continue;
    try {
      await delNetworkList(ctx, list, {
        containerID: att.containerID,
        netNS: att.netNS ?? '',
        ifName: att.ifName,
        ...(att.cniArgs ? { args: att.cniArgs } : {}),
        ...(att.capabilityArgs ? { capabilityArgs: att.capabilityArgs } : {}),
      }, opts);
    } catch (e) {
      errors.push(`failed to delete stale attachment ${att.containerID} ${att.ifName}: ${asCniError(e).message}`);
    }
  }
  if (versionAtLeast(list.cniVersion, '1.1.0')) {
    for (const plugin of list.plugins) {
      try {
        await invokePlugin(ctx, list, plugin, 'GC', undefined, {
          ...opts,
          ...(args ? { validAttachments: args.validAttachments ?? [] } : {}),
        });
      } catch (e) {
        errors.push(`failed to GC plugin ${plugin.type}: ${asCniError(e).message}`);
      }
    }
  }
  if (errors.length > 0) throw cniError('GC_FAILED', errors.join('\n'));
}
