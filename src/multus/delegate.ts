// One delegate: a network Multus runs for the pod (Go's DelegateNetConf). Built from a config text
// (static `delegates`, cluster/default network, NAD) and, for annotation networks, the selection
// element; read back from the delegate cache on DEL (delegate-cache.ts). Immutable: the ECMP check
// (default-route.ts) returns new records with the filter flags set.
// Position 0 of a delegate list is the master (multus.md §3.3 step 6, §3.4.3, §3.8 step 4).
import { CniError } from '../errors/catalogue.ts';
import { deepFreeze } from './freeze.ts';
import { injectCniArgs, injectDeviceId, inspectDelegateConf } from './delegate-conf.ts';
import type { IfnameSource } from './ifnames.ts';
import type { DelegateRequests } from './runtime-config.ts';
import type { NetworkSelection } from './selection.ts';

export interface Delegate extends DelegateRequests, IfnameSource {
  /** The exact config given to libcni (and cached as base64 `Bytes`). */
  readonly bytes: string;
  readonly isConfList: boolean;
  /** Display name: `<namespace>/<nad>` for NAD-based delegates, else the config's CNI name (§1.4). */
  readonly name: string;
  /** The config's (or list's) own `name`: libcni's network name, the cache file name, `cniConfName`. */
  readonly confName: string;
  /** The single config's `type` ("" for a conflist), used in DEL error texts. */
  readonly confType: string;
  /** The config's top-level cniVersion ("" when absent; DEL back-fills it, §3.8 step 6). */
  readonly cniVersion: string;
  /** `default-route` of the selection, canonical IPs; present-but-empty is meaningful (§3.4.5). */
  readonly gatewayRequest?: readonly string[];
  /** Device-plugin resource the deviceID came from (§5); absent when the device was requested directly. */
  readonly resourceName?: string;
  readonly filterV4Gateway: boolean;
  readonly filterV6Gateway: boolean;
}

export interface LoadDelegateOptions {
  /** The annotation element this delegate comes from (none for static/cluster/default networks). */
  readonly selection?: NetworkSelection;
  /** A device from the pod's resource map (§5): injected into the config as deviceID/pciBusID. */
  readonly deviceId?: string;
  readonly resourceName?: string;
}

/**
 * Go's LoadDelegateNetConf: validate the config, inject a resource-map device, merge the selection's
 * cni-args, and record the selection's requests. A selection `deviceID` is used only when no
 * resource-map device was found, and is not injected into the config (§1.3).
 */
export function loadDelegate(text: string, opts: LoadDelegateOptions = {}): Delegate {
  const info = inspectDelegateConf(text);
  let bytes = text;
  const { selection: sel, deviceId } = opts;
  if (deviceId) {
    try {
      bytes = injectDeviceId(bytes, deviceId);
    } catch (e) {
      const what = info.isConfList ? 'NetConfList' : 'NetConf';
      throw e instanceof CniError ? e.withPrefix(`LoadDelegateNetConf: failed to add deviceID in ${what} bytes: `) : e;
    }
  }
  if (sel?.cniArgs !== undefined) {
    try {
      bytes = injectCniArgs(bytes, sel.cniArgs);
    } catch (e) {
      throw e instanceof CniError ? e.withPrefix('LoadDelegateNetConf(): failed to add cni-args in NetConfList bytes: ') : e;
    }
  }
  const d: { -readonly [K in keyof Delegate]: Delegate[K] } = {
    bytes,
    isConfList: info.isConfList,
    name: sel && sel.name !== '' ? `${sel.namespace}/${sel.name}` : info.name,
    confName: info.name,
    confType: info.type,
    cniVersion: info.cniVersion,
    filterV4Gateway: false,
    filterV6Gateway: false,
  };
  if (deviceId) {
    d.deviceId = deviceId;
    if (opts.resourceName) d.resourceName = opts.resourceName;
  }
  if (sel) {
    if (sel.interface) d.ifnameRequest = sel.interface;
    if (sel.mac) d.macRequest = sel.mac;
    if (sel.ips !== undefined) d.ipRequest = sel.ips;
    if (sel.bandwidth !== undefined) d.bandwidthRequest = sel.bandwidth;
    if (sel.portMappings !== undefined) d.portMappingsRequest = sel.portMappings;
    if (sel.defaultRoute !== undefined) d.gatewayRequest = sel.defaultRoute;
    if (sel.infinibandGuid) d.infinibandGuidRequest = sel.infinibandGuid;
    if (sel.deviceId && !deviceId) d.deviceId = sel.deviceId;
  }
  return deepFreeze(d);
}
