// Teardown when things go wrong: a process that started containerd and a sandbox and then dies of an
// uncaught exception or SIGTERM cleans up on its way out; one SIGKILLed leaves everything running,
// and the sweep (any later start, or sweepStaleContainerd) removes it all by name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { podNetnsPath } from '../support/netns.ts';
import { instanceLeftovers, skipUnlessContainerd, sweepStaleContainerd } from '../support/containerd/index.ts';
import { skipUnlessRealPlugins } from '../support/real-plugins.ts';
import { pidLive, waitGoneSync } from '../support/containerd/procs.ts';

const CHILD = fileURLToPath(new URL('./teardown-child.ts', import.meta.url));

interface Made {
  dir: string;
  pid: number;
  nodeNs: string;
  cgroupParent: string;
  socket: string;
  id: string;
  pausePid: number;
  childPid: number;
}

type Mode = 'throw' | 'SIGTERM' | 'SIGKILL';

function runChild(mode: Mode): Promise<{ made: Made; code: number | null; signal: string | null; stderr: string; ranWhileAlive: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    let made: Made | undefined;
    let ranWhileAlive = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stderr.on('data', (b: Buffer) => (stderr += b));
    child.stdout.on('data', (b: Buffer) => {
      out += b;
      if (made || !out.includes('\n')) return;
      made = JSON.parse(out.split('\n')[0]) as Made;
      ranWhileAlive = pidLive(made.pid) && pidLive(made.pausePid);
      if (mode !== 'throw') child.kill(mode);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (!made) reject(new Error(`${mode}: the child made nothing (exit ${code ?? signal}): ${stderr}`));
      else resolve({ made, code, signal, stderr, ranWhileAlive });
    });
  });
}

function assertNothingLeft(mode: Mode, m: Made): void {
  // killed orphans are reaped lazily by this machine's init: give them a moment to stop being zombies
  waitGoneSync([m.pid, m.pausePid], 2000);
  assert.equal(pidLive(m.pid), false, `${mode}: containerd gone`);
  assert.equal(pidLive(m.pausePid), false, `${mode}: pause gone`);
  assert.deepEqual(instanceLeftovers({ ...m, ownsNodeNs: true }), [], `${mode}: nothing left`);
  assert.equal(existsSync(podNetnsPath(m.nodeNs)), false, `${mode}: node namespace gone`);
}

test('a crashing or signalled test process tears its containerd down; a SIGKILLed one is swept', async (t) => {
  if (skipUnlessContainerd(t) || skipUnlessRealPlugins(t)) return;
  // in parallel: each child is ~1 s of node start, containerd and one sandbox
  const [thrown, termed, killed] = await Promise.all((['throw', 'SIGTERM', 'SIGKILL'] as const).map(runChild));
  for (const r of [thrown, termed, killed]) assert.ok(r.ranWhileAlive, 'containerd and pause ran while the child lived');

  assert.equal(thrown.code, 1, 'the uncaught exception still ends the process with 1');
  assert.match(thrown.stderr, /a test blew up/);
  assertNothingLeft('throw', thrown.made);
  assert.equal(termed.signal, 'SIGTERM', 'still dies of the signal after cleaning up');
  assertNothingLeft('SIGTERM', termed.made);

  assert.equal(killed.signal, 'SIGKILL');
  // (another test process's first start may sweep it before us: only "gone afterwards" is certain)
  const swept = sweepStaleContainerd();
  assert.ok(swept.includes(killed.made.dir) || !existsSync(killed.made.dir), 'swept');
  assertNothingLeft('SIGKILL', killed.made);
  assert.deepEqual(readdirSync(tmpdir()).filter((n) => n.startsWith(`mts-pause-${killed.made.childPid}-`)), [], 'its pause cache dir too');
});
