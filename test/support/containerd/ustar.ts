// A minimal POSIX ustar writer: enough for an OCI image layout and its one layer (regular files and
// directories, names under 100 bytes, root-owned, fixed mtime so the same input gives the same bytes
// and therefore the same digests on every run).

export interface TarEntry {
  /** Path inside the archive, without a leading slash; directories end with '/'. */
  readonly name: string;
  /** File content; absent for a directory. */
  readonly data?: Uint8Array;
  readonly mode?: number;
}

const BLOCK = 512;

function octal(value: number, width: number): string {
  // width - 1 digits and a NUL: the classic layout every tar reader accepts
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function header(entry: TarEntry, size: number): Buffer {
  const h = Buffer.alloc(BLOCK, 0);
  const isDir = entry.data === undefined;
  const name = Buffer.from(entry.name, 'utf8');
  if (name.length > 100) throw new Error(`ustar: name longer than 100 bytes: ${entry.name}`);
  name.copy(h, 0);
  h.write(octal(entry.mode ?? (isDir ? 0o755 : 0o644), 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii'); // uid
  h.write(octal(0, 8), 116, 'ascii'); // gid
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(0, 12), 136, 'ascii'); // mtime: the epoch, for reproducible digests
  h.write('        ', 148, 'ascii'); // checksum field counts as spaces while summing
  h.write(isDir ? '5' : '0', 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  h.write('root', 265, 'ascii');
  h.write('root', 297, 'ascii');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
  return h;
}

/** The archive's bytes: each entry's header and data padded to 512, then two zero blocks. */
export function ustar(entries: readonly TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const size = e.data?.length ?? 0;
    parts.push(header(e, size));
    if (e.data && size > 0) {
      parts.push(Buffer.from(e.data));
      const pad = (BLOCK - (size % BLOCK)) % BLOCK;
      if (pad) parts.push(Buffer.alloc(pad, 0));
    }
  }
  parts.push(Buffer.alloc(2 * BLOCK, 0));
  return Buffer.concat(parts);
}
