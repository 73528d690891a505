// The per-request override (multus.md §2.5): every top-level key of daemon-config.json replaces the
// request config's key of the same name (shallow; exact key names, as Go's map merge), except
// `readinessindicatorfile` in auto mode (the config manager watches that file instead, so requests must
// not wait on it). Pinned by Multus' S110/S111.
//
// Multus decodes both into maps and re-marshals the request (sorted keys, re-encoded numbers and
// strings). We SPLICE raw JSON text instead (src/cni/raw-json.ts): members the daemon config does not
// set keep their exact bytes and position, replaced members keep their position, new members follow in
// the daemon config's order. The JSON values are the ones Multus produces.
import { goJsonSyntaxError } from '../../cni/exec/go-json.ts';
import { objectMembers, spliceObject } from '../../cni/raw-json.ts';
import { CniError } from '../../errors/catalogue.ts';
import { jsonKind } from '../../multus/go-decode.ts';
import type { DaemonConfig } from './daemon-config.ts';

export const READINESS_KEY = 'readinessindicatorfile';

/** The daemon config's members as a splice set (the last repeat of a key wins, as in Go's map). */
function overrideSet(daemonRaw: string, ignoreReadinessIndicator: boolean): Record<string, string> {
  const set: Record<string, string> = Object.create(null);
  for (const m of objectMembers(daemonRaw)) {
    if (ignoreReadinessIndicator && m.key === READINESS_KEY) continue;
    set[m.key] = m.raw;
  }
  return set;
}

function checkRequest(requestText: string): void {
  const syntax = goJsonSyntaxError(requestText);
  if (syntax !== undefined) throw new CniError('CONFIG_PARSE', `failed to unmarshall CNI config: ${syntax}`);
  const k = jsonKind(requestText.trim());
  if (k !== 'object') {
    // Go: a non-object fails to decode into the map; `null` decodes to a nil map and then panics.
    throw new CniError('CONFIG_PARSE', `failed to unmarshall CNI config: json: cannot unmarshal ${k} into Go value of type map[string]interface {}`);
  }
}

/**
 * Multus' overrideCNIConfigWithServerConfig on raw text. An empty daemon config leaves the request as
 * it is (Go: `len(overrideConf) == 0`).
 */
export function overrideRequestConfig(requestText: string, daemonRaw: string, ignoreReadinessIndicator: boolean): string {
  if (daemonRaw.length === 0) return requestText;
  checkRequest(requestText);
  const set = overrideSet(daemonRaw, ignoreReadinessIndicator);
  if (Object.keys(set).length === 0) return requestText;
  return spliceObject(requestText, set);
}

/**
 * The override as the daemon applies it: from the validated config, readiness ignored in auto mode
 * (cmd/multus-daemon: `ignoreReadinessIndicator = true` when multusConfigFile is auto). The splice set
 * is computed once.
 */
export function requestOverride(config: DaemonConfig): (requestText: string) => string {
  const set = overrideSet(config.raw, config.autoMode);
  const empty = Object.keys(set).length === 0;
  return (requestText) => {
    checkRequest(requestText);
    return empty ? requestText : spliceObject(requestText, set);
  };
}
