// Reading a plugin's result the way libcni does on ADD (cni.md §2.7 steps 1-3): pick the version,
// then decode into the typed result of that version. The typed decode is what makes libcni lossy on
// purpose: unknown keys vanish, addresses are re-printed, zero values that Go's omitempty drops are
// dropped. We reproduce that, because the next plugin's prevResult and the cache must match Go's.
import { cniError } from '../../errors/catalogue.ts';
import { cidr, decodeError, goJsonType, int, ip, isObj, join, member, obj, objList, optInt, optStr, str, strList, type Obj } from './fields.ts';
import {
  compact, resultKindOf,
  type CniResult, type Dns, type Interface04, type Interface1, type IpConfig04, type IpConfig1,
  type LegacyIpConfig, type LegacyResult, type Result04, type Result1, type Route,
} from './types.ts';

function parseRoute(o: Obj, p: string): Route {
  return compact({
    dst: cidr(member(o, 'dst'), join(p, 'dst')),
    gw: ip(member(o, 'gw'), join(p, 'gw')),
    mtu: optInt(member(o, 'mtu'), join(p, 'mtu')),
    advmss: optInt(member(o, 'advmss'), join(p, 'advmss')),
    priority: optInt(member(o, 'priority'), join(p, 'priority')),
    table: int(member(o, 'table'), join(p, 'table')),
    scope: int(member(o, 'scope'), join(p, 'scope')),
  });
}

function parseDns(v: unknown, p: string): Dns | undefined {
  const o = obj(v, p);
  if (!o) return undefined;
  const d = compact<Dns>({
    nameservers: strList(member(o, 'nameservers'), join(p, 'nameservers')),
    domain: optStr(member(o, 'domain'), join(p, 'domain')),
    search: strList(member(o, 'search'), join(p, 'search')),
    options: strList(member(o, 'options'), join(p, 'options')),
  });
  return Object.keys(d).length === 0 ? undefined : d;
}

function parseLegacyIp(v: unknown, p: string): LegacyIpConfig | undefined {
  const o = obj(v, p);
  if (!o) return undefined;
  return compact({
    ip: cidr(member(o, 'ip'), join(p, 'ip')),
    gateway: ip(member(o, 'gateway'), join(p, 'gateway')),
    routes: objList(member(o, 'routes'), join(p, 'routes'), parseRoute),
  });
}

function parseLegacy(o: Obj, cniVersion: string): LegacyResult {
  return compact<LegacyResult>({
    kind: 'legacy',
    cniVersion,
    ip4: parseLegacyIp(member(o, 'ip4'), 'ip4'),
    ip6: parseLegacyIp(member(o, 'ip6'), 'ip6'),
    dns: parseDns(member(o, 'dns'), 'dns'),
  });
}

function parse04(o: Obj, cniVersion: string): Result04 {
  return compact<Result04>({
    kind: '0.4',
    cniVersion,
    interfaces: objList(member(o, 'interfaces'), 'interfaces', (e, p): Interface04 => compact({
      name: str(member(e, 'name'), join(p, 'name')) ?? '',
      mac: optStr(member(e, 'mac'), join(p, 'mac')),
      sandbox: optStr(member(e, 'sandbox'), join(p, 'sandbox')),
    })),
    ips: objList(member(o, 'ips'), 'ips', (e, p): IpConfig04 => compact({
      version: str(member(e, 'version'), join(p, 'version')) ?? '',
      interface: int(member(e, 'interface'), join(p, 'interface')),
      address: cidr(member(e, 'address'), join(p, 'address')),
      gateway: ip(member(e, 'gateway'), join(p, 'gateway')),
    })),
    routes: objList(member(o, 'routes'), 'routes', parseRoute),
    dns: parseDns(member(o, 'dns'), 'dns'),
  });
}

function parse1(o: Obj, cniVersion: string): Result1 {
  return compact<Result1>({
    kind: '1.x',
    cniVersion,
    interfaces: objList(member(o, 'interfaces'), 'interfaces', (e, p): Interface1 => compact({
      name: str(member(e, 'name'), join(p, 'name')) ?? '',
      mac: optStr(member(e, 'mac'), join(p, 'mac')),
      mtu: optInt(member(e, 'mtu'), join(p, 'mtu')),
      sandbox: optStr(member(e, 'sandbox'), join(p, 'sandbox')),
      socketPath: optStr(member(e, 'socketPath'), join(p, 'socketPath')),
      pciID: optStr(member(e, 'pciID'), join(p, 'pciID')),
    })),
    ips: objList(member(o, 'ips'), 'ips', (e, p): IpConfig1 => compact({
      interface: int(member(e, 'interface'), join(p, 'interface')),
      address: cidr(member(e, 'address'), join(p, 'address')),
      gateway: ip(member(e, 'gateway'), join(p, 'gateway')),
    })),
    routes: objList(member(o, 'routes'), 'routes', parseRoute),
    dns: parseDns(member(o, 'dns'), 'dns'),
  });
}

/**
 * The typed result of a plugin's already-parsed stdout. `configVersion` is the cniVersion of the
 * config the plugin was given ("" = 0.1.0); a result without a usable cniVersion is taken to be in it.
 */
export function parseResult(json: unknown, configVersion: string): CniResult {
  const o = json === null ? {} : json;
  if (!isObj(o)) {
    throw decodeError(`failed to unmarshal raw result: json: cannot unmarshal ${goJsonType(o)} into Go value of type map[string]interface {}`);
  }
  // libcni reads the version from a generic map (an exact key), and anything but a non-empty string
  // there is replaced by the config's version, not by 0.1.0.
  const raw = o['cniVersion'];
  const version = typeof raw === 'string' && raw !== '' ? raw : configVersion === '' ? '0.1.0' : configVersion;
  switch (resultKindOf(version)) {
    case 'legacy':
      return parseLegacy(o, version);
    case '0.4':
      return parse04(o, version);
    case '1.x':
      return parse1(o, version);
    default:
      throw cniError('RESULT_VERSION_UNSUPPORTED', `unsupported CNI result version "${version}"`);
  }
}

/** parseResult of a plugin's stdout text. */
export function parseResultText(stdout: string, configVersion: string): CniResult {
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    // Go's wording for the commonest case (empty or truncated stdout); other syntax errors keep V8's.
    // V8 reports truncation either as such or as an unexpected token at the very end of the text.
    const at = /at position (\d+)/.exec(text);
    const truncated = text.startsWith('Unexpected end of JSON input') || (at !== null && Number(at[1]) >= stdout.length);
    const msg = truncated ? 'unexpected end of JSON input' : text;
    throw decodeError(`failed to unmarshal raw result: ${msg}`);
  }
  return parseResult(json, configVersion);
}
