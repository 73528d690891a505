// Kubernetes: the daemon watches the fake API server (reachable from the node namespace); the pod object
// is keyed by the namespace, name and UID given to RunPodSandbox, which containerd passes on as
// K8S_POD_NAMESPACE / K8S_POD_NAME / K8S_POD_UID. The networks come from the pod's annotation on the
// API server (00-multus.conf has no pod-annotations capability here), and the network-status lands in
// the pod's annotation there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NETWORK_STATUS_ANNOTATION } from '../../src/multus/network-status.ts';
import { startFakeApiServer } from '../support/fake-apiserver/index.ts';
import { podIPv4s, podLinks, runInPod, skipUnlessContainerd } from '../support/containerd/index.ts';
import { bridgeTcpIntoNetns } from '../support/netns-tcp-bridge.ts';
import { PING_BIN } from '../support/netns.ts';
import { skipUnlessRealPlugins } from '../support/real-plugins.ts';
import { linkNames, makeNode, TWO_NETWORKS } from './harness.ts';

test('Kubernetes source: pods keyed by the CRI metadata get eth0 + net1 + net2, network-status on the API server, nothing left', async (t) => {
  if (skipUnlessContainerd(t) || skipUnlessRealPlugins(t)) return;
  const n = await makeNode(t);
  const api = await startFakeApiServer();
  t.after(() => api.close());
  await bridgeTcpIntoNetns(t, n.ns, api.port);
  const kubeconfig = await api.writeKubeconfig(join(n.dir, 'kubeconfig'));
  const bridge = n.netConfig('bridge', 'bridge-net');
  const macvlan = n.netConfig('macvlan', 'macvlan-net');
  api.createNad('team-a', 'bridge-net', bridge.config);
  api.createNad('team-a', 'macvlan-net', macvlan.config);
  const pods = ['web-1', 'web-2'].map((name, i) => ({ name, uid: `7d3c1a52-0000-4000-8000-00000000000${i}` }));
  for (const p of pods) api.createPod({ metadata: { name: p.name, namespace: 'team-a', uid: p.uid, annotations: TWO_NETWORKS }, spec: { nodeName: 'n1' } });
  await n.startDaemon({ kubeconfig });
  const conf = JSON.parse(readFileSync(join(n.confDir, '00-multus.conf'), 'utf8'));
  assert.equal(conf.capabilities?.['io.kubernetes.cri.pod-annotations'], undefined, 'no pod-annotations capability with Kubernetes');

  // no annotations on the sandbox: what the pod gets must come from the API server
  const sandboxes = [];
  for (const p of pods) sandboxes.push(await n.runPod(p.name, { namespace: 'team-a', uid: p.uid }));
  const addrs = sandboxes.map((s) => ({ eth0: podIPv4s(n.c, s.netns, 'eth0'), net1: podIPv4s(n.c, s.netns, 'net1'), net2: podIPv4s(n.c, s.netns, 'net2') }));
  for (const s of sandboxes) assert.deepEqual(linkNames(podLinks(n.c, s.netns)), ['eth0', 'lo', 'net1', 'net2'], s.name);
  const r = await runInPod(n.c, sandboxes[0].netns, [PING_BIN ?? 'ping', '-c', '1', '-W', '2', '-I', 'net1', addrs[1].net1[0]]);
  assert.equal(r.code, 0, `ping over net1: ${r.stdout}${r.stderr}`);

  for (const [i, p] of pods.entries()) {
    const obj = api.getPod('team-a', p.name);
    const text = obj?.metadata?.annotations?.[NETWORK_STATUS_ANNOTATION];
    assert.ok(text, `network-status of ${p.name} on the API server`);
    assert.deepEqual(JSON.parse(text).map((e: { name: string; interface: string; ips: string[] }) => [e.name, e.interface, e.ips]), [
      ['cluster', 'eth0', addrs[i].eth0],
      ['team-a/bridge-net', 'net1', addrs[i].net1],
      ['team-a/macvlan-net', 'net2', addrs[i].net2],
    ]);
  }
  const added = api.events({ namespace: 'team-a' }).filter((e) => e.reason === 'AddedInterface');
  assert.equal(added.length, 6, 'an AddedInterface event per interface and pod');

  for (const s of sandboxes) await n.stopAndRemove(s);
  assert.deepEqual(await n.leftovers(), []);

  // the UID really comes from the sandbox metadata: a sandbox of web-1 with another UID (a pod deleted
  // and re-created under the same name, its old sandbox still being set up) is refused
  const tStale = performance.now();
  const err = await n.runPod('web-1', { namespace: 'team-a', uid: 'stale-uid' }).then(() => assert.fail('RunPodSandbox succeeded'), (e: unknown) => e as Error);
  t.diagnostic(`RunPodSandbox with a stale UID refused after ${(performance.now() - tStale).toFixed(0)} ms`);
  assert.ok(err.message.includes(`expected pod UID "stale-uid" but got "${pods[0].uid}" from Kube API`), err.message);
  assert.deepEqual(await n.leftovers(), []);
});
