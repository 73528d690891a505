// The production dependency closure from package-lock.json (what ships in the image), as
// `name@version` strings. `npm audit` cannot reach its service from our machines, so supply-chain
// review works on an allow-list instead: deploy/allowed-deps.json holds the reviewed set, and a test
// fails whenever the lockfile ships a package or version that is not on it.
//   node scripts/prod-deps.ts            prints the current closure
//   node scripts/prod-deps.ts --write    rewrites the allow-list (after reviewing the difference)
import { readFileSync, writeFileSync } from 'node:fs';

interface LockPackage {
  version?: string;
  dev?: boolean;
  devOptional?: boolean;
}

export function prodDeps(lockText: string): string[] {
  const lock = JSON.parse(lockText) as { packages: Record<string, LockPackage> };
  const out = new Set<string>();
  for (const [path, p] of Object.entries(lock.packages)) {
    if (path === '' || p.dev || p.devOptional || !p.version) continue;
    out.add(`${path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)}@${p.version}`);
  }
  return [...out].sort();
}

if (import.meta.main) {
  const deps = prodDeps(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8'));
  if (process.argv.includes('--write')) writeFileSync(new URL('../deploy/allowed-deps.json', import.meta.url), `${JSON.stringify(deps, null, 1)}\n`);
  else console.log(deps.join('\n'));
}
