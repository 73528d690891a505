// A failing delegate: one of the pod's NADs has an invalid host-local subnet. RunPodSandbox fails with
// our message quoted in the CRI error (containerd 1.6: `plugin type="multus-shim" name="multus-cni-network" failed (add): …`), and
// after our own rollback plus containerd's rollback DEL nothing is left — not even the cluster
// network's address, which was already allocated when the second delegate failed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CriError, skipUnlessContainerd } from '../support/containerd/index.ts';
import { skipUnlessRealPlugins } from '../support/real-plugins.ts';
import { makeNode, NETWORKS_ANNOTATION } from './harness.ts';

test('a NAD with an invalid subnet fails RunPodSandbox with our message; nothing leaks', async (t) => {
  if (skipUnlessContainerd(t) || skipUnlessRealPlugins(t)) return;
  const n = await makeNode(t);
  n.writeNad('demo', 'bridge-net', n.netConfig('bridge', 'bridge-net').config);
  n.writeNad('demo', 'bad-net', n.netConfig('bridge', 'bad-net', { subnet: '10.300.0.0/24' }).config);
  await n.startDaemon({ localSource: { nadDir: n.nadDir, statusDir: n.statusDir } });

  const err = await n.runPod('pod-a', { namespace: 'demo', annotations: { [NETWORKS_ANNOTATION]: 'bridge-net,bad-net' } }).then(
    () => assert.fail('RunPodSandbox succeeded'), (e: unknown) => e);
  assert.ok(err instanceof CriError, String(err));
  t.diagnostic(err.details);
  // our message (Multus' format: pod, network, the delegate's own error), quoted by containerd
  assert.match(err.details, /^failed to setup network for sandbox "[0-9a-f]{64}": /);
  assert.ok(err.details.endsWith('plugin type="multus-shim" name="multus-cni-network" failed (add): '
    + '[demo/pod-a/uid-demo-pod-a:bad-net]: error adding container to network "bad-net": invalid CIDR address: 10.300.0.0/24'), err.details);

  assert.deepEqual(await n.c.cri.listPodSandbox(), [], 'containerd forgot the failed sandbox');
  assert.deepEqual(await n.leftovers(), []);
  const log = n.daemonLog();
  assert.match(log, /"msg":"ADD failed"/);
  assert.ok(log.indexOf('"msg":"DEL done"') > log.indexOf('"msg":"ADD failed"'), 'containerd\'s rollback DEL came and succeeded');
});
