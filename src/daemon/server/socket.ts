// The daemon's unix socket, made safe: the directory is ours and 0700, the socket 0600, and a path we
// do not own is refused (another process's socket or a planted file must never be replaced or used).
import { chmod, lstat, mkdir, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { cniError } from '../../errors/catalogue.ts';

export const SOCKET_NAME = 'multus.sock';

export async function prepareSocketPath(socketPath: string): Promise<void> {
  const dir = dirname(socketPath);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const uid = process.getuid?.() ?? 0;
  const d = await lstat(dir);
  if (!d.isDirectory()) throw cniError('CONFIG_INVALID', `socketDir ${dir} is not a directory`);
  if (d.uid !== uid) throw cniError('CONFIG_INVALID', `refusing socketDir ${dir}: owned by uid ${d.uid}, not by us (uid ${uid})`);
  await chmod(dir, 0o700);
  try {
    const s = await lstat(socketPath);
    if (!s.isSocket()) throw cniError('CONFIG_INVALID', `refusing ${socketPath}: it exists and is not a socket; remove it if it is stale`);
    if (s.uid !== uid) throw cniError('CONFIG_INVALID', `refusing ${socketPath}: a socket owned by uid ${s.uid}, not by us`);
    await unlink(socketPath); // our own stale socket from a previous run
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

export async function lockDownSocket(socketPath: string): Promise<void> {
  await chmod(socketPath, 0o600);
}
