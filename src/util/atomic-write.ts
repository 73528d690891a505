// Every file multus-ts writes is written atomically: a temp file in the same directory, fsync, rename,
// then fsync of the directory. A crash leaves either the old file or the new one, never a half file,
// and a reader never sees a partial write.
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';

/**
 * A temp name beside `path`: `.<name>.<12 hex>.tmp` (the pattern start-up recovery sweeps). The hex
 * only has to be unlikely to repeat — every temp file is created with O_EXCL, and a clash is retried —
 * so Math.random is enough; node:crypto would cost each thin-plugin start ~3 ms and the daemon ~1.5
 * MB of RSS just to name files.
 */
export function tempSibling(path: string): string {
  const hex = Math.floor(Math.random() * 2 ** 48).toString(16).padStart(12, '0');
  return join(dirname(path), `.${basename(path)}.${hex}.tmp`);
}

/** Opens a fresh temp file beside `path` (O_EXCL; a name clash is retried). */
async function openTemp(path: string, mode: number): Promise<{ tmp: string; fh: FileHandle }> {
  for (let attempt = 0; ; attempt++) {
    const tmp = tempSibling(path);
    try {
      return { tmp, fh: await open(tmp, 'wx', mode) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 5) throw e;
    }
  }
}

export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
  let tmp = '';
  let fh: FileHandle | undefined;
  try {
    ({ tmp, fh } = await openTemp(path, mode));
    await fh.writeFile(data);
    await fh.chmod(mode); // the umask must not widen or narrow what we asked for
    await fh.sync();
    await fh.close();
    fh = undefined;
    await rename(tmp, path);
  } catch (e) {
    await fh?.close().catch(() => {});
    if (tmp) await rm(tmp, { force: true }).catch(() => {});
    throw e;
  }
  await syncDir(dirname(path));
}

async function syncDir(dir: string): Promise<void> {
  const d = await open(dir, 'r');
  try {
    await d.sync();
  } finally {
    await d.close();
  }
}
