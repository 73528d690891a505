// The pod is deleted while the runtime sets it up: ADD returns the structured empty result without
// running any delegate; the following DEL succeeds without calling a plugin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { podNetnsPath } from '../support/netns.ts';
import { skipUnlessRealPlugins } from '../support/real-plugins.ts';
import { assertNothingLeaked, makeNode, multusConf } from './harness.ts';
import { kubeEnv } from './kube-env.ts';

test('pod gone during ADD → the empty result, nothing attached, nothing cached', async (t) => {
  if (skipUnlessRealPlugins(t)) return;
  const node = makeNode(t);
  const pod = node.pod();
  const { api, kubeconfig } = await kubeEnv(t, node, { 'bridge-net': node.network('bridge').config }, { 'k8s.v1.cni.cncf.io/networks': 'bridge-net' });
  api.deletePod('test', 'testpod');
  for (const cniVersion of ['1.0.0', '0.4.0', '0.3.1']) {
    const add = await node.multus('ADD', pod, { ...multusConf(node, { kubeconfig }), cniVersion });
    assert.equal(add.code, 0, add.stdout);
    const r = JSON.parse(add.stdout);
    assert.equal(r.cniVersion, cniVersion);
    assert.deepEqual(r.interfaces, [{ name: 'eth0', sandbox: podNetnsPath(pod) }]);
    assert.deepEqual(r.ips, [cniVersion === '1.0.0' ? { address: '0.0.0.0/0', gateway: '0.0.0.0' } : { version: '4', address: '0.0.0.0/0', gateway: '0.0.0.0' }]);
  }
  assert.equal(existsSync(node.cniDir), false, 'no delegate ran, nothing was cached');
  const del = await node.multus('DEL', pod, multusConf(node, { kubeconfig }));
  assert.equal(del.code, 0, del.stdout);
  assertNothingLeaked(node, [pod]);
});
