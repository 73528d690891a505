// Plugin configuration objects (libcni NetworkPluginConfFromBytes, cni.md §2.2 rule 8).
// Go decodes the object into a typed struct, so a known key with the wrong JSON type is a decode error
// (reported before a missing `type`); `null` anywhere reads as the zero value. We check the same keys
// but keep the text untouched: `raw` is what the plugin will later receive.
import { CniError, cniError } from '../../errors/catalogue.ts';
import { isPlainObject, jsonType } from './json-type.ts';
import type { PluginConf } from './types.ts';

const PREFIX = 'error parsing configuration: ';

function typeError(path: string, v: unknown, expected: string): CniError {
  return cniError('CONFIG_PARSE', `${PREFIX}json: cannot unmarshal ${jsonType(v)} into field ${path} of type ${expected}`);
}

function checkString(path: string, v: unknown): void {
  if (v !== null && typeof v !== 'string') throw typeError(path, v, 'string');
}

function checkStringArray(path: string, v: unknown): void {
  if (v === null) return;
  if (!Array.isArray(v)) throw typeError(path, v, 'array of string');
  v.forEach((e, i) => checkString(`${path}[${i}]`, e));
}

function checkObject(path: string, v: unknown): v is Record<string, unknown> {
  if (v === null) return false;
  if (!isPlainObject(v)) throw typeError(path, v, 'object');
  return true;
}

/** The typed fields libcni's PluginConf struct declares, in the order the object lists them. */
function checkKnownFields(doc: Record<string, unknown>): void {
  for (const [key, v] of Object.entries(doc)) {
    switch (key) {
      case 'type':
      case 'name':
      case 'cniVersion':
        checkString(key, v);
        break;
      case 'capabilities':
        if (checkObject(key, v)) {
          for (const [cap, on] of Object.entries(v)) {
            if (on !== null && typeof on !== 'boolean') throw typeError(`capabilities.${cap}`, on, 'bool');
          }
        }
        break;
      case 'ipam':
        if (checkObject(key, v)) checkString('ipam.type', v.type ?? null);
        break;
      case 'dns':
        if (checkObject(key, v)) {
          checkStringArray('dns.nameservers', v.nameservers ?? null);
          checkString('dns.domain', v.domain ?? null);
          checkStringArray('dns.search', v.search ?? null);
          checkStringArray('dns.options', v.options ?? null);
        }
        break;
      case 'prevResult':
        checkObject(key, v);
        break;
      case 'cni.dev/valid-attachments':
        if (v === null) break;
        if (!Array.isArray(v)) throw typeError(key, v, 'array of object');
        v.forEach((a, i) => {
          if (checkObject(`${key}[${i}]`, a)) {
            checkString(`${key}[${i}].containerID`, a.containerID ?? null);
            checkString(`${key}[${i}].ifname`, a.ifname ?? null);
          }
        });
        break;
    }
  }
}

/** Parse one plugin object; errors carry no file name (callers add it). */
export function decodePlugin(text: string): PluginConf {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw cniError('CONFIG_PARSE', PREFIX + (e as Error).message);
  }
  // Go decodes `null` into the zero struct, which then lacks a type.
  if (doc === null) throw cniError('CONFIG_INVALID', `${PREFIX}missing 'type'`);
  if (!isPlainObject(doc)) {
    throw cniError('CONFIG_PARSE', `${PREFIX}json: cannot unmarshal ${jsonType(doc)} into a plugin configuration object`);
  }
  checkKnownFields(doc);
  if (typeof doc.type !== 'string' || doc.type === '') throw cniError('CONFIG_INVALID', `${PREFIX}missing 'type'`);

  // Null prototype: a capability may be called "__proto__" and must stay an ordinary entry.
  const capabilities: Record<string, boolean> = Object.create(null);
  if (isPlainObject(doc.capabilities)) {
    for (const [cap, on] of Object.entries(doc.capabilities)) capabilities[cap] = on === true;
  }
  const conf: { -readonly [K in keyof PluginConf]: PluginConf[K] } = { raw: text, type: doc.type, capabilities };
  if (typeof doc.name === 'string') conf.name = doc.name;
  if (typeof doc.cniVersion === 'string') conf.cniVersion = doc.cniVersion;
  if (isPlainObject(doc.ipam) && typeof doc.ipam.type === 'string') conf.ipamType = doc.ipam.type;
  return conf;
}

/** libcni NetworkPluginConfFromBytes. With `source`, messages start with `<source>: `. */
export function parsePluginConf(text: string, source?: string): PluginConf {
  try {
    return decodePlugin(text);
  } catch (e) {
    throw source !== undefined && e instanceof CniError ? e.withPrefix(`${source}: `) : e;
  }
}
