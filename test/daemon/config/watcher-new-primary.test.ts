// Ours (§7.2 #1110): in auto mode a new primary that sorts first becomes the primary on the next
// rescan (Multus selects only at start); with multusMasterCNI the named file stays the primary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MultusConfigManager } from '../../../src/daemon/config/watcher.ts';
import { confDir, daemonConfig, nextOutcome, put } from './helpers.ts';

const conflist = (name: string, type: string) => `{"cniVersion":"0.4.0","name":"${name}","plugins":[{"type":"${type}"}]}`;
const clusterNetwork = (dir: string) => JSON.parse(readFileSync(path.join(dir, '00-multus.conf'), 'utf8')).clusterNetwork;

test('auto: a new file sorting first becomes the primary', async (t) => {
  const dir = confDir(t);
  put(dir, '10-flannel.conflist', conflist('cbr0', 'flannel'));
  const mgr = new MultusConfigManager({ config: daemonConfig({ cniVersion: '0.4.0', cniConfigDir: dir, multusAutoconfigDir: dir }), debounceMs: 50, resyncIntervalMs: 0 });
  t.after(() => mgr.stop());
  await mgr.start();
  assert.equal(clusterNetwork(dir), path.join(dir, '10-flannel.conflist'));
  const next = nextOutcome(mgr, (o) => o.kind === 'written');
  put(dir, '05-calico.conflist', conflist('k8s-pod-network', 'calico'));
  await next;
  assert.equal(clusterNetwork(dir), path.join(dir, '05-calico.conflist'));
  assert.equal(mgr.primary, path.join(dir, '05-calico.conflist'));
});

test('multusMasterCNI: istio-cni\'s 05-istio.conflist appearing does not take over 10-aws.conflist', async (t) => {
  const dir = confDir(t);
  put(dir, '10-aws.conflist', conflist('aws-cni', 'aws-cni'));
  const mgr = new MultusConfigManager({
    config: daemonConfig({ cniVersion: '0.4.0', cniConfigDir: dir, multusAutoconfigDir: dir, multusMasterCNI: '10-aws.conflist' }),
    debounceMs: 50,
    resyncIntervalMs: 0,
  });
  t.after(() => mgr.stop());
  await mgr.start();
  const before = readFileSync(path.join(dir, '00-multus.conf'), 'utf8');
  const next = nextOutcome(mgr, (o) => o.reason === 'change');
  put(dir, '05-istio.conflist', conflist('istio-cni', 'istio-cni'));
  const o = await next;
  assert.equal(o.kind, 'unchanged');
  assert.equal(readFileSync(path.join(dir, '00-multus.conf'), 'utf8'), before);
  assert.equal(clusterNetwork(dir), path.join(dir, '10-aws.conflist'));
});
