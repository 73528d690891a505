// A log file with Multus' rotation options (lumberjack's: maxSize MB, maxBackups, maxAge days,
// compress). Writes are synchronous appends so a short-lived thin-plugin process never loses its
// last lines; when the file would grow past maxSize it is renamed `<file>.<timestamp>` (gzip'd when
// compress), and backups beyond maxBackups or older than maxAge are removed. Failures to write or
// rotate never fail the caller: logging must not break a CNI call.
import { appendFileSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface RotationOptions {
  /** Megabytes before rotation (default 100). */
  readonly maxSize?: number;
  /** Rotated files kept (default 5; 0 = keep all). */
  readonly maxBackups?: number;
  /** Days a rotated file is kept (default 5; 0 = forever). */
  readonly maxAge?: number;
  /** gzip rotated files (default true). */
  readonly compress?: boolean;
}

export class RotatingFile {
  readonly path: string;
  readonly #maxBytes: number;
  readonly #maxBackups: number;
  readonly #maxAgeMs: number;
  readonly #compress: boolean;
  #size: number | undefined;

  constructor(path: string, o: RotationOptions = {}) {
    this.path = path;
    this.#maxBytes = (o.maxSize ?? 100) * 1024 * 1024;
    this.#maxBackups = o.maxBackups ?? 5;
    this.#maxAgeMs = (o.maxAge ?? 5) * 86_400_000;
    this.#compress = o.compress ?? true;
  }

  write(line: string): void {
    try {
      this.#size ??= (() => {
        try {
          return statSync(this.path).size;
        } catch {
          return 0;
        }
      })();
      const n = Buffer.byteLength(line);
      if (this.#size > 0 && this.#size + n > this.#maxBytes) this.#rotate();
      appendFileSync(this.path, line);
      this.#size += n;
    } catch {
      // see the header: never fail the caller
    }
  }

  #rotate(): void {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const rotated = `${this.path}.${stamp}`;
    renameSync(this.path, rotated);
    this.#size = 0;
    if (this.#compress) {
      // zlib only when a rotation compresses: loading it costs every process start ~1.5 ms
      writeFileSync(`${rotated}.gz`, process.getBuiltinModule('node:zlib').gzipSync(readFileSync(rotated)));
      rmSync(rotated);
    }
    const prefix = `${basename(this.path)}.`;
    const dir = dirname(this.path);
    const backups = readdirSync(dir).filter((f) => f.startsWith(prefix)).sort().reverse();
    const now = Date.now();
    backups.forEach((f, i) => {
      const p = join(dir, f);
      const tooMany = this.#maxBackups > 0 && i >= this.#maxBackups;
      const tooOld = this.#maxAgeMs > 0 && now - statSync(p).mtimeMs > this.#maxAgeMs;
      if (tooMany || tooOld) rmSync(p, { force: true });
    });
  }
}
