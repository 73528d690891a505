// scripts/build-shim.sh: a static binary with no ELF interpreter (it must run on any host libc), the
// arm64 one when the cross compiler is there, and a clear message when gcc is missing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { test } from 'node:test';
import { tempDir } from '../support/tmp.ts';
import { BUILD_SCRIPT, buildShim, hasCommand, ROOT, SHIM } from './helper.ts';

const skip = buildShim();

/** ELF64 little-endian: machine and whether a PT_INTERP (dynamic loader) program header exists. */
function elf(file: string): { machine: number; interp: boolean } {
  const b = readFileSync(file);
  assert.equal(b.subarray(0, 4).toString('latin1'), '\x7fELF');
  assert.equal(b[4], 2, 'ELF64');
  const phoff = Number(b.readBigUInt64LE(0x20));
  const phentsize = b.readUInt16LE(0x36);
  const phnum = b.readUInt16LE(0x38);
  let interp = false;
  for (let i = 0; i < phnum; i++) if (b.readUInt32LE(phoff + i * phentsize) === 3) interp = true;
  return { machine: b.readUInt16LE(0x12), interp };
}

test('dist/multus-shim is static and small', { skip }, () => {
  const e = elf(SHIM);
  assert.equal(e.interp, false, 'no dynamic loader');
  assert.equal(e.machine, process.arch === 'arm64' ? 183 : 62);
  assert.ok(statSync(SHIM).size < 2 << 20, `${statSync(SHIM).size} bytes`);
});

test('dist/multus-shim-arm64 is a static aarch64 binary', {
  skip: skip ?? (hasCommand('aarch64-linux-gnu-gcc') ? undefined : 'aarch64-linux-gnu-gcc is not installed (apt-get install gcc-aarch64-linux-gnu libc6-dev-arm64-cross)'),
}, () => {
  const r = spawnSync('bash', [BUILD_SCRIPT], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const arm = `${ROOT}/dist/multus-shim-arm64`;
  assert.deepEqual(elf(arm), { machine: 183, interp: false });
  if (hasCommand('qemu-aarch64-static')) {
    const v = spawnSync('qemu-aarch64-static', [arm, '-version'], { encoding: 'utf8' });
    assert.match(v.stdout, /^multus-shim: version:/);
  }
});

test('without gcc the script fails and says so', async (t) => {
  const emptyPath = tempDir(t, 'mts-shim-path-');
  const r = spawnSync('/bin/bash', [BUILD_SCRIPT], { encoding: 'utf8', env: { PATH: emptyPath } });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /gcc not found/);
});
