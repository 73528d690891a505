// Every file multus-ts writes is written atomically: a temp file in the same directory, fsync, rename,
// then fsync of the directory. A crash leaves either the old file or the new one, never a half file,
// and a reader never sees a partial write.
//
// The small steps (open, write, chmod, close, rename) are synchronous and only the two fsyncs go
// through the threadpool: on a local filesystem those steps take microseconds, while each
// fs/promises round trip costs the daemon ~60 µs of CPU — three of these writes per pod made them a
// quarter of its CPU in a burst (bench/thick.ts "daemon CPU per pod"). An fsync can take
// milliseconds, so it must not block the event loop.
import { closeSync, fchmodSync, fsync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { dirname, basename, join } from 'node:path';

const fsyncAsync = promisify(fsync);

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
function openTemp(path: string, mode: number): { tmp: string; fd: number } {
  for (let attempt = 0; ; attempt++) {
    const tmp = tempSibling(path);
    try {
      return { tmp, fd: openSync(tmp, 'wx', mode) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 5) throw e;
    }
  }
}

export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
  let tmp = '';
  let fd: number | undefined;
  try {
    ({ tmp, fd } = openTemp(path, mode));
    writeFileSync(fd, data);
    fchmodSync(fd, mode); // the umask must not widen or narrow what we asked for
    await fsyncAsync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (e) {
    if (fd !== undefined) try { closeSync(fd); } catch { /* already closed */ }
    if (tmp) try { rmSync(tmp, { force: true }); } catch { /* the first error is the one to report */ }
    throw e;
  }
  await syncDir(dirname(path));
}

async function syncDir(dir: string): Promise<void> {
  const fd = openSync(dir, 'r');
  try {
    await fsyncAsync(fd);
  } finally {
    closeSync(fd);
  }
}
