// Bundles each entry point of src/bin into dist/<name>.cjs for shipping (one file, no node_modules).
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { basename } from 'node:path';

const entries = readdirSync(new URL('../src/bin/', import.meta.url)).filter((f) => f.endsWith('.ts'));
await Promise.all(entries.map((f) => build({
  entryPoints: [new URL(`../src/bin/${f}`, import.meta.url).pathname],
  outfile: new URL(`../dist/${basename(f, '.ts')}.cjs`, import.meta.url).pathname,
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'cjs',
  minify: true,
  // client-node is only for kubeconfigs with exec/auth-provider credentials, loaded on demand: bundling
  // it would put 3 MB on every thin-plugin start. Where it is not installed, such a kubeconfig gets a
  // clear K8S_CONFIG error naming the user entry.
  external: ['@kubernetes/client-node'],
  // top-level await is not allowed in CJS: esbuild reports it, so entries wrap their work in main()
  logLevel: 'warning',
})));
console.log(`built ${entries.length} bundle(s) into dist/`);
