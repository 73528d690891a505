// The cluster network as a two-plugin conflist (bridge + host-local, then tuning), picked by `auto`:
// the whole chain runs on ADD (tuning's MTU is on eth0), and DEL at StopPodSandbox releases the address.
// Multus 4.2.2 leaks it here: it caches a stripped copy of the list and DEL fails with "no IP ranges
// specified" (upstream #1454, fixed after 4.2.4 by #1521).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { podIPv4s, podLink, skipUnlessContainerd } from '../support/containerd/index.ts';
import { skipUnlessRealPlugins } from '../support/real-plugins.ts';
import { makeNode, TWO_NETWORKS } from './harness.ts';

test('a bridge + tuning conflist picked by auto: the chain runs, StopPodSandbox releases its address', async (t) => {
  if (skipUnlessContainerd(t) || skipUnlessRealPlugins(t)) return;
  const n = await makeNode(t, { primary: { chain: [{ type: 'tuning', mtu: 1400 }] } });
  const primary = n.primary!;
  n.writeNad('demo', 'bridge-net', n.netConfig('bridge', 'bridge-net').config);
  n.writeNad('demo', 'macvlan-net', n.netConfig('macvlan', 'macvlan-net').config);
  await n.startDaemon({ localSource: { nadDir: n.nadDir, statusDir: n.statusDir } });
  assert.equal(JSON.parse(readFileSync(join(n.confDir, '00-multus.conf'), 'utf8')).clusterNetwork, primary.path, 'auto picked the conflist');

  const pod = await n.runPod('pod-a', { namespace: 'demo', annotations: TWO_NETWORKS });
  assert.equal(podLink(n.c, pod.netns, 'eth0').mtu, 1400, 'tuning, the second plugin of the list, ran');
  const [ip] = podIPv4s(n.c, pod.netns, 'eth0');
  const reserved = () => n.reserved(primary.name);
  assert.deepEqual(reserved(), [ip]);

  // what DEL will run: the cached master delegate is the whole list, IPAM section included (4.2.2
  // cached it without the ranges)
  const cache = JSON.parse(readFileSync(join(n.cniDir, pod.id), 'utf8')) as Array<{ Bytes: string }>;
  const cached = JSON.parse(Buffer.from(cache[0].Bytes, 'base64').toString('utf8'));
  assert.deepEqual(cached.plugins.map((p: { type: string }) => p.type), ['bridge', 'tuning']);
  assert.equal(cached.plugins[0].ipam.subnet, `${primary.subnet}.0/24`);

  await n.c.cri.stopPodSandbox(pod.id);
  assert.deepEqual(reserved(), [], 'the cluster address is released at Stop');
  await n.c.cri.removePodSandbox(pod.id);
  assert.deepEqual(await n.leftovers(), []);
});
