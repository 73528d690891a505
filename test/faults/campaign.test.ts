// The seeded fault campaign (issue 9 §2): ≥ 100 runs on CI, 20 locally; every run must leave
// nothing behind. FAULT_SEED replays a campaign; a failing run prints its class, parameters and leftovers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { skipUnlessRealPlugins } from '../support/real-plugins.ts';
import { isClean } from './audit.ts';
import { DEFAULT_SEED, formatTable, runCampaign } from './campaign.ts';
import { CLASSES, KNOWN_LEAKS } from './classes.ts';
import { makeFaultEnv } from './env.ts';

const RUNS = Number(process.env.FAULT_RUNS ?? (process.env.CI === 'true' ? 100 : 20));
const SEED = Number(process.env.FAULT_SEED ?? DEFAULT_SEED);

test(`fault campaign: ${RUNS} runs, seed ${SEED}, nothing leaks`, { timeout: 600_000 }, async (t) => {
  if (skipUnlessRealPlugins(t)) return;
  const env = await makeFaultEnv(t);
  const t0 = Date.now();
  const records = await runCampaign(env, { runs: RUNS, seed: SEED, classes: CLASSES.filter((c) => !(c.name in KNOWN_LEAKS)) });
  t.diagnostic(`${RUNS} runs in ${((Date.now() - t0) / 1000).toFixed(1)} s (tmpfs cache dir: ${env.tmpfs})\n${formatTable(records)}`);
  const dirty = records.filter((r) => !isClean(r.audit) || r.error);
  assert.deepEqual(dirty.map((r) => ({ run: r.id, cls: r.cls, notes: r.notes, left: r.audit.details, error: r.error })), [], `seed ${SEED}: runs that leaked`);
});
