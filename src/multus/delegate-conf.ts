// A delegate's configuration TEXT: what libcni later runs, and what the delegate cache stores as
// `Bytes` (multus.md §1.3 "NAD spec", §1.4, §3.1 "Delegate execution", §3.8). Go Multus edits these
// configs by decoding them into maps and re-encoding them, which sorts keys, loses big integers and, for
// cluster networks loaded from a .conflist, drops plugin keys (the calico DEL leak, §3.8 quirk). We
// splice only the keys Multus owns into the original text (src/cni/raw-json.ts), so every other byte
// reaches the plugin as written.
// Also here: Go's validation of a delegate config (LoadDelegateNetConf / LoadDelegateNetConfList).
import { arrayElements, memberRaw, objectMembers, spliceObject } from '../cni/raw-json.ts';
import { goJsonSyntaxError } from '../cni/exec/go-json.ts';
import type { NetworkConfigList } from '../cni/config/index.ts';
import { CniError } from '../errors/catalogue.ts';
import { decodeFields, goBoolMap, goObject, goString, goStringList, jsonKind, typeError, type GoCtx } from './go-decode.ts';

export interface DelegateConfInfo {
  /** No (non-empty) top-level `type`: Go treats the config as a conflist. */
  readonly isConfList: boolean;
  /** The top-level `name` ("" when absent): Conf.Name, or ConfList.Name for a list. */
  readonly name: string;
  /** The top-level `type` ("" for a list). */
  readonly type: string;
  /** The top-level `cniVersion` ("" when absent). */
  readonly cniVersion: string;
}

function invalid(msg: string): CniError {
  return new CniError('CONFIG_INVALID', msg);
}

// ---- Go's typed decode of libcni's types.NetConf (only what can fail) ----

function decodeNetConf(text: string, ctx: GoCtx): { name?: string; type?: string; cniVersion?: string } {
  const out: { name?: string; type?: string; cniVersion?: string } = {};
  decodeFields(text, ctx, {
    cniVersion: (r, c) => (out.cniVersion = goString(r, c) ?? out.cniVersion),
    name: (r, c) => (out.name = goString(r, c) ?? out.name),
    type: (r, c) => (out.type = goString(r, c) ?? out.type),
    capabilities: (r, c) => void goBoolMap(r, c),
    ipam: (r, c) => {
      const o = goObject(r, c, 'types.IPAM');
      if (o !== null) decodeFields(o, { struct: 'IPAM', path: c.path }, { type: (r2, c2) => void goString(r2, c2) });
    },
    dns: (r, c) => {
      const o = goObject(r, c, 'types.DNS');
      if (o === null) return;
      const at: GoCtx = { struct: 'DNS', path: c.path };
      decodeFields(o, at, {
        nameservers: (r2, c2) => void goStringList(r2, c2),
        domain: (r2, c2) => void goString(r2, c2),
        search: (r2, c2) => void goStringList(r2, c2),
        options: (r2, c2) => void goStringList(r2, c2),
      });
    },
    prevResult: (r, c) => void goObject(r, c, 'map[string]interface {}'),
  });
  return out;
}

/** True when Go Multus would run `text` as a conflist: its top-level `type` is missing or "". */
export function isConfList(text: string): boolean {
  const t = text.trim();
  if (jsonKind(t) !== 'object') return true;
  let type = '';
  decodeFields(t, { struct: 'NetConf', path: '' }, { type: (r, c) => (type = goString(r, c) ?? type) });
  return type === '';
}

/**
 * Go's LoadDelegateNetConf checks, with its messages: a typed decode of the config; then, without a
 * `type`, a conflist whose first plugin has one. Deviation: `"plugins": []` (and a null first plugin)
 * is an error here; Go crashes on it.
 */
