// `npm run bench`: every benchmark in turn (each prints its own table). Needs root: the plugins run in
// throwaway network namespaces. Pass a benchmark name to run just that one.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BENCHES: Record<string, string[]> = {
  'cnitool-overhead': ['cnitool-overhead.ts', '30'],
  'k8s-client-memory': ['k8s-client-memory.ts'],
  'shim-exec': ['shim-exec.ts'],
  thick: ['thick.ts', '15', '100'],
  'daemon-memory': ['daemon-memory.ts', '100', '3000'],
  'add-profile': ['add-profile.ts', '30'],
  thin: ['thin.ts', '15'],
  containerd: ['containerd.ts'],
};
const wanted = process.argv[2] ? [process.argv[2]] : Object.keys(BENCHES);
// What the benchmarks run is built first, so `npm run bench` works from a fresh clone (after
// scripts/install.sh): the bundles, the thin plugin's single executable, the C shim.
const root = fileURLToPath(new URL('..', import.meta.url));
for (const [cmd, ...args] of [[process.execPath, 'scripts/build.ts'], [process.execPath, 'scripts/build-sea.ts'], ['bash', 'scripts/build-shim.sh']]) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) {
    console.error(`bench: ${args.join(' ')} failed`);
    process.exit(1);
  }
}
let failed = 0;
for (const name of wanted) {
  const b = BENCHES[name];
  if (!b) {
    console.error(`bench: unknown benchmark ${name}; known: ${Object.keys(BENCHES).join(', ')}`);
    process.exit(2);
  }
  console.log(`\n### ${name}`);
  const r = spawnSync(process.execPath, [fileURLToPath(new URL(b[0], import.meta.url)), ...b.slice(1)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
