// The seeded fault campaign through real containerd (issue 9): every class of the table in both
// cluster-network variants (a one-plugin list and a bridge + tuning chain), audited after each run for
// leaked host-local reservations, links, delegate/result cache files and stuck sandboxes (containerd's
// ListPodSandbox). 32 runs by default (two cycles of the classes per variant), 64 on CI;
// FAULT_CTRD_RUNS and FAULT_SEED override. A failing run prints its class, parameters and leftovers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { skipUnlessContainerd } from '../support/containerd/index.ts';
import { skipUnlessRealPlugins } from '../support/real-plugins.ts';
import { DEFAULT_SEED, describeDirty, formatTable, runCampaign } from './campaign.ts';
import type { FaultClass } from './classes.ts';

const RUNS = Number(process.env.FAULT_CTRD_RUNS ?? (process.env.CI === 'true' ? 64 : 32));
const SEED = Number(process.env.FAULT_SEED ?? DEFAULT_SEED);

test(`containerd fault campaign: ${RUNS} runs, seed ${SEED}, nothing leaks`, { timeout: 1_800_000 }, async (t) => {
  if (skipUnlessContainerd(t) || skipUnlessRealPlugins(t)) return;
  const t0 = Date.now();
  const records = await runCampaign(t, { runs: RUNS, seed: SEED });
  t.diagnostic(`${RUNS} runs in ${((Date.now() - t0) / 1000).toFixed(1)} s\n${formatTable(records)}`);
  assert.deepEqual(describeDirty(records), [], `seed ${SEED}: runs that leaked`);
});

// The audit must be able to fail: two deliberately leaky "classes" (a pod the kubelet never tears
// down; a reboot that forgets the sandboxes but brings the daemon back on the same boot id, so no
// recovery runs) must show up dirty in the columns they leak.
const NO_TEARDOWN: FaultClass = {
  name: 'NO-TEARDOWN', fault: 'a pod is never stopped',
  async run(c) {
    await c.env.rt.run(c.env.pod(`p${c.id}`, ['bridge-net', 'mac-net']));
  },
};
const NO_RECOVERY: FaultClass = {
  name: 'NO-RECOVERY', fault: 'F6L with the daemon on the old boot id',
  async run(c) {
    await c.env.rt.run(c.env.pod(`p${c.id}`, ['bridge-net']));
    await c.env.reboot({ loseRecords: true });
    c.env.rt.sandboxes.clear();
    c.env.dropRuntimeCache();
    await c.env.start(false);
  },
};

test('the containerd audit sees what a leaky run leaves behind', { timeout: 300_000 }, async (t) => {
  if (skipUnlessContainerd(t) || skipUnlessRealPlugins(t)) return;
  const records = await runCampaign(t, { runs: 2, seed: SEED, variants: ['conf'], classes: [NO_TEARDOWN, NO_RECOVERY] });
  const counts = Object.fromEntries(records.map((r) => [r.cls, { ips: r.audit.ips > 0, links: r.audit.links > 0, caches: r.audit.caches > 0, stuck: r.audit.stuck > 0 }]));
  assert.deepEqual(counts, {
    'NO-TEARDOWN conf': { ips: true, links: true, caches: true, stuck: true },
    'NO-RECOVERY conf': { ips: true, links: false, caches: true, stuck: false },
  });
  assert.ok(records.every((r) => !r.error), records.map((r) => r.error).join('\n'));
});