export function inspectDelegateConf(text: string): DelegateConfInfo {
  const P = 'LoadDelegateNetConf: ';
  const syntax = goJsonSyntaxError(text);
  if (syntax !== undefined) throw new CniError('CONFIG_PARSE', `${P}error unmarshalling delegate config: ${syntax}`);
  const t = text.trim();
  const k = jsonKind(t);
  const top: GoCtx = { struct: 'NetConf', path: '' };
  if (k !== 'object' && k !== 'null') {
    throw new CniError('CONFIG_PARSE', `${P}error unmarshalling delegate config: ${typeError(t, { struct: '', path: '' }, 'types.NetConf').msg}`);
  }
  let conf: { name?: string; type?: string; cniVersion?: string } = {};
  if (k === 'object') {
    try {
      conf = decodeNetConf(t, top);
    } catch (e) {
      throw e instanceof CniError ? e.withPrefix(`${P}error unmarshalling delegate config: `) : e;
    }
  }
  if (conf.type) return { isConfList: false, name: conf.name ?? '', type: conf.type, cniVersion: conf.cniVersion ?? '' };

  const L = `${P}failed with: LoadDelegateNetConfList: `;
  const list: { name?: string; cniVersion?: string; plugins?: (string | null)[] } = {};
  if (k === 'object') {
    try {
      decodeFields(t, { struct: 'NetConfList', path: '' }, {
        cniVersion: (r, c) => (list.cniVersion = goString(r, c) ?? list.cniVersion),
        name: (r, c) => (list.name = goString(r, c) ?? list.name),
        plugins: (r, c) => {
          const kk = jsonKind(r);
          if (kk === 'null') {
            delete list.plugins;
            return;
          }
          if (kk !== 'array') throw typeError(r, c, '[]*types.NetConf');
          list.plugins = arrayElements(r).map((el) => {
            const o = goObject(el, c, 'types.NetConf');
            if (o !== null) decodeNetConf(o, { struct: 'NetConf', path: c.path });
            return o;
          });
        },
      });
    } catch (e) {
      throw e instanceof CniError ? e.withPrefix(`${L}error unmarshalling delegate conflist: `) : e;
    }
  }
  if (list.plugins === undefined) throw invalid(`${L}delegate must have the 'type' or 'plugin' field`);
  if (list.plugins.length === 0) throw invalid(`${L}a plugin delegate must have at least one plugin in 'plugins'`);
  const first = list.plugins[0];
  const firstType = first === null ? '' : (decodeNetConf(first, { struct: 'NetConf', path: 'plugins' }).type ?? '');
  if (firstType === '') throw invalid(`${L}a plugin delegate must have the 'type' field`);
  return { isConfList: true, name: list.name ?? '', type: '', cniVersion: list.cniVersion ?? '' };
}

// ---- where the text comes from ----

/**
 * A NAD's non-empty `spec.config` (NAD client GetCNIConfigFromSpec): the NAD name is injected when the
 * top-level `name` is missing or "" (`{"type":"macvlan"}` → name `nad1`); otherwise the text is
 * returned unchanged.
 */
export function delegateConfFromSpec(specConfig: string, nadName: string): string {
  const P = 'GetCNIConfig: err in GetCNIConfigFromSpec: failed to unmarshal Spec.Config: ';
  const syntax = goJsonSyntaxError(specConfig);
  if (syntax !== undefined) throw new CniError('CONFIG_PARSE', P + syntax);
  const k = jsonKind(specConfig.trim());
  // Go crashes on `null` (assignment into a nil map); refuse it like any non-object.
  if (k !== 'object') throw new CniError('CONFIG_PARSE', `${P}json: cannot unmarshal ${k} into Go value of type map[string]interface {}`);
  // Go looks the key up in a decoded map: exact spelling, last occurrence.
  const raw = memberRaw(specConfig, 'name');
  if (raw !== undefined && JSON.parse(raw) !== '') return specConfig;
  return spliceObject(specConfig, { name: JSON.stringify(nadName) });
}

/**
 * A network loaded from a file (src/cni/config loadConfListFile / loadConfList): a single `.conf`/
 * `.json` gives its own text; a `.conflist` gives its text, with the plugins of its sibling folder
 * `<dir>/<name>/*.conf` appended to `plugins` when there are any, so the delegate cache holds the whole
 * network (Go caches a lossy re-encoding instead, §3.8).
 */
