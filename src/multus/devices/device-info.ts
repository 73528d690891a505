// Device-info files (NPWG device-info spec v1.1, cni.md §3.6, multus.md §5). A device plugin writes
// `dp/<resource>-<device>-device.json`; Multus copies it to the attachment's CNI file
// `cni/<delegate>-<container>_<ifname>` before the delegate's ADD, the plugin may rewrite it (or write
// it itself, without any device: #1222), and after ADD the file becomes the network-status
// `device-info`. DEL removes the CNI file; the DP file belongs to the device plugin.
// Contents pass through the NAD client's DeviceInfo struct in Go Multus (decode, re-encode), so we do
// the same: known keys only, in the struct's order, empty strings left out, Go's decoding rules.
import { readFileSync, unlinkSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { goJsonSyntaxError } from '../../cni/exec/go-json.ts';
import { CniError } from '../../errors/catalogue.ts';
import type { Logger } from '../../util/logger.ts';
import { decodeFields, goObject, goString, type GoCtx } from '../go-decode.ts';

export const DEVICE_INFO_BASE_DIR = '/var/run/k8s.cni.cncf.io/devinfo';
export const DP_DEVICE_INFO_DIR = `${DEVICE_INFO_BASE_DIR}/dp`;

export type DeviceInfo = Readonly<Record<string, unknown>>;

/** The device plugin's file of one device; every `/` of either name becomes `-`. */
export function dpDeviceInfoPath(resourceName: string, deviceId: string, dir = DP_DEVICE_INFO_DIR): string {
  return `${dir}/${resourceName.replaceAll('/', '-')}-${deviceId.replaceAll('/', '-')}-device.json`;
}

// The NAD client's sub-structs, fields in declaration order (all `string,omitempty`).
const SUBMAPS: ReadonlyArray<readonly [key: string, struct: string, fields: readonly string[]]> = [
  ['pci', 'PciDevice', ['pci-address', 'vhost-net', 'rdma-device', 'pf-pci-address', 'representor-device']],
  ['vdpa', 'VdpaDevice', ['parent-device', 'driver', 'path', 'pci-address', 'pf-pci-address', 'representor-device']],
  ['vhost-user', 'VhostDevice', ['mode', 'path']],
  ['memif', 'MemifDevice', ['role', 'path', 'mode']],
];

function decodeSubmap(raw: string, ctx: GoCtx, struct: string, fields: readonly string[]): Record<string, string> | undefined {
  const text = goObject(raw, ctx, `*v1.${struct}`);
  if (text === null) return undefined;
  const got: Record<string, string> = {};
  decodeFields(text, { struct, path: ctx.path }, Object.fromEntries(fields.map((f) => [f, (r: string, c: GoCtx) => {
    const s = goString(r, c);
    if (s !== undefined) got[f] = s;
  }])));
  const out: Record<string, string> = {};
  for (const f of fields) if (got[f]) out[f] = got[f];
  return out;
}

/**
 * A device-info document as the NAD client re-encodes it: `type`, `version` (always present), then
 * the sub-maps that are set, in the struct's order. Throws Go's decoding error for a bad document.
 */
export function normaliseDeviceInfo(text: string): DeviceInfo {
  const syntax = goJsonSyntaxError(text);
  if (syntax !== undefined) throw new CniError('CONFIG_PARSE', syntax);
  const t = text.trim();
  const obj = goObject(t, { struct: '', path: '' }, 'v1.DeviceInfo');
  if (obj === null) throw new CniError('CONFIG_PARSE', 'Device Information is null');
  let type = '';
  let version = '';
  const subs = new Map<string, Record<string, string> | undefined>();
  const at: GoCtx = { struct: 'DeviceInfo', path: '' };
  decodeFields(obj, at, {
    type: (r, c) => void (type = goString(r, c) ?? type),
    version: (r, c) => void (version = goString(r, c) ?? version),
    ...Object.fromEntries(SUBMAPS.map(([key, struct, fields]) => [key, (r: string, c: GoCtx) => void subs.set(key, decodeSubmap(r, c, struct, fields))])),
  });
  const out: Record<string, unknown> = { type, version };
  for (const [key] of SUBMAPS) {
    const s = subs.get(key);
    if (s) out[key] = s;
  }
  return out;
}

function errnoCode(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException).code;
}

/**
 * Before a delegate's ADD: the device plugin's file of (resourceName, deviceId) copied to `cniFile`
 * (mode 0444, never over an existing file, as the NAD client's SaveDeviceInfoForCNI). Never fails the
 * ADD (Multus ignores these errors): the result says what happened, for the log.
 */
export async function copyDpDeviceInfo(resourceName: string, deviceId: string, cniFile: string, dpDir = DP_DEVICE_INFO_DIR): Promise<{ readonly copied: boolean; readonly note: string }> {
  const dp = dpDeviceInfoPath(resourceName, deviceId, dpDir);
  let text: string;
  try {
    text = await readFile(dp, 'utf8');
  } catch (e) {
    return { copied: false, note: errnoCode(e) === 'ENOENT' ? `the device plugin of ${resourceName} wrote no ${dp}` : `cannot read ${dp}: ${(e as Error).message}` };
  }
  let info: DeviceInfo;
  try {
    info = normaliseDeviceInfo(text);
  } catch (e) {
    return { copied: false, note: `${dp} is not device-info: ${(e as Error).message}` };
  }
  try {
    await mkdir(dirname(cniFile), { recursive: true, mode: 0o755 });
    await writeFile(cniFile, JSON.stringify(info), { flag: 'wx', mode: 0o444 });
  } catch (e) {
    return { copied: false, note: errnoCode(e) === 'EEXIST' ? `Device Information file already exists: ${cniFile}` : `cannot write ${cniFile}: ${(e as Error).message}` };
  }
  return { copied: true, note: `copied from ${dp}` };
}

/** After ADD: the attachment's device-info, or why there is none (no file, not device-info). */
export async function readCniDeviceInfo(cniFile: string): Promise<{ readonly info: DeviceInfo } | { readonly why: string }> {
  let text: string;
  try {
    text = readFileSync(cniFile, 'utf8');
  } catch (e) {
    return { why: errnoCode(e) === 'ENOENT' ? `no ${cniFile} (a plugin gets this path only if it declares the CNIDeviceInfoFile capability)` : `cannot read ${cniFile}: ${(e as Error).message}` };
  }
  try {
    return { info: normaliseDeviceInfo(text) };
  } catch (e) {
    return { why: `${cniFile} is not device-info: ${(e as Error).message}` };
  }
}

/**
 * DEL / rollback: the attachment's CNI file removed; a missing file is fine. Best effort: a file that
 * cannot be removed is logged, never a failed DEL.
 */
export async function removeCniDeviceInfo(cniFile: string, log?: Logger): Promise<void> {
  try {
    unlinkSync(cniFile);
  } catch (e) {
    if (errnoCode(e) !== 'ENOENT') log?.error('cannot remove the device-info file', { file: cniFile, error: (e as Error).message });
  }
}
