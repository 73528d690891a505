// The esbuild options every shipped bundle shares (scripts/build.ts, scripts/build-sea.ts).
import type { BuildOptions } from 'esbuild';

export const BASE_OPTIONS: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'cjs',
  minify: true,
  // top-level await is not allowed in CJS: esbuild reports it, so entries wrap their work in main()
  logLevel: 'warning',
};

/**
 * Left out of the entry bundles, each for its own reason:
 *  - client-node is only for kubeconfigs with exec/auth-provider credentials, loaded on demand:
 *    bundling it would put 3 MB on every thin-plugin start. Where it is not installed, such a
 *    kubeconfig gets a clear K8S_CONFIG error naming the user entry.
 *  - grpc-js (with protobufjs, ~400 KB minified) is only for pods with devices (the kubelet
 *    PodResources API). Inlined, its source stays in memory in every daemon and is read by every
 *    thin-plugin start; it ships instead as its own bundle in dist/node_modules (below), which Node's
 *    resolution finds from dist/*.cjs the first time a device lookup imports it.
 */
export const EXTERNAL = ['@kubernetes/client-node', '@grpc/grpc-js'];

/** The lazily imported chunks: package → its directory under the output dir (a package.json there
 * says CommonJS, whatever the package.json above says, and names the bundle as main). */
export const LAZY_CHUNKS: Readonly<Record<string, string>> = {
  '@grpc/grpc-js': 'node_modules/@grpc/grpc-js',
};
