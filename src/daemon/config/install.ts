// The DaemonSet init-container step (multus.md §1.2 `install_multus`, §2.9, §7.1 #1221): put the shim
// (or any binary) into the host's CNI bin dir.
// Multus 4.2.0–4.2.2 used `cp`: after a reboot the runtime is already executing the old multus-shim
// (blocked waiting for the daemon), so opening it for writing fails with "Text file busy", the init
// container fails and the daemon never starts — a deadlock. Replacing the directory entry instead of
// the file's content works whatever the target is doing: copy to a temp file IN THE DESTINATION DIR
// (so the rename stays on one filesystem), give it the source's mode, fsync, rename over the target,
// fsync the directory. A running old binary keeps its inode; the next exec gets the new one. A
// read-only target is replaced too (rename needs write permission on the directory, not the file).
import { constants } from 'node:fs';
import { chmod, copyFile, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { CniError } from '../../errors/catalogue.ts';
import { tempSibling } from '../../util/atomic-write.ts';

async function fsync(p: string, flags: string): Promise<void> {
  const fh = await open(p, flags);
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Atomically install `source` as `<destDir>/<name>` (default: the source's base name). Returns the path. */
export async function installBinary(source: string, destDir: string, name = path.basename(source)): Promise<string> {
  if (name === '' || name.includes('/') || name === '.' || name === '..') {
    throw new CniError('CONFIG_INVALID', `invalid install name ${JSON.stringify(name)}: give a plain file name`);
  }
  let mode: number;
  try {
    const st = await stat(source);
    if (!st.isFile()) throw new Error('not a regular file');
    mode = st.mode & 0o7777;
  } catch (e) {
    throw new CniError('CONFIG_IO', `cannot install ${source}: ${(e as Error).message}`);
  }
  const dest = path.join(destDir, name);
  const tmp = tempSibling(dest); // copyFile with COPYFILE_EXCL never reuses an existing one
  try {
    await copyFile(source, tmp, constants.COPYFILE_EXCL);
    await chmod(tmp, mode); // copyFile keeps the mode minus the umask; the source's mode is wanted
    await fsync(tmp, 'r');
    await rename(tmp, dest);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => {});
    throw new CniError('CONFIG_IO', `failed to install ${source} as ${dest}: ${(e as Error).message}`);
  }
  try {
    await fsync(destDir, 'r');
  } catch {
    // the rename is done; a directory that cannot be fsynced (some filesystems) is not a failure
  }
  return dest;
}

export interface InstallCommandIo {
  readonly stdout: (line: string) => void;
  readonly stderr: (line: string) => void;
}

export const INSTALL_USAGE = `usage: install -d <dest-dir> [-n <name>] <file>...
  Copy each file into <dest-dir> atomically (temp file + fsync + rename), overwriting a busy or
  read-only target, keeping the source's mode. -n renames a single file.
  -d, --dest-dir   destination directory (e.g. /host/opt/cni/bin)
  -n, --name       installed file name (only with one file)
  -h, --help       this text`;

/**
 * The CLI verb (wired into a binary by the caller): `install -d DIR [-n NAME] FILE...`.
 * Exit codes: 0 done, 1 a copy failed, 2 usage error.
 */
export async function runInstallCommand(argv: readonly string[], io: InstallCommandIo): Promise<number> {
  let destDir: string | undefined;
  let name: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string | undefined => {
      const eq = a.indexOf('=');
      if (a.startsWith('--') && eq > 0) return a.slice(eq + 1);
      i++;
      return argv[i];
    };
    if (a === '-h' || a === '--help') {
      io.stdout(INSTALL_USAGE);
      return 0;
    } else if (a === '-d' || a === '--dest-dir' || a.startsWith('--dest-dir=')) {
      destDir = value();
    } else if (a === '-n' || a === '--name' || a.startsWith('--name=')) {
      name = value();
    } else if (a.startsWith('-') && a !== '-') {
      io.stderr(`install: unknown option ${a}\n${INSTALL_USAGE}`);
      return 2;
    } else {
      files.push(a);
    }
  }
  if (!destDir) {
    io.stderr(`install: --dest-dir is missing\n${INSTALL_USAGE}`);
    return 2;
  }
  if (files.length === 0) {
    io.stderr(`install: no file to install\n${INSTALL_USAGE}`);
    return 2;
  }
  if (name !== undefined && files.length !== 1) {
    io.stderr(`install: --name needs exactly one file\n${INSTALL_USAGE}`);
    return 2;
  }
  for (const f of files) {
    try {
      const dest = await installBinary(f, destDir, name ?? path.basename(f));
      io.stdout(`installed ${f} as ${dest}`);
    } catch (e) {
      io.stderr(`install: ${(e as Error).message}`);
      return 1;
    }
  }
  return 0;
}
