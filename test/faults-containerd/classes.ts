// Issue 9's fault classes through real containerd: the pods' lives are CRI calls (RunPodSandbox, then
// the kubelet's retried StopPodSandbox + RemovePodSandbox), so every DEL multus-ts sees is one
// containerd decided to make, with containerd's arguments, cache and rollback. As in test/faults, a
// class injects its fault, brings every pod to the end of its life the way a kubelet would, and
// asserts nothing: the audit after it is the verdict. Parameters come from the seeded stream.
import { between, goodNetworks, injectApiFault, pick, sharedClasses, type FaultClass as FaultsFaultClass, type Rng, type RunCtx as FaultsRunCtx, type Scenario } from '../faults/classes.ts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { podLinks } from '../support/containerd/index.ts';
import type { FaultNode } from './node.ts';
import type { PodRef } from './runtime.ts';
import type { DelOutcome } from '../faults/runtime.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type RunCtx = FaultsRunCtx<FaultNode>;
export type FaultClass = FaultsFaultClass<FaultNode>;

function newPod(c: RunCtx, i: number, networks: readonly string[]): PodRef {
  return c.env.pod(`p${c.id}-${i}`, networks);
}

/** A pod's whole life: RunPodSandbox, `between`, then the kubelet's teardown of every sandbox of the pod. */
async function lifecycle(c: RunCtx, pod: PodRef, between?: () => Promise<void>): Promise<void> {
  const r = await c.env.rt.run(pod);
  c.notes.push(r.ok ? `${pod.name} up` : `${pod.name} Run failed (containerd kept ${r.kept?.length ?? 0}): ${r.error}`);
  if (between) await between();
  noteTeardowns(c, await c.env.rt.teardownAll(pod.uid));
}

/** `networks` with broken-net inserted at a random position k. */
function withBroken(rng: Rng, networks: string[]): string[] {
  networks.splice(between(rng, 0, networks.length), 0, 'broken-net');
  return networks;
}

/** F1: the k-th network's plugin fails on ADD; containerd's rollback DEL must undo networks 1..k-1. */
export const F1: FaultClass = {
  name: 'F1', fault: "the k-th network's plugin fails on ADD (containerd rolls back)",
  async run(c) {
    const nets = withBroken(c.rng, goodNetworks(c.rng));
    c.notes.push(`networks=${nets.join(',')}`);
    await lifecycle(c, newPod(c, 0, nets));
  },
};

function scenario(c: RunCtx): Scenario {
  return {
    rng: c.rng, notes: c.notes, node: c.env,
    pod(i, networks) {
      const pod = newPod(c, i, networks);
      return { life: (b) => lifecycle(c, pod, b), deleteFromApi: () => c.env.api.deletePod(pod.namespace, pod.name) };
    },
  };
}

// containerd reaches CNI some 0.2–0.5 s into RunPodSandbox; slow-net then sleeps slowMs
const SHARED = sharedClasses(scenario, { kill: [100, 600], deletePod: [0, 500] });
/** F2: the daemon tree is SIGKILLed while a slow delegate runs ADD, restarted later. */
export const F2: FaultClass = SHARED.F2;
/** F3: the daemon dies between ADD and DEL; the kubelet's Stop either waits for the restart or retries through it. */
export const F3: FaultClass = SHARED.F3;

/** F4: the API answers 5xx/429 for the next N requests, or is slow. */
export const F4: FaultClass = {
  name: 'F4', fault: 'API answers 5xx/429 for the next N requests, or delays replies',
  async run(c) {
    const nets = goodNetworks(c.rng);
    c.notes.push(`networks=${nets.join(',')} ${injectApiFault(c.rng, c.env.api)}`);
    await lifecycle(c, newPod(c, 0, nets));
  },
};

/** F5: the pod is deleted from the API while its ADD runs (a slow delegate). */
export const F5: FaultClass = SHARED.F5;

/** 1–3 pods up, the daemon running; what a reboot finds. */
async function podsUp(c: RunCtx): Promise<{ pods: PodRef[]; ids: string[] }> {
  const pods = Array.from({ length: between(c.rng, 1, 3) }, (_, i) => newPod(c, i, goodNetworks(c.rng)));
  const ids: string[] = [];
  for (const p of pods) {
    const r = await c.env.rt.run(p);
    c.notes.push(`${p.name} ${r.ok ? 'up' : `Run failed: ${r.error}`}`);
    if (r.id) ids.push(r.id);
  }
  return { pods, ids };
}

/** The interface names in each sandbox the kubelet tracks now, by id. */
async function interfaces(c: RunCtx): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const id of c.env.rt.sandboxes.keys()) {
    const netns = (await c.env.n.c.cri.podSandboxStatus(id)).netnsPath;
    out.set(id, netns ? podLinks(c.env.n.c, netns).map((l) => l.ifname).sort() : []);
  }
  return out;
}

