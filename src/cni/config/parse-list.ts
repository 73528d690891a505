// Network configuration lists (libcni NetworkConfFromBytes, cni.md §2.2). The rules run in libcni's
// order and the first failure wins, with libcni's messages. Plugin objects are kept as the text they
// were written as (libcni re-serialises them with sorted keys, which loses big integers and key order).
import { CniError, cniError } from '../../errors/catalogue.ts';
import { arrayElements, memberRaw } from '../raw-json.ts';
import { compareVersions, IMPLEMENTED_VERSION } from '../version.ts';
import { isPlainObject, jsonType } from './json-type.ts';
import { decodePlugin } from './parse-plugin.ts';
import type { NetworkConfigList, PluginConf } from './types.ts';

const PREFIX = 'error parsing configuration list: ';

function versionMessage(e: unknown): string {
  return e instanceof CniError ? e.msg : String(e);
}

/** §2.2 rule 4: the highest of {cniVersion} ∪ cniVersions that is ≤ the implemented version. */
function selectVersion(doc: Record<string, unknown>, cniVersion: string): string {
  if (!Object.hasOwn(doc, 'cniVersions')) return cniVersion; // not validated nor capped without cniVersions
  const rvs = doc.cniVersions;
  if (!Array.isArray(rvs)) throw cniError('CONFIG_PARSE', `${PREFIX}invalid type for cniVersions: ${jsonType(rvs)}`);
  const candidates: string[] = [];
  rvs.forEach((rv, i) => {
    if (typeof rv !== 'string') throw cniError('CONFIG_PARSE', `${PREFIX}invalid type for cniVersions index ${i}: ${jsonType(rv)}`);
    let cmp: number;
    try {
      cmp = compareVersions(rv, IMPLEMENTED_VERSION);
    } catch (e) {
      throw cniError('CONFIG_INVALID', `${PREFIX}invalid cniVersions entry ${rv} at index ${i}: ${versionMessage(e)}`);
    }
    if (cmp <= 0) candidates.push(rv);
  });
  if (cniVersion !== '') {
    let cmp: number;
    try {
      cmp = compareVersions(cniVersion, IMPLEMENTED_VERSION);
    } catch (e) {
      throw cniError('CONFIG_INVALID', `${PREFIX}invalid cniVersion ${cniVersion}: ${versionMessage(e)}`);
    }
    if (cmp <= 0) candidates.push(cniVersion);
  }
  // On a numeric tie ("1.0" vs "1.0.0") the later candidate wins, so the list's own cniVersion spelling
  // is preferred; Go's sort leaves such ties unspecified.
  let best: string | undefined;
  for (const v of candidates) if (best === undefined || compareVersions(v, best) >= 0) best = v;
  return best ?? cniVersion;
}

/** §2.2 rule 5: absent → false; a bool; or "true"/"false" in any letter case. */
function readBool(doc: Record<string, unknown>, key: string): boolean {
  if (!Object.hasOwn(doc, key)) return false;
  const v = doc[key];
  if (typeof v === 'boolean') return v;
  if (typeof v !== 'string') throw cniError('CONFIG_PARSE', `${PREFIX}invalid type ${jsonType(v)} for ${key}`);
  const s = v.toLowerCase();
  if (s === 'true') return true;
  if (s === 'false') return false;
  throw cniError('CONFIG_INVALID', `${PREFIX}invalid value ${JSON.stringify(s)} for ${key}`);
}

function decodeList(text: string, source: string | undefined): NetworkConfigList {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw cniError('CONFIG_PARSE', PREFIX + (e as Error).message);
  }
  if (doc === null) doc = {}; // Go decodes `null` into an empty map: the next rule reports "no name"
  if (!isPlainObject(doc)) {
    throw cniError('CONFIG_PARSE', `${PREFIX}json: cannot unmarshal ${jsonType(doc)} into a configuration list object`);
  }

  if (!Object.hasOwn(doc, 'name')) throw cniError('CONFIG_INVALID', `${PREFIX}no name`);
  const name = doc.name;
  // An empty name is accepted here; ADD validation rejects it later (cni.md §5.1 case 5).
  if (typeof name !== 'string') throw cniError('CONFIG_PARSE', `${PREFIX}invalid name type ${jsonType(name)}`);

  let cniVersion = '';
  if (Object.hasOwn(doc, 'cniVersion')) {
    if (typeof doc.cniVersion !== 'string') {
      throw cniError('CONFIG_PARSE', `${PREFIX}invalid cniVersion type ${jsonType(doc.cniVersion)}`);
    }
    cniVersion = doc.cniVersion;
  }
  cniVersion = selectVersion(doc, cniVersion);

  const disableCheck = readBool(doc, 'disableCheck');
  const disableGC = readBool(doc, 'disableGC');
  const loadOnlyInlinedPlugins = readBool(doc, 'loadOnlyInlinedPlugins');

  const plugins: PluginConf[] = [];
  if (!Object.hasOwn(doc, 'plugins')) {
    if (loadOnlyInlinedPlugins) {
      throw cniError('CONFIG_INVALID', `${PREFIX}\`loadOnlyInlinedPlugins\` is true, and no 'plugins' key`);
    }
  } else {
    if (!Array.isArray(doc.plugins)) throw cniError('CONFIG_PARSE', `${PREFIX}invalid 'plugins' type ${jsonType(doc.plugins)}`);
    if (doc.plugins.length === 0) throw cniError('CONFIG_INVALID', `${PREFIX}no plugins in list`);
    // memberRaw picks the last `plugins` member, the same one JSON.parse kept.
    const elements = arrayElements(memberRaw(text, 'plugins') as string);
    elements.forEach((el, i) => {
      try {
        plugins.push(decodePlugin(el));
      } catch (e) {
        throw e instanceof CniError ? e.withPrefix(`failed to parse plugin config ${i}: `) : e;
      }
    });
  }

  const list: { -readonly [K in keyof NetworkConfigList]: NetworkConfigList[K] } = {
    name, cniVersion, disableCheck, disableGC, loadOnlyInlinedPlugins, plugins, raw: text,
  };
  if (source !== undefined) list.source = source;
  return list;
}

/** libcni NetworkConfFromBytes. With `source`, messages start with `<source>: ` to name the file. */
export function parseConfList(text: string, source?: string): NetworkConfigList {
  try {
    return decodeList(text, source);
  } catch (e) {
    throw source !== undefined && e instanceof CniError ? e.withPrefix(`${source}: `) : e;
  }
}

/**
 * libcni ConfListFromConf (§2.3 item 5): a single plugin object as a one-plugin list. The list takes the
 * object's name and version; list-level keys written in the object (disableCheck, …) are not honoured,
 * and the inner object keeps every key it has.
 */
export function confListFromConf(p: PluginConf): NetworkConfigList {
  const name = p.name ?? '';
  const cniVersion = p.cniVersion ?? '';
  // A parsed object can only be surrounded by JSON whitespace, so trimming changes no value.
  const raw = `{"cniVersion":${JSON.stringify(cniVersion)},"name":${JSON.stringify(name)},"plugins":[${p.raw.trim()}]}`;
  return { name, cniVersion, disableCheck: false, disableGC: false, loadOnlyInlinedPlugins: false, plugins: [p], raw };
}
