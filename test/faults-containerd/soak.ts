// The soak through real containerd: `node test/faults-containerd/soak.ts [runs=200] [seed]` runs the
// seeded campaign (split over both cluster-network variants) and prints the per-class table of
// test/faults/soak.ts, then every dirty run with its parameters and leftovers. Exit code 1 when any
// run leaked, 2 when containerd or the plugins cannot run here.
import { containerdSkipReason } from '../support/containerd/index.ts';
import { realPluginsSkipReason } from '../support/real-plugins.ts';
import { soakMain } from '../faults/soak-main.ts';
import { DEFAULT_SEED, describeDirty, formatTable, runCampaign } from './campaign.ts';

const runs = Number(process.argv[2] ?? 200);
const seed = Number(process.argv[3] ?? process.env.FAULT_SEED ?? DEFAULT_SEED);
const t0 = Date.now();
await soakMain(containerdSkipReason() ?? realPluginsSkipReason(), async (host) => {
  const records = await runCampaign(host, {
    runs, seed,
    onRun: (r) => {
      if ((r.id + 1) % 10 === 0) process.stderr.write(`soak: ${r.id + 1}/${runs} runs, ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
    },
  });
  console.log(`soak (containerd): ${runs} runs, seed ${seed}, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  console.log(formatTable(records));
  const dirty = describeDirty(records);
  for (const d of dirty) console.log(`\n${d}`);
  return dirty.length > 0;
});
