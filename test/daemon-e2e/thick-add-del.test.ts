// Thick mode with the fake API server: a pod with the cluster network and two extra networks attached
// through the C shim and the daemon; network-status written; the daemon restarted between ADD and DEL
// loses nothing; DEL leaves nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resultToJSON } from '../../src/cni/result/index.ts';
import { NETWORK_STATUS_ANNOTATION } from '../../src/multus/network-status.ts';
import { linksIn } from '../support/netns.ts';
import { skipUnlessRealPlugins } from '../support/real-plugins.ts';
import { assertNothingLeaked } from '../multus-e2e/harness.ts';
import { kubeEnv } from '../multus-e2e/kube-env.ts';
import { makeThick } from './harness.ts';

test('ADD and DEL through shim + daemon, with a daemon restart in between', async (t) => {
  if (skipUnlessRealPlugins(t)) return;
  const th = await makeThick(t, {});
  const { node } = th;
  const { api, kubeconfig } = await kubeEnv(t, node, { 'bridge-net': node.network('bridge').config, 'macvlan-net': node.network('macvlan').config }, { 'k8s.v1.cni.cncf.io/networks': 'bridge-net,macvlan-net' });
  writeFileSync(th.configFile, JSON.stringify({ ...JSON.parse(readFileSync(th.configFile, 'utf8')), kubeconfig }));
  await th.startDaemon();
  const conf = JSON.parse(readFileSync(join(th.netd, '00-multus.conf'), 'utf8'));
  assert.equal(conf.type, 'multus-shim');
  assert.equal(conf.clusterNetwork, join(th.netd, '10-cluster.conflist'));

  const pod = node.pod();
  const r = resultToJSON(await th.add(pod, 'sandbox-1')) as { cniVersion: string; interfaces: Array<{ name: string; sandbox?: string }> };
  assert.equal(r.cniVersion, '1.0.0');
  assert.deepEqual(linksIn(pod).map((l) => l.ifname).sort(), ['eth0', 'lo', 'net1', 'net2']);
  const status = JSON.parse(api.getPod('test', 'testpod')?.metadata?.annotations?.[NETWORK_STATUS_ANNOTATION] ?? '[]') as Array<{ name: string; interface: string }>;
  assert.deepEqual(status.map((e) => `${e.name} ${e.interface}`), ['cluster eth0', 'test/bridge-net net1', 'test/macvlan-net net2']);

  // a restart between ADD and DEL: everything DEL needs is on disk
  await th.stopDaemon('SIGKILL');
  await th.startDaemon();
  await th.del(pod, 'sandbox-1');
  assertNothingLeaked(node, [pod]);
  assert.match(th.log(), /"msg":"DEL done"/);
});
