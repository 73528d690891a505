// DEL as containerd does it: StopPodSandbox (DEL with the netns and a prevResult from its libcni cache),
// StopPodSandbox again (DEL with CNI_NETNS empty, no prevResult: the netns is gone), RemovePodSandbox (a
// third DEL). Every call succeeds; the first cleans up everything, the second and third change nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { skipUnlessContainerd } from '../support/containerd/index.ts';
import { skipUnlessRealPlugins } from '../support/real-plugins.ts';
import { makeNode, TWO_NETWORKS } from './harness.ts';

test('Stop, Stop again, Remove: three DELs succeed, the first cleans up, the others change nothing', async (t) => {
  if (skipUnlessContainerd(t) || skipUnlessRealPlugins(t)) return;
  const n = await makeNode(t);
  n.writeNad('demo', 'bridge-net', n.netConfig('bridge', 'bridge-net').config);
  n.writeNad('demo', 'macvlan-net', n.netConfig('macvlan', 'macvlan-net').config);
  await n.startDaemon({ localSource: { nadDir: n.nadDir, statusDir: n.statusDir } });
  const pod = await n.runPod('pod-a', { namespace: 'demo', annotations: TWO_NETWORKS });
  // a bystander keeps running: the repeated DELs must not touch what belongs to it
  const other = await n.runPod('pod-b', { namespace: 'demo', annotations: TWO_NETWORKS });
  const dels = () => n.daemonLog().split('\n').filter((l) => l.includes('"msg":"DEL done"') && l.includes(pod.id)).length;
  const failures = () => n.daemonLog().split('\n').filter((l) => l.includes('failed"'));
  // besides the sandbox itself (NOTREADY until Remove), nothing of pod-a may survive its first Stop:
  // what is left is the bystander's, and stays exactly as it is
  const state = async () => (await n.leftovers()).filter((l) => !l.startsWith('sandbox ')).sort();
  const before = await state();

  await n.c.cri.stopPodSandbox(pod.id);
  assert.equal(dels(), 1, 'Stop: one DEL');
  const afterFirst = await state();
  assert.ok(afterFirst.length > 0 && afterFirst.length < before.length, 'the first DEL released pod-a');
  assert.ok(afterFirst.every((l) => !l.includes(pod.id)), `pod-a's caches are gone: ${afterFirst.join('; ')}`);
  assert.equal((await n.c.cri.podSandboxStatus(pod.id)).state, 'SANDBOX_NOTREADY');

  await n.c.cri.stopPodSandbox(pod.id);
  assert.equal(dels(), 2, 'Stop again: another DEL, without a netns');
  assert.deepEqual(await state(), afterFirst, 'the second DEL changes nothing');

  await n.c.cri.removePodSandbox(pod.id);
  assert.equal(dels(), 3, 'Remove: a third DEL');
  assert.deepEqual(await state(), afterFirst, 'the third DEL changes nothing');
  assert.deepEqual(failures(), [], 'no request failed');

  await n.stopAndRemove(other);
  assert.deepEqual(await n.leftovers(), []);
});
