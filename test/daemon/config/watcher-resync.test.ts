// Ours: the periodic full rescan backs up inotify — a deleted and recreated autoconfig directory
// (whose old watch is dead) is watched again, and its new primary is picked up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { MultusConfigManager } from '../../../src/daemon/config/watcher.ts';
import { confDir, daemonConfig, nextOutcome, put, sleep } from './helpers.ts';

test('a replaced autoconfig directory is watched again', async (t) => {
  const root = confDir(t);
  const auto = path.join(root, 'net.d');
  const out = path.join(root, 'out');
  mkdirSync(auto);
  mkdirSync(out);
  put(auto, '10-flannel.conflist', '{"cniVersion":"0.3.1","name":"cbr0","plugins":[{"type":"flannel"}]}');
  const mgr = new MultusConfigManager({ config: daemonConfig({ cniVersion: '0.3.1', cniConfigDir: out, multusAutoconfigDir: auto }), debounceMs: 30, resyncIntervalMs: 400 });
  t.after(() => mgr.stop());
  await mgr.start();
  const t0 = Date.now();
  rmSync(auto, { recursive: true });
  mkdirSync(auto);
  // the watch is reopened on the new directory: after the deletion's own event, at the latest by the
  // periodic rescan at 400 ms
  await sleep(450 - (Date.now() - t0));
  const next = nextOutcome(mgr, (o) => o.kind === 'written');
  const written = Date.now();
  put(auto, '10-calico.conflist', '{"cniVersion":"0.3.1","name":"k8s-pod-network","plugins":[{"type":"calico"}]}');
  await next;
  // picked up by the reopened watch (debounce 30 ms), well before the next periodic rescan at 800 ms
  assert.ok(Date.now() - written < 300, `took ${Date.now() - written} ms`);
  assert.equal(JSON.parse(readFileSync(path.join(out, '00-multus.conf'), 'utf8')).clusterNetwork, path.join(auto, '10-calico.conflist'));
});
