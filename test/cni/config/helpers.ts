// Shared fixtures for the config tests: real temp dirs (removed after the test) and error matchers.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { CniError, type ErrorId } from '../../../src/errors/catalogue.ts';

/** A fresh directory holding `files` (relative path → content); removed when the test ends. */
export async function confDir(t: TestContext, files: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'multus-ts-conf-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(dir, rel);
    await mkdir(path.dirname(p), { recursive: true });
    await writeFile(p, content);
  }
  return dir;
}

/** assert.throws / assert.rejects matcher: a CniError with this id and exactly this message. */
export function cniErr(id: ErrorId, msg: string): (e: unknown) => boolean {
  return (e) => {
    if (!(e instanceof CniError)) throw new Error(`not a CniError: ${String(e)}`);
    if (e.id !== id || e.msg !== msg) throw new Error(`got ${e.id} ${JSON.stringify(e.msg)}, want ${id} ${JSON.stringify(msg)}`);
    return true;
  };
}

/** Like cniErr, but the message only has to start with `prefix`. */
export function cniErrPrefix(id: ErrorId, prefix: string): (e: unknown) => boolean {
  return (e) => {
    if (!(e instanceof CniError)) throw new Error(`not a CniError: ${String(e)}`);
    if (e.id !== id || !e.msg.startsWith(prefix)) throw new Error(`got ${e.id} ${JSON.stringify(e.msg)}, want ${id} ${JSON.stringify(prefix)}…`);
    return true;
  };
}
