// Writing `<cniConfigDir>/00-multus.conf` (multus.md §2.4 "File").
// Multus truncates and rewrites the file in place (a runtime reading it mid-write sees a half file) and
// writes an EMPTY file when the primary cannot be read (#1155: node NotReady). Here the file is only
// ever replaced whole (temp file + fsync + rename, mode 0600), an empty text is refused, and a write
// whose content equals the file's is skipped (the file keeps its inode and mtime, so the runtime sees
// no change).
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { CniError } from '../../errors/catalogue.ts';
import { writeFileAtomic } from '../../util/atomic-write.ts';
import { MULTUS_CONF_NAME } from './primary.ts';

/** Multus' UserRWPermission. */
export const MULTUS_CONF_MODE = 0o600;

export function multusConfPath(cniConfigDir: string): string {
  return path.join(cniConfigDir, MULTUS_CONF_NAME);
}

async function currentText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CniError('CONFIG_IO', `cannot read ${file}: ${(e as Error).message}`);
  }
}

/**
 * Replace `file` with `content` atomically unless it already holds exactly that. Returns true when it
 * wrote. Never writes an empty file.
 */
export async function writeConfIfChanged(file: string, content: string, mode = MULTUS_CONF_MODE): Promise<boolean> {
  if (content.trim() === '') throw new CniError('INTERNAL', `refusing to write an empty ${file}`);
  if ((await currentText(file)) === content) return false;
  try {
    await writeFileAtomic(file, content, mode);
  } catch (e) {
    throw new CniError('CONFIG_IO', `failed to persist the multus configuration ${file}: ${(e as Error).message}`);
  }
  return true;
}

/** Remove 00-multus.conf (only when asked: `deleteConfigOnExit`, or the daemon's own decision). */
export async function removeMultusConf(cniConfigDir: string): Promise<boolean> {
  const file = multusConfPath(cniConfigDir);
  try {
    await rm(file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new CniError('CONFIG_IO', `cannot delete ${file}: ${(e as Error).message}`);
  }
}

/**
 * Non-auto mode (§2.3 step 4): copy the user's config into cniConfigDir under its own name. Multus
 * copies in place (os.Create + io.Copy); we replace the copy atomically (mode 0600) and only when its
 * content differs. An empty source is refused, as an empty 00-multus.conf is.
 */
export async function copyUserConfig(source: string, cniConfigDir: string): Promise<{ path: string; written: boolean }> {
  let text: string;
  try {
    text = await readFile(source, 'utf8');
  } catch (e) {
    throw new CniError('CONFIG_IO', `failed to open (READ only) file ${source}: ${(e as Error).message}`);
  }
  if (text.trim() === '') throw new CniError('CONFIG_INVALID', `${source} is empty; "multusConfigFile" must name a complete CNI config`);
  const dest = path.join(cniConfigDir, path.basename(source));
  if (path.resolve(dest) === path.resolve(source)) return { path: dest, written: false };
  return { path: dest, written: await writeConfIfChanged(dest, text) };
}
