// What each plugin reads on stdin (libcni buildOneConfig / injectRuntimeConfig / GC / STATUS, cni.md
// §1.6 "Deriving the request config", §1.7, §2.4). We splice the runtime-owned keys into the plugin
// object's original text instead of re-serialising it, so every other member reaches the plugin exactly
// as written. The result equals libcni's stdin as parsed JSON (not as bytes: Go sorts keys).
import { cniError } from '../../errors/catalogue.ts';
import { spliceObject } from '../raw-json.ts';
import { isPlainObject } from './json-type.ts';
import type { NetworkConfigList, PluginConf, StdinOp, StdinOptions } from './types.ts';

function encode(key: string, v: unknown): string {
  if (v === null || v === undefined) throw cniError('INJECT_INVALID', `key '${key}' value must not be nil`);
  let s: string | undefined;
  try {
    s = JSON.stringify(v);
  } catch (e) {
    throw cniError('INJECT_INVALID', `key '${key}' value cannot be encoded as JSON: ${(e as Error).message}`);
  }
  if (s === undefined) throw cniError('INJECT_INVALID', `key '${key}' value cannot be encoded as JSON`);
  return s;
}

/**
 * libcni InjectConf on text: set top-level keys of a plugin object, every other member untouched.
 * A key already present keeps its place; new keys are appended.
 */
export function injectConf(raw: string, set: Record<string, unknown>): string {
  let doc: unknown;
  try {
    doc = JSON.parse(raw);
  } catch (e) {
    throw cniError('CONFIG_PARSE', `unmarshal existing network bytes: ${(e as Error).message}`);
  }
  if (!isPlainObject(doc)) throw cniError('CONFIG_PARSE', 'unmarshal existing network bytes: not a JSON object');
  // Null prototype: a key named "__proto__" is an ordinary key to set.
  const rawSet: Record<string, string> = Object.create(null);
  for (const [k, v] of Object.entries(set)) {
    if (k === '') throw cniError('INJECT_INVALID', 'keys cannot be empty');
    rawSet[k] = encode(k, v);
  }
  return spliceObject(raw, rawSet);
}

/** The previous result as given, once we know it is a JSON object (Go's prevResult is a map). */
function prevResultRaw(text: string): string {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw cniError('INJECT_INVALID', `key 'prevResult' value is not valid JSON: ${(e as Error).message}`);
  }
  if (v === null) throw cniError('INJECT_INVALID', "key 'prevResult' value must not be nil");
  if (!isPlainObject(v)) throw cniError('INJECT_INVALID', "key 'prevResult' value must be a JSON object");
  return text.trim();
}

/**
 * `runtimeConfig` = the plugin's enabled capabilities ∩ the supplied capability args (§1.7), as JSON
 * text, or undefined when that is empty (then a runtimeConfig written in the file survives, §2.4 item 4).
 */
function runtimeConfigRaw(plugin: PluginConf, args: Readonly<Record<string, unknown>> | undefined): string | undefined {
  if (!args) return undefined;
  const parts: string[] = [];
  for (const [cap, on] of Object.entries(plugin.capabilities)) {
    if (!on || !Object.hasOwn(args, cap)) continue;
    const v = args[cap];
    if (v === undefined) continue; // no value in JS terms: as if the arg was not supplied
    let s: string | undefined;
    try {
      s = JSON.stringify(v);
    } catch (e) {
      throw cniError('INJECT_INVALID', `capability '${cap}' value cannot be encoded as JSON: ${(e as Error).message}`);
    }
    if (s === undefined) throw cniError('INJECT_INVALID', `capability '${cap}' value cannot be encoded as JSON`);
    parts.push(`${JSON.stringify(cap)}:${s}`);
  }
  return parts.length ? `{${parts.join(',')}}` : undefined;
}

function attachmentsRaw(list: readonly { containerID: string; ifname: string }[]): string {
  // Only the two fields of libcni's GCAttachment, whatever else the caller's objects carry.
  return `[${list.map((a) => `{"containerID":${JSON.stringify(a.containerID)},"ifname":${JSON.stringify(a.ifname)}}`).join(',')}]`;
}

/**
 * The stdin of `plugin` (an element of `list.plugins`) for `op`:
 * - always `name` = list name, `cniVersion` = the list's selected version (overwriting the object's);
 * - ADD/CHECK/DEL: `prevResult` when given (else a file-provided one survives), `runtimeConfig` when the
 *   intersection is non-empty (replacing the file's); `capabilities` is kept, as libcni does;
 * - GC: both `cni.dev/valid-attachments` and `cni.dev/attachments` when validAttachments is given. An
 *   empty list is sent as `[]` (deviation: libcni can send `null`; a plugin reading "no valid
 *   attachments" from null could be misled, [] says exactly that);
 * - STATUS: nothing more. Options that do not apply to `op` are ignored.
 */
export function buildPluginStdin(list: NetworkConfigList, plugin: PluginConf, op: StdinOp, opts: StdinOptions = {}): string {
  const set: Record<string, string> = Object.create(null);
  set.name = JSON.stringify(list.name);
  set.cniVersion = JSON.stringify(list.cniVersion);
  switch (op) {
    case 'ADD':
    case 'CHECK':
    case 'DEL': {
      if (opts.prevResult !== undefined) set.prevResult = prevResultRaw(opts.prevResult);
      const rc = runtimeConfigRaw(plugin, opts.capabilityArgs);
      if (rc !== undefined) set.runtimeConfig = rc;
      break;
    }
    case 'GC':
      if (opts.validAttachments !== undefined && opts.validAttachments !== null) {
        const a = attachmentsRaw(opts.validAttachments);
        set['cni.dev/valid-attachments'] = a;
        set['cni.dev/attachments'] = a;
      }
      break;
    case 'STATUS':
      break;
    default:
      throw cniError('INTERNAL', `no stdin is defined for operation ${JSON.stringify(op satisfies never)}`);
  }
  return spliceObject(plugin.raw, set);
}
