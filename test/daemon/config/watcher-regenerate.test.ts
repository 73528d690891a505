// §2.4 watching, ours: a change to the primary is picked up after the debounce with a full rescan;
// a burst of writes gives one regeneration; a deleted 00-multus.conf is written again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { MultusConfigManager, type RegenerationOutcome } from '../../../src/daemon/config/watcher.ts';
import { confDir, daemonConfig, nextOutcome, put, sleep } from './helpers.ts';

const calico = (extra = '') => `{"cniVersion":"0.3.1","name":"k8s-pod-network","plugins":[{"type":"calico"${extra}}]}`;

test('the primary changing regenerates 00-multus.conf after the debounce', async (t) => {
  const dir = confDir(t);
  const primary = put(dir, '10-calico.conflist', calico());
  const mgr = new MultusConfigManager({ config: daemonConfig({ cniVersion: '0.3.1', cniConfigDir: dir, multusAutoconfigDir: dir }), debounceMs: 50, resyncIntervalMs: 0 });
  t.after(() => mgr.stop());
  const first = await mgr.start();
  assert.equal(first.kind, 'written');
  const conf = path.join(dir, '00-multus.conf');
  assert.equal(readFileSync(conf, 'utf8'), `{"cniVersion":"0.3.1","name":"multus-cni-network","clusterNetwork":"${primary}","type":"multus-shim"}`);

  const next = nextOutcome(mgr, (o) => o.kind === 'written');
  put(dir, '10-calico.conflist', calico(',"capabilities":{"portMappings":true}'));
  const o = await next;
  assert.equal(o.kind === 'written' && o.primary, primary);
  assert.equal(readFileSync(conf, 'utf8'), `{"capabilities":{"portMappings":true},"cniVersion":"0.3.1","name":"multus-cni-network","clusterNetwork":"${primary}","type":"multus-shim"}`);
  assert.equal(mgr.content, readFileSync(conf, 'utf8'));
});

test('a burst of writes settles into one regeneration', async (t) => {
  const dir = confDir(t);
  put(dir, '10-calico.conflist', calico());
  const mgr = new MultusConfigManager({ config: daemonConfig({ cniVersion: '0.3.1', cniConfigDir: dir, multusAutoconfigDir: dir }), debounceMs: 50, resyncIntervalMs: 0 });
  t.after(() => mgr.stop());
  await mgr.start();
  const seen: RegenerationOutcome[] = [];
  mgr.onRegenerated((o) => void seen.push(o));
  for (let i = 0; i < 5; i++) {
    put(dir, '10-calico.conflist', calico(`,"capabilities":{"c${i}":true}`));
    await sleep(10);
  }
  await sleep(400);
  const written = seen.filter((o) => o.kind === 'written');
  assert.equal(written.length, 1, JSON.stringify(seen.map((o) => o.kind)));
  assert.match(readFileSync(path.join(dir, '00-multus.conf'), 'utf8'), /"capabilities":\{"c4":true\}/);
});

test('a deleted 00-multus.conf is written again (also when cniConfigDir is another directory)', async (t) => {
  const auto = confDir(t);
  const out = confDir(t);
  put(auto, '10-calico.conflist', calico());
  const mgr = new MultusConfigManager({ config: daemonConfig({ cniVersion: '0.3.1', cniConfigDir: out, multusAutoconfigDir: auto }), debounceMs: 50, resyncIntervalMs: 0 });
  t.after(() => mgr.stop());
  await mgr.start();
  const conf = path.join(out, '00-multus.conf');
  const before = readFileSync(conf, 'utf8');
  const next = nextOutcome(mgr, (o) => o.kind === 'written');
  rmSync(conf);
  await next;
  assert.equal(readFileSync(conf, 'utf8'), before);
});
