// The sandbox image we make ourselves: a well-formed OCI layout (every digest and size right, or
// containerd's import refuses it) around a static pause program that stops on SIGTERM/SIGINT.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { tempDir } from '../support/tmp.ts';
import { buildPauseBinary, ociArch, pauseImage, sha256 } from '../support/containerd/pause-image.ts';
import { ustar } from '../support/containerd/ustar.ts';
import { findBinary } from '../support/containerd/containerd.ts';

function skipUnlessGcc(t: { skip(m: string): void }): boolean {
  if (findBinary('gcc')) return false;
  t.skip('gcc is not installed (apt-get install -y gcc libc6-dev)');
  return true;
}

test('ustar output is read back by GNU tar, names, modes and contents intact', (t) => {
  const dir = tempDir(t);
  const big = Buffer.alloc(1500, 7);
  writeFileSync(join(dir, 'a.tar'), ustar([{ name: 'd/' }, { name: 'd/x', data: Buffer.from('hello'), mode: 0o755 }, { name: 'big', data: big }]));
  assert.equal(execFileSync('tar', ['-tvf', join(dir, 'a.tar')], { encoding: 'utf8' }).split('\n').filter(Boolean).length, 3);
  execFileSync('tar', ['-xf', join(dir, 'a.tar'), '-C', dir]);
  assert.equal(readFileSync(join(dir, 'd/x'), 'utf8'), 'hello');
  assert.equal(statSync(join(dir, 'd/x')).mode & 0o777, 0o755);
  assert.deepEqual(readFileSync(join(dir, 'big')), big);
});

/** The ELF program header types of a 64-bit little-endian executable. */
function programHeaderTypes(elf: Buffer): number[] {
  assert.equal(elf.subarray(0, 4).toString('latin1'), '\x7fELF');
  assert.equal(elf[4], 2, '64-bit');
  const phoff = Number(elf.readBigUInt64LE(0x20));
  const phentsize = elf.readUInt16LE(0x36);
  const phnum = elf.readUInt16LE(0x38);
  return Array.from({ length: phnum }, (_, i) => elf.readUInt32LE(phoff + i * phentsize));
}

test('the pause image is a valid OCI layout: digests, sizes, diff_id, platform, name', (t) => {
  if (skipUnlessGcc(t)) return;
  const img = pauseImage();
  assert.equal(pauseImage(), img, 'cached per process');
  const dir = tempDir(t);
  execFileSync('tar', ['-xf', img.tarball, '-C', dir]);
  assert.deepEqual(JSON.parse(readFileSync(join(dir, 'oci-layout'), 'utf8')), { imageLayoutVersion: '1.0.0' });
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
  assert.equal(index.manifests.length, 1);
  assert.deepEqual(index.manifests[0], img.manifest);
  assert.equal(img.manifest.annotations?.['io.containerd.image.name'], img.ref);
  const blob = (digest: string) => readFileSync(join(dir, 'blobs/sha256', digest.slice(7)));
  for (const d of [img.manifest, img.config, img.layer]) {
    const b = blob(d.digest);
    assert.equal(sha256(b), d.digest);
    assert.equal(b.length, d.size);
  }
  const manifest = JSON.parse(blob(img.manifest.digest).toString());
  assert.deepEqual(manifest.config, img.config);
  assert.deepEqual(manifest.layers, [img.layer]);
  const config = JSON.parse(blob(img.config.digest).toString());
  assert.equal(config.architecture, ociArch());
  assert.equal(config.os, 'linux');
  assert.deepEqual(config.config.Entrypoint, ['/pause']);
  const layerTar = gunzipSync(blob(img.layer.digest));
  assert.deepEqual(config.rootfs.diff_ids, [sha256(layerTar)]);
  const listing = execFileSync('tar', ['-tvf', '-'], { input: layerTar, encoding: 'utf8' });
  assert.match(listing, /^-rwxr-xr-x root\/root .* pause$/m);
});

test('pause is static and runs until SIGTERM or SIGINT, then exits 0', async (t) => {
  if (skipUnlessGcc(t)) return;
  const bin = buildPauseBinary();
  // static: no program interpreter, so it runs in an image without libc
  const PT_INTERP = 3;
  assert.ok(!programHeaderTypes(readFileSync(bin)).includes(PT_INTERP));
  for (const sig of ['SIGTERM', 'SIGINT'] as const) {
    const child = spawn(bin, [], { stdio: 'ignore' });
    const ended = new Promise<[number | null, string | null]>((r) => child.on('exit', (code, s) => r([code, s])));
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(child.exitCode, null, 'still running before the signal');
    child.kill(sig);
    assert.deepEqual(await ended, [0, null], `${sig}: exits 0 from its handler`);
  }
});
