// The kubelet's side of a pod's life against real containerd, for the fault classes: RunPodSandbox with
// the pod's metadata and annotations, then StopPodSandbox + RemovePodSandbox, each retried until it
// succeeds (a kubelet never gives up on a sandbox: only success lets it forget one). containerd does
// the rest exactly as on a node: the rollback DEL after a failed ADD, DEL at Stop (netns path and
// prevResult from its libcni cache), DEL again at Remove, a sandbox kept NOTREADY when its rollback
// DEL failed. What the kubelet has yet to clean up is tracked here; what containerd still has is read
// from ListPodSandbox by the audit (containerdLeftovers), so a sandbox nobody can remove is "stuck".
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Containerd, CriClient } from '../support/containerd/index.ts';
import { podLinks } from '../support/containerd/index.ts';
import type { RuntimeLeftovers } from '../faults/audit.ts';
import type { DelOutcome, RetryPolicy } from '../faults/runtime.ts';

export interface PodRef {
  readonly name: string;
  readonly namespace: string;
  readonly uid: string;
  readonly annotations: Readonly<Record<string, string>>;
}

export interface RunOutcome {
  readonly ok: boolean;
  readonly id?: string;
  readonly error?: string;
  /** after a failed Run: the sandboxes containerd kept (its rollback DEL failed too) */
  readonly kept?: readonly string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const short = (e: unknown) => (e as Error).message.replace(/^CRI \w+: /, '').slice(0, 300);

export class CriRuntime {
  /** Sandboxes the kubelet has yet to Stop and Remove, by id. */
  readonly sandboxes = new Map<string, PodRef>();
  readonly cri: CriClient;
  readonly retry: RetryPolicy;

  // A Stop against a dead daemon fails after the shim's 1 s connect retry: 30 attempts cover a daemon
  // down for much longer than any class keeps it down.
  constructor(cri: CriClient, retry: RetryPolicy = { attempts: 30, delayMs: 200 }) {
    this.cri = cri;
    this.retry = retry;
  }

  async run(pod: PodRef, attempt = 0): Promise<RunOutcome> {
    try {
      const id = await this.cri.runPodSandbox({ name: pod.name, namespace: pod.namespace, uid: pod.uid, annotations: pod.annotations, attempt });
      this.sandboxes.set(id, pod);
      return { ok: true, id };
    } catch (e) {
      // containerd forgets a sandbox whose rollback DEL succeeded; one it kept is the kubelet's to remove
      return { ok: false, error: short(e), kept: await this.adopt(pod.uid) };
    }
  }

  /** The sandboxes containerd lists (of pod `uid`, or all) become the kubelet's to clean up; returns their ids. */
  async adopt(uid?: string): Promise<string[]> {
    const found = (await this.cri.listPodSandbox()).filter((s) => uid === undefined || s.metadata.uid === uid);
    for (const s of found) {
      if (!this.sandboxes.has(s.id)) this.sandboxes.set(s.id, { name: s.metadata.name, namespace: s.metadata.namespace, uid: s.metadata.uid, annotations: s.annotations });
    }
    return found.map((s) => s.id);
  }

  /** StopPodSandbox then RemovePodSandbox, each retried; the sandbox is forgotten only when both succeeded. */
  async teardown(id: string): Promise<DelOutcome> {
    if (!this.sandboxes.has(id)) return { ok: true, attempts: 0 };
    const stop = await this.#retried(() => this.cri.stopPodSandbox(id));
    if (!stop.ok) return stop;
    const remove = await this.#retried(() => this.cri.removePodSandbox(id));
    if (remove.ok) this.sandboxes.delete(id);
    return { ...remove, attempts: stop.attempts + remove.attempts };
  }

  /** teardown() of every tracked sandbox of `uid` (or all), concurrently as a kubelet's pod workers do. */
  async teardownAll(uid?: string): Promise<DelOutcome[]> {
    const ids = [...this.sandboxes].filter(([, p]) => uid === undefined || p.uid === uid).map(([id]) => id);
    return Promise.all(ids.map((id) => this.teardown(id)));
  }

  async #retried(call: () => Promise<void>): Promise<DelOutcome> {
    let lastError: string | undefined;
    for (let i = 1; i <= this.retry.attempts; i++) {
      try {
        await call();
        return { ok: true, attempts: i };
      } catch (e) {
        lastError = short(e);
        if (i < this.retry.attempts) await sleep(this.retry.delayMs);
      }
    }
    return { ok: false, attempts: this.retry.attempts, ...(lastError ? { lastError } : {}) };
  }
}

/**
 * What containerd itself still has: every sandbox in ListPodSandbox (stuck: the kubelet could not
 * remove it) and the non-lo links in every pod netns left in its state dir.
 */
export async function containerdLeftovers(c: Containerd): Promise<RuntimeLeftovers> {
  const stuck = (await c.cri.listPodSandbox()).map((s) => `${s.metadata.namespace}/${s.metadata.name} ${s.id.slice(0, 12)} ${s.state}`);
  const netnsDir = join(c.stateDir, 'io.containerd.grpc.v1.cri', 'netns');
  const links: string[] = [];
  for (const f of existsSync(c.hostView(netnsDir)) ? readdirSync(c.hostView(netnsDir)) : []) {
    try {
      for (const l of podLinks(c, join(netnsDir, f))) if (l.ifname !== 'lo') links.push(`${f}:${l.ifname}`);
    } catch {
      // not a netns (any more): the file of a namespace containerd is removing
    }
  }
  return { podLinks: links, stuck };
}
