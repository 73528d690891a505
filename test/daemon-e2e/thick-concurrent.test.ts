// Many pods ADDed and DELed at once through shim + daemon: every pod gets its interfaces and distinct
// addresses, and afterwards nothing is left.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { resultToJSON } from '../../src/cni/result/index.ts';
import { linksIn } from '../support/netns.ts';
import { skipUnlessRealPlugins } from '../support/real-plugins.ts';
import { assertNothingLeaked } from '../multus-e2e/harness.ts';
import { kubeEnv } from '../multus-e2e/kube-env.ts';
import { makeThick } from './harness.ts';

const PODS = 12;

test(`${PODS} pods ADDed and DELed concurrently`, async (t) => {
  if (skipUnlessRealPlugins(t)) return;
  const th = await makeThick(t, { delegateConcurrency: 4 });
  const { node } = th;
  const { api, kubeconfig } = await kubeEnv(t, node, { 'bridge-net': node.network('bridge').config }, {});
  writeFileSync(th.configFile, JSON.stringify({ ...JSON.parse(readFileSync(th.configFile, 'utf8')), kubeconfig }));
  const names = Array.from({ length: PODS }, (_, i) => `pod${i}`);
  for (const n of names) api.createPod({ metadata: { name: n, namespace: 'test', uid: `uid-${n}`, annotations: { 'k8s.v1.cni.cncf.io/networks': 'bridge-net' } }, spec: { nodeName: 'n1' } });
  await th.startDaemon();
  const pods = names.map(() => node.pod());
  const results = await Promise.all(names.map((n, i) => th.add(pods[i], `sb-${n}`, n)));
  const addrs = results.map((r) => (resultToJSON(r) as { ips: Array<{ address: string }> }).ips[0].address);
  assert.equal(new Set(addrs).size, PODS, 'distinct cluster addresses');
  for (const p of pods) assert.deepEqual(linksIn(p).map((l) => l.ifname).sort(), ['eth0', 'lo', 'net1']);
  await Promise.all(names.map((n, i) => th.del(pods[i], `sb-${n}`, n)));
  assertNothingLeaked(node, pods);
});
