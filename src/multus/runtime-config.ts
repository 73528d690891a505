// Runtime config (capability arguments) per delegate, multus.md §3.1 "Runtime config per delegate",
// S27, S28. The runtime gives Multus one pod-level `runtimeConfig`; every delegate starts from it. The
// master delegate gets it untouched (its selection requests are ignored); every other delegate has its
// own requests (portMappings, bandwidth, ips, mac, infinibandGUID, deviceID) laid over it. Every
// delegate gets its CNIDeviceInfoFile path (§5, 3.7 behaviour; see delegateRuntime). Empty values are
// not sent.
// The value shapes are Go's (types.PortMapEntry, types.BandwidthEntry), because that is what a delegate
// plugin received from Go Multus: unknown keys are dropped, hostPort/containerPort and all four
// bandwidth numbers are always present.
import { arrayElements } from '../cni/raw-json.ts';
import { CniError } from '../errors/catalogue.ts';
import { decodeFields, goInt, goObject, goString, goStringList, jsonKind, typeError, type GoCtx } from './go-decode.ts';

export interface PortMapEntry {
  readonly hostPort: number;
  readonly containerPort: number;
  readonly protocol?: string;
  readonly hostIP?: string;
}

export interface BandwidthEntry {
  readonly ingressRate: number;
  readonly ingressBurst: number;
  readonly egressRate: number;
  readonly egressBurst: number;
}

/** Multus' types.RuntimeConfig. "" strings are absent (Go's omitempty). */
export interface RuntimeConfig {
  readonly portMappings?: readonly PortMapEntry[];
  readonly bandwidth?: BandwidthEntry;
  readonly ips?: readonly string[];
  readonly mac?: string;
  readonly infinibandGUID?: string;
  readonly deviceID?: string;
  readonly CNIDeviceInfoFile?: string;
}

/** A delegate's own requests (from its selection element, or from the DEL cache). */
export interface DelegateRequests {
  /** Present (even empty) means "replace the pod-level value", as Go's non-nil slice does. */
  readonly portMappingsRequest?: readonly PortMapEntry[];
  readonly bandwidthRequest?: BandwidthEntry;
  readonly ipRequest?: readonly string[];
  readonly macRequest?: string;
  readonly infinibandGuidRequest?: string;
  readonly deviceId?: string;
}

/** Where CNI device-info files live (NPWG device-info spec, multus.md §5). */
export const CNI_DEVICE_INFO_DIR = '/var/run/k8s.cni.cncf.io/devinfo/cni';

// ---- decoding (Go struct rules, see go-decode.ts) ----

/** One element of a portMappings list (`index` only for our own message; Go's paths have no index). */
export function decodePortMapEntry(raw: string, ctx: GoCtx, index = 0): PortMapEntry {
  const text = goObject(raw, ctx, 'types.PortMapEntry');
  // A null element would be a nil pointer in Go and reach the plugin as `null`; no plugin accepts that.
  if (text === null) throw new CniError('CONFIG_PARSE', `${ctx.path}[${index}]: a port mapping must be an object, not null`);
  const at: GoCtx = { struct: 'PortMapEntry', path: ctx.path };
  let hostPort = 0;
  let containerPort = 0;
  let protocol: string | undefined;
  let hostIP: string | undefined;
  decodeFields(text, at, {
    hostPort: (r, c) => (hostPort = goInt(r, c) ?? hostPort),
    containerPort: (r, c) => (containerPort = goInt(r, c) ?? containerPort),
    protocol: (r, c) => (protocol = goString(r, c) ?? protocol),
    hostIP: (r, c) => (hostIP = goString(r, c) ?? hostIP),
  });
  const e: { -readonly [K in keyof PortMapEntry]: PortMapEntry[K] } = { hostPort, containerPort };
  if (protocol) e.protocol = protocol;
  if (hostIP) e.hostIP = hostIP;
  return e;
}

/** []*PortMapEntry: undefined for null (nil). */
export function decodePortMappings(raw: string, ctx: GoCtx): PortMapEntry[] | undefined {
  const k = jsonKind(raw);
  if (k === 'null') return undefined;
  if (k !== 'array') throw typeError(raw, ctx, '[]*types.PortMapEntry');
  return arrayElements(raw).map((e, i) => decodePortMapEntry(e, ctx, i));
}

/** *BandwidthEntry: undefined for null. Missing numbers are 0, as in Go. */
export function decodeBandwidth(raw: string, ctx: GoCtx): BandwidthEntry | undefined {
  const text = goObject(raw, ctx, 'types.BandwidthEntry');
  if (text === null) return undefined;
  const at: GoCtx = { struct: 'BandwidthEntry', path: ctx.path };
  const b = { ingressRate: 0, ingressBurst: 0, egressRate: 0, egressBurst: 0 };
  decodeFields(text, at, {
    ingressRate: (r, c) => (b.ingressRate = goInt(r, c) ?? b.ingressRate),
    ingressBurst: (r, c) => (b.ingressBurst = goInt(r, c) ?? b.ingressBurst),
    egressRate: (r, c) => (b.egressRate = goInt(r, c) ?? b.egressRate),
    egressBurst: (r, c) => (b.egressBurst = goInt(r, c) ?? b.egressBurst),
  });
  return b;
}

