// A failing third delegate rolls back the first two: nothing is leaked, the error names the network.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { skipUnlessRealPlugins } from '../support/real-plugins.ts';
import { assertNothingLeaked, makeNode, multusConf } from './harness.ts';
import { kubeEnv } from './kube-env.ts';

test('the third network fails: the cluster network and the first extra network are deleted again', async (t) => {
  if (skipUnlessRealPlugins(t)) return;
  const node = makeNode(t);
  const pod = node.pod();
  const broken = JSON.stringify({ cniVersion: '1.0.0', type: 'ptp', ipam: { type: 'host-local', subnet: '10.254.77.0/33', dataDir: node.ipamDir } });
  const { api, kubeconfig } = await kubeEnv(t, node, { 'bridge-net': node.network('bridge').config, 'broken-net': broken }, { 'k8s.v1.cni.cncf.io/networks': 'bridge-net,broken-net' });
  const conf = multusConf(node, { kubeconfig });
  const add = await node.multus('ADD', pod, conf);
  assert.equal(add.code, 1);
  const err = JSON.parse(add.stdout) as { code: number; msg: string };
  assert.match(err.msg, /^\[test\/testpod\/:broken-net\]: error adding container to network "broken-net": invalid CIDR address: 10\.254\.77\.0\/33/);
  assertNothingLeaked(node, [pod]);
  assert.equal(existsSync(join(node.cniDir, 'ctr-1')), false, 'a fully rolled-back ADD leaves no delegate cache');
  assert.equal(api.getPod('test', 'testpod')?.metadata?.annotations?.['k8s.v1.cni.cncf.io/network-status'], undefined, 'no status for a failed ADD');
  // the runtime's DEL after the failed ADD succeeds and changes nothing
  const del = await node.multus('DEL', pod, conf);
  assert.equal(del.code, 0, del.stdout);
  assertNothingLeaked(node, [pod]);
});
