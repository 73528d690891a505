// The soak: `node test/faults/soak.ts [runs=1000] [seed]` runs the seeded campaign on one node and
// prints the per-class table (issue 9 §2), then every dirty run with its parameters and leftovers.
// Exit code 1 when any run leaked, so it can gate a release job.
import { DEFAULT_SEED, describeDirty, formatTable, runCampaign } from './campaign.ts';
import { makeFaultEnv } from './env.ts';
import { soakMain } from './soak-main.ts';
import { realPluginsSkipReason } from '../support/real-plugins.ts';

const runs = Number(process.argv[2] ?? 1000);
const seed = Number(process.argv[3] ?? process.env.FAULT_SEED ?? DEFAULT_SEED);
const t0 = Date.now();
await soakMain(realPluginsSkipReason(), async (host) => {
  const env = await makeFaultEnv(host);
  const records = await runCampaign(env, {
    runs, seed,
    onRun: (r) => {
      if ((r.id + 1) % 50 === 0) process.stderr.write(`soak: ${r.id + 1}/${runs} runs, ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
    },
  });
  console.log(`soak: ${runs} runs, seed ${seed}, ${((Date.now() - t0) / 1000).toFixed(1)} s, tmpfs cache dir: ${env.tmpfs}`);
  console.log(formatTable(records));
  const dirty = describeDirty(records);
  for (const d of dirty) console.log(`\n${d}`);
  return dirty.length > 0;
});
