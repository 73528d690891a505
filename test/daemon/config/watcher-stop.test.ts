// stop(): watches and timers closed; 00-multus.conf deleted only with deleteConfigOnExit (Multus always
// deletes it, #1527); nothing the manager holds keeps the process alive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MultusConfigManager, type RegenerationOutcome } from '../../../src/daemon/config/watcher.ts';
import { confDir, daemonConfig, put, sleep } from './helpers.ts';

const primary = '{"cniVersion":"1.0.0","name":"cbr0","plugins":[{"type":"flannel"}]}';

for (const deleteConfigOnExit of [false, true]) {
  test(`stop with deleteConfigOnExit=${deleteConfigOnExit}`, async (t) => {
    const dir = confDir(t);
    put(dir, '10-flannel.conflist', primary);
    const mgr = new MultusConfigManager({ config: daemonConfig({ cniVersion: '1.0.0', cniConfigDir: dir, multusAutoconfigDir: dir, deleteConfigOnExit }), debounceMs: 30, resyncIntervalMs: 50 });
    await mgr.start();
    const conf = path.join(dir, '00-multus.conf');
    assert.ok(existsSync(conf));
    await mgr.stop();
    assert.equal(existsSync(conf), !deleteConfigOnExit);
    // no more regenerations after stop, from events or the periodic rescan
    const seen: RegenerationOutcome[] = [];
    mgr.onRegenerated((o) => void seen.push(o));
    put(dir, '05-new.conflist', primary);
    await sleep(200);
    assert.deepEqual(seen, []);
    if (!deleteConfigOnExit) assert.ok(readFileSync(conf, 'utf8').includes('10-flannel.conflist'));
  });
}

test('a manager that is never stopped does not keep the process alive', async (t) => {
  const dir = confDir(t);
  put(dir, '10-flannel.conflist', primary);
  const child = fileURLToPath(new URL('./keepalive-child.ts', import.meta.url));
  const started = Date.now();
  const out = await new Promise<string>((resolve, reject) => {
    execFile(process.execPath, [child, dir], { timeout: 10_000 }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });
  assert.equal(out.trim(), 'written');
  assert.ok(Date.now() - started < 8000);
});
