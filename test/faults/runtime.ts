// A tiny container runtime with containerd's CNI habits, driving the shim through our libcni (as
// makeThick does). What matters for leak hunting is *when* a runtime calls DEL and *when it forgets*:
//   - ADD fails → containerd immediately tears the sandbox down (DEL) while the netns still exists;
//   - StopPodSandbox → DEL, then the netns is removed; a second Stop → DEL with an empty netns path;
//     RemovePodSandbox → DEL again (netns empty);
//   - a failed DEL is not forgotten: the kubelet retries StopPodSandbox, so we retry a few times with
//     a short delay, and only a successful DEL lets the runtime forget the sandbox.
// Whatever is still tracked at the end of a run is a "stuck" sandbox (a pod that never goes away).
import { loadConfList } from '../../src/cni/config/index.ts';
import { addNetworkList, delNetworkList, type RuntimeConf } from '../../src/cni/runtime/index.ts';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { podNetnsPath, removeNetns } from '../support/netns.ts';
import type { Thick } from '../daemon-e2e/harness.ts';

export interface Sandbox {
  readonly cid: string;
  readonly pod: string; // k8s pod name
  readonly netns: string; // netns name (under /var/run/netns)
  /** Set once the runtime deleted the netns (Stop): later DELs get an empty CNI_NETNS. */
  netnsGone: boolean;
}

export interface RetryPolicy {
  readonly attempts: number;
  readonly delayMs: number;
}

export interface DelOutcome {
  readonly ok: boolean;
  readonly attempts: number;
  readonly lastError?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class FakeRuntime {
  readonly sandboxes = new Map<string, Sandbox>();
  /** Every netns this runtime ever made, so the audit can look inside those still present. */
  readonly netnsMade = new Set<string>();
  readonly errors: string[] = [];
  readonly th: Thick;
  readonly retry: RetryPolicy;
  readonly #newNetns: () => string;

  constructor(th: Thick, retry: RetryPolicy = { attempts: 40, delayMs: 150 }) {
    this.th = th;
    this.retry = retry;
    this.#newNetns = () => th.node.pod();
  }

  #rt(sb: Sandbox): RuntimeConf {
    const rt = this.th.rt(sb.netns, sb.cid, sb.pod);
    return sb.netnsGone ? { ...rt, netNS: '' } : rt;
  }

  /** RunPodSandbox's network part: ADD; on failure the immediate rollback DEL (with retries). */
  async run(pod: string, cid: string): Promise<{ ok: boolean; error?: string; rollback?: DelOutcome }> {
    const netns = this.#newNetns();
    this.netnsMade.add(netns);
    const sb: Sandbox = { cid, pod, netns, netnsGone: false };
    // tracked before ADD: containerd records the sandbox before it sets up its network
    this.sandboxes.set(cid, sb);
    try {
      await addNetworkList(this.th.runtime, await loadConfList(this.th.netd, 'multus-cni-network'), this.#rt(sb));
      return { ok: true };
    } catch (e) {
      const error = (e as Error).message;
      // containerd: "failed to setup network for sandbox" → defer teardown while the netns exists
      const rollback = await this.#delWithRetry(sb);
      if (rollback.ok) this.#forget(sb);
      return { ok: false, error, rollback };
    }
  }

  /** StopPodSandbox: DEL (netns present), then the runtime removes the netns. */
  async stop(cid: string): Promise<DelOutcome> {
    const sb = this.sandboxes.get(cid);
    if (!sb) return { ok: true, attempts: 0 };
    const out = await this.#delWithRetry(sb);
    // containerd removes the netns only after a successful teardown
    if (out.ok && !sb.netnsGone) {
      removeNetns(sb.netns);
      sb.netnsGone = true;
    }
    return out;
  }

  /** The kubelet's full teardown: Stop, Stop again (empty netns), Remove (empty netns). */
  async teardown(cid: string): Promise<DelOutcome> {
    const sb = this.sandboxes.get(cid);
    if (!sb) return { ok: true, attempts: 0 };
    const first = await this.stop(cid);
    if (!first.ok) return first;
    const again = await this.#delWithRetry(sb); // second Stop: netns already gone
    if (!again.ok) return again;
    const remove = await this.#delWithRetry(sb); // RemovePodSandbox
    if (remove.ok) this.#forget(sb);
    return { ok: remove.ok, attempts: first.attempts + again.attempts + remove.attempts, lastError: remove.lastError };
  }

  /** A reboot seen from the runtime: the sandbox's netns is gone and the runtime forgets it without DEL. */
  forgetWithoutDel(cid: string): void {
    const sb = this.sandboxes.get(cid);
    if (!sb) return;
    removeNetns(sb.netns);
    sb.netnsGone = true;
    this.sandboxes.delete(cid);
    // The runtime's own libcni result cache for it is the runtime's business, not the meta plugin's
    // (only a DEL through libcni removes it, and none comes): drop it so the audit measures Multus.
    for (const f of existsSync(join(this.th.runtime.cacheDir, 'results')) ? readdirSync(join(this.th.runtime.cacheDir, 'results')) : []) {
      if (f.includes(`-${cid}-`)) rmSync(join(this.th.runtime.cacheDir, 'results', f));
    }
  }

  #forget(sb: Sandbox): void {
    if (!sb.netnsGone && existsSync(podNetnsPath(sb.netns))) {
      removeNetns(sb.netns);
      sb.netnsGone = true;
    }
    this.sandboxes.delete(sb.cid);
  }

  async #delWithRetry(sb: Sandbox): Promise<DelOutcome> {
    let lastError: string | undefined;
    for (let i = 1; i <= this.retry.attempts; i++) {
      try {
        await delNetworkList(this.th.runtime, await loadConfList(this.th.netd, 'multus-cni-network'), this.#rt(sb));
        return { ok: true, attempts: i };
      } catch (e) {
        lastError = (e as Error).message;
        if (i < this.retry.attempts) await sleep(this.retry.delayMs);
      }
    }
    this.errors.push(`DEL ${sb.cid}: ${lastError}`);
    return { ok: false, attempts: this.retry.attempts, lastError };
  }
}
