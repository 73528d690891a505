// DEL works from the delegate cache while the API server is down, and makes no API request at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { skipUnlessRealPlugins } from '../support/real-plugins.ts';
import { assertNothingLeaked, makeNode, multusConf } from './harness.ts';
import { kubeEnv } from './kube-env.ts';

test('DEL succeeds while the API server is down', async (t) => {
  if (skipUnlessRealPlugins(t)) return;
  const node = makeNode(t);
  const pod = node.pod();
  const { api, kubeconfig } = await kubeEnv(t, node, { 'bridge-net': node.network('bridge').config, 'macvlan-net': node.network('macvlan').config }, { 'k8s.v1.cni.cncf.io/networks': 'bridge-net,macvlan-net' });
  const conf = multusConf(node, { kubeconfig });
  const add = await node.multus('ADD', pod, conf);
  assert.equal(add.code, 0, add.stdout);
  // thin ADD: one pod read, the two NAD reads, one status write, and the events
  assert.equal(api.countRequests({ method: 'GET', resource: 'pods' }), 1);
  assert.equal(api.countRequests({ method: 'PATCH' }), 1);
  // a DEL with the API up makes no request at all: the delegate cache has all it needs
  const pod2 = node.pod();
  assert.equal((await node.multus('ADD', pod2, conf, { containerID: 'ctr-2' })).code, 0);
  api.clearRequests();
  assert.equal((await node.multus('DEL', pod2, conf, { containerID: 'ctr-2' })).code, 0);
  assert.deepEqual(api.requests.map((r) => `${r.method} ${r.path}`), [], 'DEL made no API request');
  // and so it works with the API server down
  await api.down();
  const del = await node.multus('DEL', pod, conf);
  assert.equal(del.code, 0, del.stdout + del.stderr);
  assertNothingLeaked(node, [pod, pod2]);
  await api.up();
});
