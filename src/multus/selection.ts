// The network selection annotations (multus.md §1.3, §1.3.1; cni.md §3.3, §3.5):
//   k8s.v1.cni.cncf.io/networks        extra networks, default namespace = the pod's
//   v1.multus-cni.io/default-network   replaces the cluster network, default namespace = multusNamespace
// Both accept the text form `ns/name@ifname, …` and the JSON form (an array of selection objects);
// JSON is chosen when the value contains any of `[`, `{`, `"`. We accept and reject what Multus 4.2
// does, with its messages, then add checks of our own (after all of Multus' checks, so a value Multus
// rejects fails with Multus' message):
//  - an element with an empty name is refused (Multus keeps it and the NAD lookup fails later);
//  - names must be Kubernetes object names (DNS-1123 subdomain), namespaces DNS-1123 labels: anything
//    else can never name a NAD, and would otherwise reach an API URL;
//  - requested interface names must pass libcni's rules (Multus lets them through to fail at ADD);
//  - a null element or an empty/null `default-route` entry is refused (Go would crash or treat a nil IP
//    as an IPv6 gateway).
import { arrayElements } from '../cni/raw-json.ts';
import { validateInterfaceName } from '../cni/args.ts';
import { goQuote } from '../cni/exec/go-quote.ts';
import { goJsonSyntaxError } from '../cni/exec/go-json.ts';
import { tryCanonicalCidr, tryCanonicalIp } from '../cni/result/ip.ts';
import { CniError } from '../errors/catalogue.ts';
import { deepFreeze } from './freeze.ts';
import { decodeFields, goObject, goString, goStringList, goTrimSpace, jsonKind, typeError, type GoCtx } from './go-decode.ts';
import { isGoMac, macErrorText } from './mac.ts';
import { decodeBandwidth, decodePortMappings, type BandwidthEntry, type PortMapEntry } from './runtime-config.ts';

export const NETWORKS_ANNOTATION = 'k8s.v1.cni.cncf.io/networks';
export const DEFAULT_NETWORK_ANNOTATION = 'v1.multus-cni.io/default-network';