/** *RuntimeConfig: undefined for null. */
export function decodeRuntimeConfig(raw: string, ctx: GoCtx): RuntimeConfig | undefined {
  const text = goObject(raw, ctx, 'types.RuntimeConfig');
  if (text === null) return undefined;
  const at: GoCtx = { struct: 'RuntimeConfig', path: ctx.path };
  const rc: { -readonly [K in keyof RuntimeConfig]: RuntimeConfig[K] } = {};
  const str = (key: 'mac' | 'infinibandGUID' | 'deviceID' | 'CNIDeviceInfoFile') => (r: string, c: GoCtx): void => {
    const s = goString(r, c);
    if (s !== undefined) rc[key] = s;
  };
  decodeFields(text, at, {
    portMappings: (r, c) => {
      const p = decodePortMappings(r, c);
      if (p === undefined) delete rc.portMappings;
      else rc.portMappings = p;
    },
    bandwidth: (r, c) => {
      const b = decodeBandwidth(r, c);
      if (b === undefined) delete rc.bandwidth;
      else rc.bandwidth = b;
    },
    ips: (r, c) => {
      const l = goStringList(r, c);
      if (l === null) delete rc.ips;
      else rc.ips = l;
    },
    mac: str('mac'),
    infinibandGUID: str('infinibandGUID'),
    deviceID: str('deviceID'),
    CNIDeviceInfoFile: str('CNIDeviceInfoFile'),
  });
  for (const k of ['mac', 'infinibandGUID', 'deviceID', 'CNIDeviceInfoFile'] as const) if (rc[k] === '') delete rc[k];
  return rc;
}

// ---- merging ----

/**
 * Go's mergeCNIRuntimeConfig: the pod-level config, with the delegate's requests laid over it unless
 * the delegate is the master. Inputs are never modified; the result is a new object.
 */
export function mergeRuntimeConfig(base: RuntimeConfig | undefined, req: DelegateRequests, isMaster: boolean): RuntimeConfig {
  const rc: { -readonly [K in keyof RuntimeConfig]: RuntimeConfig[K] } = { ...base };
  if (!isMaster) {
    if (req.portMappingsRequest !== undefined) rc.portMappings = req.portMappingsRequest;
    if (req.bandwidthRequest !== undefined) rc.bandwidth = req.bandwidthRequest;
    if (req.ipRequest !== undefined) rc.ips = req.ipRequest;
    if (req.macRequest) rc.mac = req.macRequest;
    if (req.infinibandGuidRequest) rc.infinibandGUID = req.infinibandGuidRequest;
    if (req.deviceId) rc.deviceID = req.deviceId;
  }
  return rc;
}

/** The CNI device-info file of one attachment: `<dir>/<delegate>-<containerID>_<ifName>`, `/` → `-`. */
export function cniDeviceInfoPath(delegateName: string, containerId: string, ifName: string, dir = CNI_DEVICE_INFO_DIR): string {
  return `${dir}/${`${delegateName}-${containerId}_${ifName}`.replaceAll('/', '-')}`;
}

/** The capability args libcni gets: only non-empty values, in Go's shapes (copies, never the inputs). */
export function capabilityArgs(rc: RuntimeConfig): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (rc.portMappings && rc.portMappings.length > 0) out.portMappings = rc.portMappings.map((p) => ({ ...p }));
  if (rc.bandwidth) out.bandwidth = { ...rc.bandwidth };
  if (rc.ips && rc.ips.length > 0) out.ips = [...rc.ips];
  if (rc.mac) out.mac = rc.mac;
  if (rc.infinibandGUID) out.infinibandGUID = rc.infinibandGUID;
  if (rc.deviceID) out.deviceID = rc.deviceID;
  if (rc.CNIDeviceInfoFile) out.CNIDeviceInfoFile = rc.CNIDeviceInfoFile;
  return out;
}

export interface DelegateRuntime {
  readonly capabilityArgs: Record<string, unknown>;
  /** The attachment's CNI device-info file (§5): ADD copies/reads it, DEL removes it. */
  readonly deviceInfoFile: string;
}

/**
 * Everything runtime-config related for one delegate call (Go's delegateRuntimeConfig +
 * newCNIRuntimeConf): merge, then the attachment's CNIDeviceInfoFile path, overwriting a path the
 * runtime may have sent. Every delegate gets it, with or without a deviceID, as Multus up to 3.7.1
 * did: 4.x sends it only with a deviceID, so a plugin that reports device info without one (it
 * declares the `CNIDeviceInfoFile` capability) loses `device-info` (#1222). libcni injects it only
 * into plugins that declare the capability, so the others never see it.
 */
export function delegateRuntime(
  base: RuntimeConfig | undefined,
  req: DelegateRequests,
  at: { readonly isMaster: boolean; readonly delegateName: string; readonly containerId: string; readonly ifName: string; readonly deviceInfoDir?: string },
): DelegateRuntime {
  const deviceInfoFile = cniDeviceInfoPath(at.delegateName, at.containerId, at.ifName, at.deviceInfoDir);
  const rc = { ...mergeRuntimeConfig(base, req, at.isMaster), CNIDeviceInfoFile: deviceInfoFile };
  return { capabilityArgs: capabilityArgs(rc), deviceInfoFile };
}
