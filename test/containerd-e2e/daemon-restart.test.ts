// The daemon restarted between RunPodSandbox and StopPodSandbox (killed, not drained): everything the
// DEL needs is on disk (delegate caches and libcni result caches in cniDir), so Stop + Remove through
// the new daemon release every address and leave nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { podLinks, skipUnlessContainerd } from '../support/containerd/index.ts';
import { skipUnlessRealPlugins } from '../support/real-plugins.ts';
import { linkNames, makeNode, TWO_NETWORKS } from './harness.ts';

test('the daemon killed and restarted between Run and Stop loses nothing', async (t) => {
  if (skipUnlessContainerd(t) || skipUnlessRealPlugins(t)) return;
  const n = await makeNode(t);
  n.writeNad('demo', 'bridge-net', n.netConfig('bridge', 'bridge-net').config);
  n.writeNad('demo', 'macvlan-net', n.netConfig('macvlan', 'macvlan-net').config);
  const config = { localSource: { nadDir: n.nadDir, statusDir: n.statusDir } };
  await n.startDaemon(config);
  const pod = await n.runPod('pod-a', { namespace: 'demo', annotations: TWO_NETWORKS });
  assert.deepEqual(linkNames(podLinks(n.c, pod.netns)), ['eth0', 'lo', 'net1', 'net2']);
  const running = await n.leftovers();

  await n.stopDaemon('SIGKILL');
  await n.startDaemon(config);
  assert.deepEqual(await n.leftovers(), running, 'the restart itself touched nothing of the running pod');

  await n.stopAndRemove(pod);
  assert.deepEqual(await n.leftovers(), []);
});
