// The namespace registry: removed after the test, at process exit, on SIGINT/SIGTERM, and swept when
// the creating process died without cleaning (SIGKILL).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { IP_BIN, createNetns, listOwnNetns, podNetnsPath, removeNetns, sweepStaleNetns } from './netns.ts';
import { skipUnlessRealPlugins } from './real-plugins.ts';

const CHILD = fileURLToPath(new URL('./netns-exit-child.ts', import.meta.url));

function runChild(mode: 'exit' | 'SIGTERM' | 'SIGINT' | 'SIGKILL'): Promise<{ name: string; existedWhileRunning: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, mode], { stdio: ['pipe', 'pipe', 'inherit'] });
    let name = '';
    let existed = false;
    child.stdout.on('data', (b: Buffer) => {
      if (name) return;
      name = b.toString().trim();
      existed = existsSync(podNetnsPath(name));
      // 'exit': closing its stdin lets the child exit normally, only after we looked.
      if (mode === 'exit') child.stdin.end();
      else child.kill(mode);
    });
    child.on('error', reject);
    child.on('close', () => resolve({ name, existedWhileRunning: existed }));
  });
}

test('namespaces are deleted after their test, at exit and on SIGINT/SIGTERM; SIGKILL leftovers are swept', async (t) => {
  if (skipUnlessRealPlugins(t)) return;
  let inner = '';
  await t.test('inner', (st) => {
    inner = createNetns(st);
    assert.ok(existsSync(podNetnsPath(inner)));
    assert.match(inner, new RegExp(`^mts-${process.pid}-\\d+-[0-9a-f]{6}$`));
  });
  assert.equal(existsSync(podNetnsPath(inner)), false);

  for (const mode of ['exit', 'SIGTERM', 'SIGINT'] as const) {
    const r = await runChild(mode);
    assert.ok(r.existedWhileRunning, `${mode}: ${r.name} existed`);
    assert.equal(existsSync(podNetnsPath(r.name)), false, `${mode}: ${r.name} removed`);
  }

  const killed = await runChild('SIGKILL');
  t.after(() => removeNetns(killed.name));
  assert.ok(existsSync(podNetnsPath(killed.name)), 'SIGKILL leaves the namespace behind');
  // A live creator's namespace must survive the sweep: pretend our parent made one.
  const alive = `mts-${process.ppid}-1-abcdef`;
  execFileSync(IP_BIN, ['netns', 'add', alive]);
  t.after(() => removeNetns(alive));
  // (another test process's first createNetns may sweep it first: only "gone afterwards" is certain)
  const swept = sweepStaleNetns();
  assert.ok(!swept.includes(alive));
  assert.equal(existsSync(podNetnsPath(killed.name)), false);
  assert.ok(existsSync(podNetnsPath(alive)));
  removeNetns(alive);
  assert.deepEqual(listOwnNetns(), []);
});