export function delegateConfFromLoadedFile(list: NetworkConfigList): string {
  const src = list.source ?? '';
  const isList = src.slice(src.lastIndexOf('/') + 1).endsWith('.conflist');
  if (!isList) {
    if (list.plugins.length !== 1) throw new CniError('INTERNAL', `expected one plugin for the single config ${src}`);
    return list.plugins[0].raw;
  }
  const inlinedRaw = memberRaw(list.raw, 'plugins');
  const inlined = inlinedRaw === undefined ? 0 : arrayElements(inlinedRaw).length;
  if (inlined === list.plugins.length) return list.raw;
  return spliceObject(list.raw, { plugins: `[${list.plugins.map((p) => p.raw.trim()).join(',')}]` });
}

// ---- edits Multus makes ----

/** Apply `edit` to every plugin object of a conflist text (the exact `plugins` key, as Go's map lookup). */
function editPlugins(text: string, fn: string, edit: (plugin: string) => string): string {
  const raw = memberRaw(text, 'plugins');
  if (raw === undefined) throw invalid(`${fn}: unable to get plugin list`);
  if (jsonKind(raw) !== 'array') throw invalid(`${fn}: unable to typecast plugin list`);
  const plugins = arrayElements(raw).map((p, i) => {
    if (jsonKind(p) !== 'object') throw invalid(`${fn}: unable to typecast plugin #${i}`);
    return edit(p);
  });
  return spliceObject(text, { plugins: `[${plugins.join(',')}]` });
}

/**
 * A resource-map device (multus.md §5, S16–S18): `deviceID` and `pciBusID` set at the top level of a
 * single config, or in every plugin of a conflist.
 */
export function injectDeviceId(text: string, deviceId: string): string {
  const v = JSON.stringify(deviceId);
  const set = (o: string): string => spliceObject(o, { deviceID: v, pciBusID: v });
  return isConfList(text) ? editPlugins(text, 'addDeviceIDInConfList', set) : set(text);
}

/** Go's injectCNIArgs on one object: `args.cni` gets every key of cni-args, cni-args winning. */
function mergeArgsCni(obj: string, cniArgs: string, fn: string): string {
  const argsRaw = memberRaw(obj, 'args');
  if (argsRaw === undefined) return spliceObject(obj, { args: `{"cni":${cniArgs.trim()}}` });
  // Go would crash on a non-object `args` or `args.cni` (unchecked type assertion).
  if (jsonKind(argsRaw) !== 'object') throw invalid(`${fn}: 'args' must be a JSON object to add cni-args`);
  const cniRaw = memberRaw(argsRaw, 'cni');
  if (cniRaw === undefined) return spliceObject(obj, { args: spliceObject(argsRaw, { cni: cniArgs.trim() }) });
  if (jsonKind(cniRaw) !== 'object') throw invalid(`${fn}: 'args.cni' must be a JSON object to add cni-args`);
  const set: Record<string, string> = Object.create(null);
  for (const m of objectMembers(cniArgs)) set[m.key] = m.raw; // a repeated key: the last wins, as in Go's map
  return spliceObject(obj, { args: spliceObject(argsRaw, { cni: spliceObject(cniRaw, set) }) });
}

/**
 * The selection's `cni-args` (raw object text) merged into `args.cni` (S20, S21): of the config, or of
 * every plugin of a conflist. Keys already in `args.cni` are kept unless cni-args sets them.
 */
export function injectCniArgs(text: string, cniArgs: string): string {
  if (jsonKind(cniArgs.trim()) !== 'object') throw invalid('cni-args must be a JSON object');
  if (isConfList(text)) return editPlugins(text, 'addCNIArgsInConfList()', (p) => mergeArgsCni(p, cniArgs, 'addCNIArgsInConfList()'));
  return mergeArgsCni(text, cniArgs, 'addCNIArgsInConfig()');
}
