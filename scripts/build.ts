// Bundles each entry point of src/bin into <outdir>/<name>.cjs for shipping (one file each, no
// node_modules), and the lazily required chunks beside them (see bundle-options.ts).
// usage: node scripts/build.ts [outdir=dist]
import { build } from 'esbuild';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE_OPTIONS, EXTERNAL, LAZY_CHUNKS } from './bundle-options.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = resolve(process.argv[2] ?? join(root, 'dist'));
const entries = readdirSync(join(root, 'src/bin')).filter((f) => f.endsWith('.ts'));
await Promise.all([
  ...entries.map((f) => build({
    ...BASE_OPTIONS,
    entryPoints: [join(root, 'src/bin', f)],
    outfile: join(outdir, `${basename(f, '.ts')}.cjs`),
    external: EXTERNAL,
  })),
  ...Object.entries(LAZY_CHUNKS).map(async ([pkg, dir]) => {
    await build({
      ...BASE_OPTIONS,
      entryPoints: [pkg],
      absWorkingDir: root,
      outfile: join(outdir, dir, 'index.cjs'),
      external: EXTERNAL.filter((e) => e !== pkg),
    });
    mkdirSync(join(outdir, dir), { recursive: true });
    writeFileSync(join(outdir, dir, 'package.json'), `${JSON.stringify({ name: pkg, private: true, type: 'commonjs', main: 'index.cjs' })}\n`);
  }),
]);
console.log(`built ${entries.length} bundle(s) and ${Object.keys(LAZY_CHUNKS).length} lazy chunk(s) into ${outdir}`);
