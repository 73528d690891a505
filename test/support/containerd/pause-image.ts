// The sandbox image, made here without any registry: a static C `pause` program (pause.c) in an OCI
// image layout tarball that `ctr images import` loads. Built once per process (node --test runs each
// file in its own process) into a temp dir that tmp.ts removes at exit.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { tempDir } from '../tmp.ts';
import { ustar } from './ustar.ts';

export const PAUSE_SOURCE = fileURLToPath(new URL('./pause.c', import.meta.url));

/**
 * The name CRI is told to use as sandbox_image. A `localhost/` registry: if the image were ever
 * missing, containerd's pull fails at once instead of reaching out to Docker Hub.
 */
export const PAUSE_IMAGE_REF = 'localhost/multus-ts/pause:v1';

const MT_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const MT_CONFIG = 'application/vnd.oci.image.config.v1+json';
const MT_LAYER = 'application/vnd.oci.image.layer.v1.tar+gzip';

export interface Descriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly platform?: { readonly architecture: string; readonly os: string };
}

export interface PauseImage {
  /** The OCI layout tarball for `ctr images import`. */
  readonly tarball: string;
  readonly ref: string;
  readonly manifest: Descriptor;
  readonly config: Descriptor;
  readonly layer: Descriptor;
  /** sha256 of the uncompressed layer (the config's rootfs.diff_ids entry). */
  readonly diffId: string;
}

export function sha256(b: Uint8Array): string {
  return `sha256:${createHash('sha256').update(b).digest('hex')}`;
}

/** GOARCH spelling of this machine's architecture, as image configs and platform matchers use it. */
export function ociArch(arch: string = process.arch): string {
  const map: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' };
  return map[arch] ?? arch;
}

// The creator's pid is in the name so that the dir of a SIGKILLed process (whose exit hook never ran)
// can be recognised and swept.
const CACHE_RE = /^mts-pause-(\d+)-[A-Za-z0-9]{6}$/;
let cacheDir: string | undefined;
function dir(): string {
  cacheDir ??= tempDir(undefined, `mts-pause-${process.pid}-`);
  return cacheDir;
}

/** Removes pause cache dirs of processes that died without their exit hook; returns them. */
export function sweepStalePauseDirs(isLive: (pid: number) => boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(tmpdir())) {
    const m = CACHE_RE.exec(name);
    if (!m || Number(m[1]) === process.pid || isLive(Number(m[1]))) continue;
    rmSync(join(tmpdir(), name), { recursive: true, force: true });
    out.push(join(tmpdir(), name));
  }
  return out;
}

let binary: string | undefined;

/** Compiles pause.c statically (the image has no libc); throws with gcc's message on failure. */
export function buildPauseBinary(): string {
  if (binary) return binary;
  const out = join(dir(), 'pause');
  try {
    execFileSync('gcc', ['-static', '-Os', '-s', '-o', out, PAUSE_SOURCE], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string };
    throw new Error(`gcc -static pause.c failed: ${err.stderr?.toString().trim() || err.message}`, { cause: e });
  }
  binary = out;
  return out;
}

/**
 * Lays out an OCI image with `files` as its only layer and returns the tarball's bytes plus the
 * descriptors. Both name annotations are set: containerd uses `io.containerd.image.name` verbatim,
 * while the OCI `ref.name` alone would get ctr's `import-<date>` prefix.
 */
export function ociImageTarball(
  ref: string,
  files: readonly { name: string; data: Uint8Array; mode?: number }[],
  entrypoint: readonly string[],
): Omit<PauseImage, 'tarball'> & { bytes: Buffer } {
  const layerTar = ustar(files);
  const layerGz = gzipSync(layerTar);
  const diffId = sha256(layerTar);
  const arch = ociArch();
  const config = Buffer.from(JSON.stringify({
    architecture: arch,
    os: 'linux',
    config: { Entrypoint: [...entrypoint], WorkingDir: '/' },
    rootfs: { type: 'layers', diff_ids: [diffId] },
    history: [{ created_by: 'multus-ts test support (pause-image.ts)' }],
  }));
  const configDesc: Descriptor = { mediaType: MT_CONFIG, digest: sha256(config), size: config.length };
  const layerDesc: Descriptor = { mediaType: MT_LAYER, digest: sha256(layerGz), size: layerGz.length };
  const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MT_MANIFEST, config: configDesc, layers: [layerDesc] }));
  const tag = ref.slice(ref.lastIndexOf(':') + 1);
  const manifestDesc: Descriptor = {
    mediaType: MT_MANIFEST, digest: sha256(manifest), size: manifest.length,
    annotations: { 'io.containerd.image.name': ref, 'org.opencontainers.image.ref.name': tag },
    platform: { architecture: arch, os: 'linux' },
  };
  const index = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [manifestDesc] }));
  const blob = (d: Descriptor, data: Buffer) => ({ name: `blobs/sha256/${d.digest.slice('sha256:'.length)}`, data });
  const bytes = ustar([
    { name: 'oci-layout', data: Buffer.from(JSON.stringify({ imageLayoutVersion: '1.0.0' })) },
    { name: 'index.json', data: index },
    { name: 'blobs/' },
    { name: 'blobs/sha256/' },
    blob(manifestDesc, manifest),
    blob(configDesc, config),
    blob(layerDesc, layerGz),
  ]);
  return { bytes, ref, manifest: manifestDesc, config: configDesc, layer: layerDesc, diffId };
}

let image: PauseImage | undefined;

/** The pause image tarball (built on first use, then cached for the process). */
export function pauseImage(): PauseImage {
  if (image) return image;
  const bin = readFileSync(buildPauseBinary());
  const { bytes, ...rest } = ociImageTarball(PAUSE_IMAGE_REF, [{ name: 'pause', data: bin, mode: 0o755 }], ['/pause']);
  const tarball = join(dir(), 'pause-oci.tar');
  writeFileSync(tarball, bytes);
  image = { tarball, ...rest };
  return image;
}