/** One selection element (Multus' types.NetworkSelectionElement, namespace filled in). */
export interface NetworkSelection {
  readonly name: string;
  readonly namespace: string;
  /** `interface`, else the legacy `interfaceRequest`; `@ifname` in the text form. */
  readonly interface?: string;
  /** As written (Multus passes these strings on unchanged); present-but-empty is kept. */
  readonly ips?: readonly string[];
  readonly mac?: string;
  readonly infinibandGuid?: string;
  /** Present-but-empty is kept: it replaces the pod-level portMappings with none (§3.1). */
  readonly portMappings?: readonly PortMapEntry[];
  readonly bandwidth?: BandwidthEntry;
  readonly deviceId?: string;
  /** `cni-args` as the raw JSON object text, merged into the delegate's `args.cni`. */
  readonly cniArgs?: string;
  /** Gateways in Go's canonical text. Present-but-empty is meaningful (§3.4.5: filter, add nothing). */
  readonly defaultRoute?: readonly string[];
  /** Kept for callers; Multus 4.2 ignores it (multus.md §1.3). */
  readonly ipamClaimReference?: string;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const PREFIX = 'parsePodNetworkAnnotation: ';
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function invalid(msg: string): CniError {
  return new CniError('CONFIG_INVALID', msg);
}

// ---- text form: `[namespace/]name[@ifname]`, comma separated (Go's parsePodNetworkObjectName) ----

function parseTextItem(item: string): Mutable<NetworkSelection> {
  const fail = (m: string): CniError => invalid(`${PREFIX}parsePodNetworkObjectName: ${m}`);
  const slash = item.split('/');
  let namespace = '';
  let rest: string;
  if (slash.length === 2) {
    namespace = goTrimSpace(slash[0]);
    rest = slash[1];
  } else if (slash.length === 1) {
    rest = slash[0];
  } else {
    throw fail("Invalid network object (failed at '/')");
  }
  const at = rest.split('@');
  const name = goTrimSpace(at[0]);
  let ifname = '';
  if (at.length === 2) ifname = goTrimSpace(at[1]);
  else if (at.length !== 1) throw fail("Invalid network object (failed at '@')");
  for (const v of [namespace, name]) {
    if (v !== '' && !DNS1123_LABEL.test(v)) {
      throw fail(`Failed to parse: one or more items did not match comma-delimited format (must consist of lower case alphanumeric characters). Must start and end with an alphanumeric character), mismatch @ '${v}'`);
    }
  }
  if (ifname !== '' && (Buffer.byteLength(ifname, 'utf8') > 15 || /[ \t\n\v\f\r/]/.test(ifname))) {
    throw fail(`Failed to parse interface name: must be less than 15 chars and not contain '/' or spaces. interface name '${ifname}'`);
  }
  const e: Mutable<NetworkSelection> = { name, namespace };
  if (ifname !== '') e.interface = ifname;
  return e;
}

// ---- JSON form (Go's json.Unmarshal into []*types.NetworkSelectionElement) ----

interface Decoded extends Mutable<NetworkSelection> {
  legacyInterface?: string;
}

function decodeDefaultRoute(raw: string, ctx: GoCtx, index: number): string[] | undefined {
  const k = jsonKind(raw);
  if (k === 'null') return undefined;
  if (k !== 'array') throw typeError(raw, ctx, '[]net.IP');
  return arrayElements(raw).map((g) => {
    const gk = jsonKind(g);
    if (gk === 'null') throw invalid(`${PREFIX}network selection element ${index}: default-route entries must be IP addresses, not null`);
    if (gk !== 'string') throw typeError(g, ctx, 'net.IP');
    const s = JSON.parse(g) as string;
    if (s === '') throw invalid(`${PREFIX}network selection element ${index}: default-route entries must be IP addresses, not ""`);
    const c = tryCanonicalIp(s);
    // net.IP's text decoder fails the whole json.Unmarshal with this text.
    if (c === undefined) throw new CniError('CONFIG_PARSE', `invalid IP address: ${s}`);
    return c;
  });
}

function decodeElement(raw: string, index: number): Decoded {
  const top: GoCtx = { struct: '', path: '' };
  const k = jsonKind(raw);
  if (k === 'null') throw invalid(`${PREFIX}network selection element ${index} is null`);
  if (k !== 'object') throw typeError(raw, top, 'types.NetworkSelectionElement');
  const e: Decoded = { name: '', namespace: '' };
  const ctx: GoCtx = { struct: 'NetworkSelectionElement', path: '' };
  const str = (key: 'name' | 'namespace' | 'mac' | 'infiniband-guid' | 'interface' | 'interfaceRequest' | 'deviceID') => (r: string, c: GoCtx): void => {
    const s = goString(r, c);
    if (s === undefined) return;
    if (key === 'name') e.name = s;
    else if (key === 'namespace') e.namespace = s;
    else if (key === 'mac') e.mac = s;
    else if (key === 'infiniband-guid') e.infinibandGuid = s;
    else if (key === 'interface') e.interface = s;
    else if (key === 'interfaceRequest') e.legacyInterface = s;
    else e.deviceId = s;
  };
  decodeFields(raw, ctx, {
    name: str('name'),
    namespace: str('namespace'),
    mac: str('mac'),
    'infiniband-guid': str('infiniband-guid'),
    interface: str('interface'),
    interfaceRequest: str('interfaceRequest'),
    deviceID: str('deviceID'),
    ips: (r, c) => {
      const l = goStringList(r, c);
      if (l === null) delete e.ips;
      else e.ips = l;
    },
    portMappings: (r, c) => {
      const p = decodePortMappings(r, c);
      if (p === undefined) delete e.portMappings;
      else e.portMappings = p;
    },
    bandwidth: (r, c) => {
      const b = decodeBandwidth(r, c);
      if (b === undefined) delete e.bandwidth;
      else e.bandwidth = b;
    },
    'cni-args': (r, c) => {
      const o = goObject(r, c, 'map[string]interface {}');
      if (o === null) delete e.cniArgs;
      else e.cniArgs = o;
    },
    'default-route': (r, c) => {
      const d = decodeDefaultRoute(r, c, index);
      if (d === undefined) delete e.defaultRoute;
      else e.defaultRoute = d;
    },
    // Not a Multus field, so Go ignores it whatever its type; we keep a string value.
    'ipam-claim-reference': (r) => {
      if (jsonKind(r) === 'string') e.ipamClaimReference = JSON.parse(r) as string;
    },
  });
  // Go's omitempty strings: "" is the same as absent.
  for (const key of ['mac', 'infinibandGuid', 'interface', 'legacyInterface', 'deviceId', 'ipamClaimReference'] as const) {
    if (e[key] === '') delete e[key];
  }
  return e;
}

function parseJsonForm(value: string): Decoded[] {
  const syntax = goJsonSyntaxError(value);
  const wrap = (msg: string): CniError =>
    new CniError('CONFIG_PARSE', `${PREFIX}failed to parse pod Network Attachment Selection Annotation JSON format: ${msg}`);
  if (syntax !== undefined) throw wrap(syntax);
  const text = value.trim();
  const k = jsonKind(text);
  if (k === 'null') return [];
  if (k !== 'array') throw wrap(`json: cannot unmarshal ${k} into Go value of type []*types.NetworkSelectionElement`);
  try {
    return arrayElements(text).map((el, i) => decodeElement(el, i));
  } catch (e) {
    // Our own refusals already carry the prefix; Go's decoder errors get Multus' wrapper.
    if (e instanceof CniError && !e.msg.startsWith(PREFIX)) throw wrap(e.msg);
    throw e;
  }
}

// ---- shared validation ----

/** Multus' own checks, in its order (mac, GUID, IPs per element), then the interface alias. */
function multusChecks(e: Decoded, defaultNamespace: string): void {
  if (e.namespace === '') e.namespace = defaultNamespace;
  if (e.mac !== undefined && !isGoMac(e.mac)) throw invalid(`${PREFIX}failed to mac: ${macErrorText(e.mac)}`);
  if (e.infinibandGuid !== undefined && !isGoMac(e.infinibandGuid)) {
    throw invalid(`${PREFIX}failed to validate infiniband GUID: ${macErrorText(e.infinibandGuid)}`);
  }
  for (const ip of e.ips ?? []) {
    if (ip.includes('/')) {
      if (tryCanonicalCidr(ip) === undefined) throw invalid(`failed to parse CIDR ${goQuote(ip)}: invalid CIDR address: ${ip}`);
    } else if (tryCanonicalIp(ip) === undefined) {
      throw invalid(`failed to parse IP address ${goQuote(ip)}`);
    }
  }
  if (e.interface === undefined && e.legacyInterface !== undefined) e.interface = e.legacyInterface;
  delete e.legacyInterface;
}

/** Our additions (see the header), run after every element passed Multus' checks. */
function ourChecks(e: NetworkSelection, i: number): void {
  const at = `${PREFIX}network selection element ${i}`;
  if (e.name === '') throw invalid(`${at} has an empty network name`);
  if (e.name.length > 253 || !DNS1123_SUBDOMAIN.test(e.name)) {
    throw invalid(`${at}: invalid network name ${goQuote(e.name)}: a network-attachment-definition name must be a lower case DNS-1123 subdomain (at most 253 characters)`);
  }
  if (e.namespace.length > 63 || !DNS1123_LABEL.test(e.namespace)) {
    throw invalid(`${at}: invalid namespace ${goQuote(e.namespace)}: a namespace must be a lower case DNS-1123 label (at most 63 characters)`);
  }
  if (e.interface !== undefined) {
    try {
      validateInterfaceName(e.interface);
    } catch (err) {
      const why = err instanceof CniError ? err.msg : String(err);
      throw invalid(`${at}: invalid interface name ${goQuote(e.interface)}: ${why}`);
    }
  }
}

/** Multus' parsePodNetworkAnnotation (an empty value is an error there) plus our checks. */
function parseAnnotation(value: string, defaultNamespace: string): NetworkSelection[] {
  if (value === '') throw invalid(`${PREFIX}pod annotation does not have "network" as key`);
  const elements: Decoded[] = /[[{"]/.test(value) ? parseJsonForm(value) : value.split(',').map((item) => parseTextItem(goTrimSpace(item)));
  for (const e of elements) multusChecks(e, defaultNamespace);
  elements.forEach((e, i) => ourChecks(e, i));
  return deepFreeze(elements as NetworkSelection[]);
}

/**
 * `k8s.v1.cni.cncf.io/networks`: the elements in order. A missing or empty annotation means no extra
 * networks (not an error), as in Multus' GetPodNetwork.
 */
export function parseNetworkSelection(value: string | undefined, defaultNamespace: string): readonly NetworkSelection[] {
  if (value === undefined || value === '') return deepFreeze([]);
  return parseAnnotation(value, defaultNamespace);
}

/**
 * `v1.multus-cni.io/default-network` (present on the pod): exactly one element, namespace defaulting to
 * multusNamespace. Zero elements (`[]`, `null`) is an error here; Go crashes on it.
 */
export function parseDefaultNetwork(value: string, multusNamespace: string): NetworkSelection {
  let nets: NetworkSelection[];
  try {
    nets = parseAnnotation(value, multusNamespace);
  } catch (e) {
    throw e instanceof CniError ? e.withPrefix('tryLoadK8sPodDefaultNetwork: failed to parse CRD object: ') : e;
  }
  if (nets.length > 1) throw invalid(`tryLoadK8sPodDefaultNetwork: more than one default network is specified: ${value}`);
  if (nets.length === 0) throw invalid(`tryLoadK8sPodDefaultNetwork: no default network is specified: ${value}`);
  return nets[0];
}
