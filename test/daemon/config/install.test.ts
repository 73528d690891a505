// The init-container install (§1.2 install_multus, #1221): temp file in the destination dir, fsync,
// rename over the target — works on a busy (running) or read-only target; the source's mode is kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, closeSync, copyFileSync, openSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { installBinary, runInstallCommand } from '../../../src/daemon/config/install.ts';
import { put, tempDir } from './helpers.ts';

test('a running target (ETXTBSY for cp) is replaced; the running process keeps the old inode', async (t) => {
  const bin = tempDir(t);
  const target = path.join(bin, 'multus-shim');
  copyFileSync('/bin/sleep', target);
  chmodSync(target, 0o755);
  const child = spawn(target, ['30'], { stdio: 'ignore' });
  t.after(() => child.kill('SIGKILL'));
  await once(child, 'spawn');
  // what `cp` does — open the busy file for writing — fails
  assert.throws(() => closeSync(openSync(target, 'w')), { code: 'ETXTBSY' });
  const src = tempDir(t);
  const shim = put(src, 'multus-shim', '#!/bin/sh\necho new shim\n');
  chmodSync(shim, 0o755);
  assert.equal(await installBinary(shim, bin), target);
  assert.equal(readFileSync(target, 'utf8'), '#!/bin/sh\necho new shim\n');
  assert.equal(child.exitCode, null, 'the old binary still runs');
  assert.deepEqual(readdirSync(bin), ['multus-shim'], 'no temp file left');
});

test('a read-only target is overwritten and the mode copied from the source', async (t) => {
  const bin = tempDir(t);
  const target = put(bin, 'passthru', 'old');
  chmodSync(target, 0o444);
  const src = tempDir(t);
  const file = put(src, 'passthru', 'new');
  chmodSync(file, 0o750);
  await installBinary(file, bin);
  assert.equal(readFileSync(target, 'utf8'), 'new');
  assert.equal(statSync(target).mode & 0o7777, 0o750);
});

test('a failed install leaves the target and no temp file', async (t) => {
  const bin = tempDir(t);
  put(bin, 'multus-shim', 'old');
  await assert.rejects(installBinary(path.join(bin, 'nope'), bin), /cannot install/);
  await assert.rejects(installBinary('/bin/sh', path.join(bin, 'missing-dir')), /failed to install/);
  assert.deepEqual(readdirSync(bin), ['multus-shim']);
  assert.equal(readFileSync(path.join(bin, 'multus-shim'), 'utf8'), 'old');
});

test('the CLI verb: -d DIR [-n NAME] FILE...; usage errors exit 2, copy failures 1', async (t) => {
  const bin = tempDir(t);
  const src = tempDir(t);
  const a = put(src, 'multus-shim', 'A');
  const b = put(src, 'passthru', 'B');
  const out: string[] = [];
  const err: string[] = [];
  const io = { stdout: (l: string) => void out.push(l), stderr: (l: string) => void err.push(l) };
  assert.equal(await runInstallCommand(['-d', bin, a, b], io), 0);
  assert.equal(readFileSync(path.join(bin, 'passthru'), 'utf8'), 'B');
  assert.equal(await runInstallCommand([`--dest-dir=${bin}`, '-n', 'shim2', a], io), 0);
  assert.equal(readFileSync(path.join(bin, 'shim2'), 'utf8'), 'A');
  assert.equal(out.length, 3);
  assert.equal(await runInstallCommand([a], io), 2);
  assert.match(err.at(-1) ?? '', /--dest-dir is missing/);
  assert.equal(await runInstallCommand(['-d', bin], io), 2);
  assert.equal(await runInstallCommand(['-d', bin, '-n', 'x', a, b], io), 2);
  assert.equal(await runInstallCommand(['-x'], io), 2);
  assert.equal(await runInstallCommand(['-d', bin, path.join(src, 'missing')], io), 1);
  assert.equal(await runInstallCommand(['-h'], io), 0);
});
