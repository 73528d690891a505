// Temp dirs that cannot outlive the test that made them: removed in the test's after() hook, and on
// process exit for anything made outside a test context (or left behind by a test that crashed).
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface AfterHost {
  after(fn: () => unknown): void;
}

const live = new Set<string>();
let exitHookInstalled = false;

function removeNow(dir: string): void {
  live.delete(dir);
  rmSync(dir, { recursive: true, force: true });
}

/** A fresh directory under the OS temp dir (prefix `mts-`), removed after `t` (or at exit). */
export function tempDir(t?: AfterHost, prefix = 'mts-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  live.add(dir);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const d of [...live]) removeNow(d);
    });
  }
  t?.after(() => removeNow(dir));
  return dir;
}

/** Writes `<dir>/<name>` with `text` and `mode` (default executable) and returns its path. */
export function writeExecutable(dir: string, name: string, text: string, mode = 0o755): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  chmodSync(p, mode); // writeFileSync's mode is filtered by the umask
  return p;
}