/** The kubelet starts the pods again after the reboot (new sandboxes, attempt 1), concurrently. */
async function runAgain(c: RunCtx, pods: readonly PodRef[]): Promise<void> {
  await Promise.all(pods.map(async (p) => {
    const r = await c.env.rt.run(p, 1);
    c.notes.push(`${p.name} attempt 1 ${r.ok ? 'up' : `Run failed (containerd kept ${r.kept?.length ?? 0}): ${r.error}`}`);
  }));
}

function noteTeardowns(c: RunCtx, outcomes: readonly DelOutcome[]): void {
  for (const d of outcomes) c.notes.push(`Stop+Remove ok=${d.ok} attempts=${d.attempts}${d.ok ? '' : `: ${d.lastError}`}`);
}

/**
 * F6: a node reboot. Daemon and containerd SIGKILLed with every pod, netns and links gone, files kept;
 * containerd comes back with its sandboxes NOTREADY, the daemon on a new boot id either before the
 * kubelet's Stop/Remove of the old sandboxes or while it retries them; meanwhile the kubelet may start
 * the pods again in new sandboxes (torn down afterwards).
 */
export const F6: FaultClass = {
  name: 'F6', fault: 'node reboot; kubelet Stop/Remove of the old sandboxes (daemon back before or during)',
  async run(c) {
    const { pods } = await podsUp(c);
    const daemonFirst = c.rng() < 0.5;
    const downFor = between(c.rng, 200, 2000);
    const again = c.rng() < 0.5;
    c.notes.push(`${pods.length} pods, daemonFirst=${daemonFirst} down=${downFor}ms runAgain=${again}`);
    await c.env.reboot();
    c.env.rt.sandboxes.clear();
    c.notes.push(`after the reboot containerd lists ${(await c.env.rt.adopt()).length} sandboxes`);
    if (daemonFirst) await c.env.start(true);
    const cleanup = c.env.rt.teardownAll();
    const rerun = again ? runAgain(c, pods) : Promise.resolve();
    if (!daemonFirst) {
      await sleep(downFor);
      await c.env.start(true);
    }
    noteTeardowns(c, await cleanup);
    await rerun;
    noteTeardowns(c, await c.env.rt.teardownAll());
  },
};

/**
 * F6L: the same reboot, but the old sandboxes are cleaned up before the daemon is back, without any
 * DEL reaching it (containerd comes back without its sandbox records: nothing for the kubelet to stop,
 * as with Multus' own shim, which answers a DEL it cannot deliver with success). The daemon's start-up
 * reconciliation (new boot id, netns gone) alone must release everything, and leave alone the new
 * sandboxes the kubelet may start for the pods meanwhile.
 */
export const F6L: FaultClass = {
  name: 'F6L', fault: 'node reboot; sandboxes forgotten without DEL; daemon back later, its recovery releases all',
  async run(c) {
    const { pods, ids } = await podsUp(c);
    c.notes.push(`${pods.length} pods`);
    await c.env.reboot({ loseRecords: true });
    c.env.rt.sandboxes.clear();
    // containerd's own libcni result cache of the sandboxes it forgot is containerd's, not the meta
    // plugin's (only a DEL through its libcni removes it, and none comes): drop it, so the audit
    // measures multus-ts
    c.env.dropRuntimeCache();
    const again = c.rng() < 0.5;
    c.notes.push(`runAgain=${again}`);
    await c.env.start(true);
    // new sandboxes of the pods while the recovery runs: it must leave them alone
    if (again) await runAgain(c, pods);
    const before = await interfaces(c);
    // recovery runs in the background after start: give it a bounded time to finish (the old
    // sandboxes' delegate caches gone)
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && ids.some((id) => existsSync(join(c.env.target.cniDir, id)))) await sleep(50);
    const after = await interfaces(c);
    // not a leak the audit could see (the teardown below releases it either way): a harness error
    if (!isDeepStrictEqual(before, after)) throw new Error(`the recovery changed live sandboxes: ${JSON.stringify([...before])} → ${JSON.stringify([...after])}`);
    noteTeardowns(c, await c.env.rt.teardownAll());
  },
};

/** F7: several pods at once while an F1 (some pods get a broken network) or F4 (API) fault hits. */
export const F7: FaultClass = {
  name: 'F7', fault: 'several pods run concurrently under an F1 or F4 fault',
  async run(c) {
    const n = between(c.rng, 3, 5);
    const mode = pick(c.rng, ['F1', 'F4'] as const);
    const pods = Array.from({ length: n }, (_, i) => {
      const nets = goodNetworks(c.rng);
      return newPod(c, i, mode === 'F1' && c.rng() < 0.4 ? withBroken(c.rng, nets) : nets);
    });
    c.notes.push(`${n} pods, ${mode}${mode === 'F4' ? ` ${injectApiFault(c.rng, c.env.api)}` : ''}`);
    await Promise.all(pods.map((p) => lifecycle(c, p)));
  },
};

export const CLASSES: readonly FaultClass[] = [F1, F2, F3, F4, F5, F6, F6L, F7];
