// §2.4: the readiness indicator file being removed → a callback (Multus deletes 00-multus.conf and
// exits 2; our daemon decides). 00-multus.conf is left alone here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { MultusConfigManager, watchConfigDir } from '../../../src/daemon/config/watcher.ts';
import { confDir, daemonConfig, put, sleep, tempDir } from './helpers.ts';

for (const how of ['removed', 'renamed'] as const) {
  test(`the readiness file ${how} (in another directory) calls onReadinessLost once`, async (t) => {
    const dir = confDir(t);
    const run = tempDir(t);
    const ready = put(run, 'subnet.env', 'FLANNEL_NETWORK=10.244.0.0/16\n');
    put(dir, '10-flannel.conflist', '{"cniVersion":"0.3.1","name":"cbr0","plugins":[{"type":"flannel"}]}');
    let lost = 0;
    const mgr = new MultusConfigManager({
      config: daemonConfig({ cniVersion: '0.3.1', cniConfigDir: dir, multusAutoconfigDir: dir, readinessindicatorfile: ready }),
      debounceMs: 50,
      resyncIntervalMs: 0,
      onReadinessLost: () => void lost++,
    });
    t.after(() => mgr.stop());
    await mgr.start();
    put(run, 'unrelated', 'x');
    await sleep(150);
    assert.equal(lost, 0);
    if (how === 'removed') rmSync(ready);
    else renameSync(ready, `${ready}.old`);
    for (let i = 0; i < 60 && lost === 0; i++) await sleep(25);
    assert.equal(lost, 1);
    assert.ok(existsSync(path.join(dir, '00-multus.conf')), 'the daemon decides what happens to the file');
    put(dir, '20-x.conf', '{}');
    await sleep(200);
    assert.equal(lost, 1, 'reported once, not on every later burst');
  });
}

test('the low-level watch: readiness in the watched dir itself, and onChange per burst', async (t) => {
  const dir = confDir(t);
  const ready = put(dir, 'ready', '');
  let changes = 0;
  let lost = 0;
  const w = watchConfigDir({ multusAutoconfigDir: dir, cniConfigDir: dir, readinessIndicatorFile: ready }, {
    onChange: () => void changes++,
    onReadinessRemoved: () => void lost++,
    debounceMs: 30,
    resyncIntervalMs: 0,
  });
  t.after(() => w.stop());
  rmSync(ready);
  for (let i = 0; i < 60 && lost === 0; i++) await sleep(20);
  assert.equal(lost, 1);
  assert.ok(changes >= 1);
});
