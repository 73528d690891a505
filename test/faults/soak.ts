// The soak: `node test/faults/soak.ts [runs=1000] [seed]` runs the seeded campaign on one node and
// prints the per-class table (issue 9 §2), then every dirty run with its parameters and leftovers.
// Exit code 1 when any run leaked, so it can gate a release job.
import { isClean } from './audit.ts';
import { DEFAULT_SEED, formatTable, runCampaign } from './campaign.ts';
import { makeFaultEnv } from './env.ts';
import { realPluginsSkipReason } from '../support/real-plugins.ts';

const runs = Number(process.argv[2] ?? 1000);
const seed = Number(process.argv[3] ?? process.env.FAULT_SEED ?? DEFAULT_SEED);
const skip = realPluginsSkipReason();
if (skip) {
  console.error(`soak: ${skip}`);
  process.exit(2);
}
// makeThick and friends only need somewhere to hang their cleanup: run it all at the end
const hooks: Array<() => unknown> = [];
const host = { after: (fn: () => unknown) => void hooks.push(fn) };
const t0 = Date.now();
let exitCode = 0;
try {
  const env = await makeFaultEnv(host);
  const records = await runCampaign(env, {
    runs, seed,
    onRun: (r) => {
      if ((r.id + 1) % 50 === 0) process.stderr.write(`soak: ${r.id + 1}/${runs} runs, ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
    },
  });
  console.log(`soak: ${runs} runs, seed ${seed}, ${((Date.now() - t0) / 1000).toFixed(1)} s, tmpfs cache dir: ${env.tmpfs}`);
  console.log(formatTable(records));
  const dirty = records.filter((r) => !isClean(r.audit) || r.error);
  for (const r of dirty) console.log(`\nrun ${r.id} ${r.cls}: ${r.notes.join('; ')}\n  left: ${r.audit.details.join(', ')}${r.error ? `\n  error: ${r.error}` : ''}`);
  if (dirty.length > 0) exitCode = 1;
} finally {
  for (const fn of hooks.reverse()) {
    try { await fn(); } catch (e) { console.error('cleanup:', e); }
  }
}
process.exit(exitCode);
