// The kubelet device manager's checkpoint file (multus.md §5, S117): Multus' fallback when the
// PodResources API cannot answer. Entries are keyed by pod UID:
//   {"Data":{"PodDeviceEntries":[{"PodUID":..,"ContainerName":..,"ResourceName":..,
//     "DeviceIDs":{"<NUMA node>":[ids…]},"AllocResp":..}],"RegisteredDevices":{..}},"Checksum":N}
// Kubelets before 1.20 wrote `DeviceIDs` as a plain list; both forms are read.
import { readFile } from 'node:fs/promises';
import { CniError, cniError } from '../../errors/catalogue.ts';
import type { PodInfo } from '../sources/types.ts';

export const DEFAULT_CHECKPOINT_FILE = '/var/lib/kubelet/device-plugins/kubelet_internal_checkpoint';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringList(v: unknown, what: string): string[] {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new Error(`${what} is not a list of strings`);
  return v;
}

/** An entry's device IDs: the NUMA lists concatenated in numeric node order (Go's map order is random). */
function deviceIds(v: unknown, at: string): string[] {
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) return stringList(v, `${at}.DeviceIDs`);
  if (!isObject(v)) throw new Error(`${at}.DeviceIDs is neither a map nor a list`);
  const nodes = Object.keys(v).sort((a, b) => Number(a) - Number(b));
  return nodes.flatMap((n) => stringList(v[n], `${at}.DeviceIDs["${n}"]`));
}

/** The checkpoint's text as resourceName → device IDs of the pod with `uid`. */
export function parseCheckpoint(text: string, uid: string): Map<string, string[]> {
  const doc: unknown = JSON.parse(text);
  if (!isObject(doc)) throw new Error('the checkpoint is not a JSON object');
  const data = doc.Data;
  if (!isObject(data)) throw new Error('the checkpoint has no "Data" object');
  const entries = data.PodDeviceEntries ?? [];
  if (!Array.isArray(entries)) throw new Error('Data.PodDeviceEntries is not a list');
  const out = new Map<string, string[]>();
  entries.forEach((e: unknown, i) => {
    const at = `Data.PodDeviceEntries[${i}]`;
    if (!isObject(e)) throw new Error(`${at} is not an object`);
    if (e.PodUID !== uid || typeof e.ResourceName !== 'string') return;
    const ids = deviceIds(e.DeviceIDs, at);
    out.set(e.ResourceName, [...(out.get(e.ResourceName) ?? []), ...ids]);
  });
  return out;
}

/** The pod's devices from the checkpoint file (matched by UID, which the pod must have). */
export async function checkpointResourceMap(pod: PodInfo, file = DEFAULT_CHECKPOINT_FILE): Promise<Map<string, string[]>> {
  if (!pod.uid) throw cniError('CONFIG_INVALID', `device checkpoint lookup needs the pod's UID (${pod.namespace}/${pod.name} has none)`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw cniError('CONFIG_IO', `error reading file ${file}: ${(e as Error).message}`);
  }
  try {
    return parseCheckpoint(text, pod.uid);
  } catch (e) {
    if (e instanceof CniError) throw e;
    throw cniError('CONFIG_PARSE', `error parsing the device checkpoint ${file}: ${(e as Error).message}`);
  }
}
