// The daemon down (stopped; 00-multus.conf stays, as multus-ts keeps it unless deleteConfigOnExit):
// RunPodSandbox fails with the shim's "multus-ts daemon not reachable" error (CNI code 11, "try again
// later") and no pod runs with only the primary network. containerd cannot roll back either (its DEL
// fails the same way), so it keeps the sandbox NOTREADY with its netns for the kubelet to clean up;
// once the daemon is back, Stop + Remove of that sandbox and a new RunPodSandbox of the pod succeed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CriError, podLinks, skipUnlessContainerd } from '../support/containerd/index.ts';
import { skipUnlessRealPlugins } from '../support/real-plugins.ts';
import { linkNames, makeNode, TWO_NETWORKS } from './harness.ts';

test('the daemon down: RunPodSandbox fails with the shim\'s code-11 error, no pod with only the primary network', async (t) => {
  if (skipUnlessContainerd(t) || skipUnlessRealPlugins(t)) return;
  const n = await makeNode(t);
  n.writeNad('demo', 'bridge-net', n.netConfig('bridge', 'bridge-net').config);
  n.writeNad('demo', 'macvlan-net', n.netConfig('macvlan', 'macvlan-net').config);
  const config = { localSource: { nadDir: n.nadDir, statusDir: n.statusDir } };
  await n.startDaemon(config);
  await n.stopDaemon('SIGTERM');
  const confPath = join(n.confDir, '00-multus.conf');
  assert.ok(existsSync(confPath), '00-multus.conf outlives the daemon');
  assert.equal((await n.loadedNetwork())?.plugins[0]?.type, 'multus-shim', 'containerd still calls the shim');

  const socket = join(n.socketDir, 'multus.sock');
  const t0 = performance.now();
  const err = await n.runPod('pod-a', { namespace: 'demo', annotations: TWO_NETWORKS }).then(() => assert.fail('RunPodSandbox succeeded'), (e: unknown) => e);
  t.diagnostic(`RunPodSandbox failed after ${(performance.now() - t0).toFixed(0)} ms (the shim retries the connect for 1 s, on ADD and on the rollback DEL)`);
  assert.ok(err instanceof CriError, String(err));
  // (the socket is gone after a clean stop, refused after a crash: either is "not reachable")
  const quoted = `plugin type="multus-shim" name="multus-cni-network" failed (add): multus-ts daemon not reachable at ${socket}: `;
  assert.ok(err.details.includes(quoted), err.details);
  assert.match(err.details.slice(err.details.indexOf(quoted) + quoted.length), /^(No such file or directory|Connection refused); is the multus-daemon running on this node\?/);

  // libcni's error text drops the CNI code: ask the shim itself, exactly as containerd called it
  const shim = spawnSync(join(n.binDir, 'multus-shim'), [], {
    input: readFileSync(confPath), encoding: 'utf8',
    env: { CNI_COMMAND: 'ADD', CNI_CONTAINERID: 'probe', CNI_NETNS: '/proc/self/ns/net', CNI_IFNAME: 'eth0', CNI_PATH: n.binDir, MULTUS_SHIM_CONNECT_TIMEOUT_MS: '50' },
  });
  assert.notEqual(shim.status, 0);
  const answer = JSON.parse(shim.stdout) as { code: number; msg: string };
  assert.equal(answer.code, 11);
  assert.match(answer.msg, /^multus-ts daemon not reachable at /);

  // not a single plugin ran: no sandbox is ready, the kept one has only lo, no address was allocated
  const sandboxes = await n.c.cri.listPodSandbox();
  assert.deepEqual(sandboxes.map((s) => [s.metadata.name, s.state]), [['pod-a', 'SANDBOX_NOTREADY']]);
  const kept = await n.c.cri.podSandboxStatus(sandboxes[0].id);
  assert.equal(kept.ip, '');
  assert.ok(kept.netnsPath, 'containerd keeps the failed sandbox\'s netns');
  assert.deepEqual(linkNames(podLinks(n.c, kept.netnsPath)), ['lo']);
  assert.deepEqual(n.reserved(n.primary!.name), [], 'the primary was never called');

  // the kubelet's retry once the daemon is back
  await n.startDaemon(config);
  await n.c.cri.stopPodSandbox(sandboxes[0].id);
  await n.c.cri.removePodSandbox(sandboxes[0].id);
  const pod = await n.runPod('pod-a', { namespace: 'demo', annotations: TWO_NETWORKS });
  assert.deepEqual(linkNames(podLinks(n.c, pod.netns)), ['eth0', 'lo', 'net1', 'net2']);
  await n.stopAndRemove(pod);
  assert.deepEqual(await n.leftovers(), []);
});
