// Which file is the node's primary ("master") CNI config (multus.md §2.4 "Primary selection").
//  - `multusMasterCNI` set: that file of `multusAutoconfigDir`, whatever else appears there. This is the
//    Amazon VPC CNI case: istio-cni's `05-istio.conflist` sorts before `10-aws.conflist` and must never
//    become the primary.
//  - otherwise ("auto"): the first `.conf`/`.conflist` file (NOT `.json`) of `multusAutoconfigDir` in
//    byte order whose name does not start with `00-multus` (our own output, and Multus').
// Deviation: directories are skipped (Multus also counts a directory named like `x.conf` and then fails
// to read it). Waiting for a primary to appear (Multus: 120 × 1 s at start) is the caller's loop; these
// functions only look once.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { confFiles } from '../../cni/config/index.ts';
import { CniError } from '../../errors/catalogue.ts';
import type { DaemonConfig } from './daemon-config.ts';

export const MULTUS_CONF_NAME = '00-multus.conf';
/** Names starting with this are never a primary (Multus' findMasterPlugin). */
export const OWN_PREFIX = '00-multus';
export const PRIMARY_EXTENSIONS = ['.conf', '.conflist'] as const;

/** The auto-selected primary's full path, or undefined when the directory holds none (or is missing). */
export async function findPrimaryConfig(dir: string): Promise<string | undefined> {
  // confFiles: regular files (not directories) with that last extension, in byte order; a missing
  // directory is an empty one. A directory that cannot be listed is an error (CONFIG_IO).
  const files = await confFiles(dir, PRIMARY_EXTENSIONS);
  return files.find((f) => !path.basename(f).startsWith(OWN_PREFIX));
}

export type PrimarySelection = Pick<DaemonConfig, 'multusAutoconfigDir' | 'multusMasterCNI'>;

/**
 * The primary as configured: the named file when `multusMasterCNI` is set (undefined while it does not
 * exist as a file — the caller waits for it, as for an auto-selected one), else the auto-selected file.
 */
export async function selectPrimaryConfig(config: PrimarySelection): Promise<string | undefined> {
  if (config.multusMasterCNI === '') return findPrimaryConfig(config.multusAutoconfigDir);
  const file = path.join(config.multusAutoconfigDir, config.multusMasterCNI);
  try {
    return (await stat(file)).isFile() ? file : undefined;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new CniError('CONFIG_IO', `cannot check the primary CNI config ${file}: ${(e as Error).message}`);
  }
}

/** Multus' start-up failure text once the wait for a primary gives up (§2.4). */
export function noPrimaryMessage(config: PrimarySelection): string {
  if (config.multusMasterCNI !== '') {
    return `failed to find the cluster master CNI plugin: ${path.join(config.multusAutoconfigDir, config.multusMasterCNI)} (multusMasterCNI) does not exist`;
  }
  return `failed to find the cluster master CNI plugin: could not find a plugin configuration in ${config.multusAutoconfigDir}`;
}
