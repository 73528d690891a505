// Builds the thin plugin as a single executable (Node SEA) so it runs on a host without Node:
// src/bin/multus.ts (esbuild, to dist/multus-sea.cjs) → a SEA blob with a code cache → injected into a
// copy of our Node 24. Unlike dist/multus.cjs, grpc-js is inlined: a SEA's require() reaches only
// Node's builtins, so there is no lazy chunk beside it to load (client-node stays out; a kubeconfig
// that needs it gets the K8S_CONFIG error).
// Never inject into node_modules/node/bin/node itself: it is a hard link into npm's cache.
import { execFileSync } from 'node:child_process';
import { copyFileSync, chmodSync, writeFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { BASE_OPTIONS, EXTERNAL } from './bundle-options.ts';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
await build({
  ...BASE_OPTIONS,
  entryPoints: [fileURLToPath(new URL('../src/bin/multus.ts', import.meta.url))],
  outfile: `${dist}multus-sea.cjs`,
  external: EXTERNAL.filter((e) => e !== '@grpc/grpc-js'),
});
writeFileSync(`${dist}sea-config.json`, JSON.stringify({
  main: `${dist}multus-sea.cjs`,
  output: `${dist}multus.blob`,
  disableExperimentalSEAWarning: true,
  useCodeCache: true,
}));
execFileSync(process.execPath, ['--experimental-sea-config', `${dist}sea-config.json`], { stdio: 'inherit' });
const exe = `${dist}multus`;
copyFileSync(realpathSync(process.execPath), exe);
chmodSync(exe, 0o755);
const postject = fileURLToPath(new URL('../node_modules/postject/dist/cli.js', import.meta.url));
execFileSync(process.execPath, [postject, exe, 'NODE_SEA_BLOB', `${dist}multus.blob`, '--sentinel-fuse', 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2'], { stdio: ['ignore', 'ignore', 'inherit'] });
console.log(`built ${exe}`);
