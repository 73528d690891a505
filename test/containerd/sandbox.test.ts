// One pod sandbox through the real runtime with a plain bridge + host-local conflist (no multus):
// containerd execs the Debian plugins in the node namespace, the pod's netns gets eth0 with the
// address CRI reports; Stop releases the address (CNI DEL), Remove forgets the sandbox, and teardown
// leaves no process, cgroup, namespace or file behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ip } from '../support/netns.ts';
import { skipUnlessRealPlugins } from '../support/real-plugins.ts';
import {
  instanceLeftovers, podIPv4s, podLinks, podNetnsExists, skipUnlessContainerd, startContainerd,
} from '../support/containerd/index.ts';
import { cgroupDirs } from '../support/containerd/cgroups.ts';
import { pidLive } from '../support/containerd/procs.ts';

const NET = 'mts-bridge';

const BRIDGE_CONFLIST = {
  '10-bridge.conflist': {
    cniVersion: '1.0.0', name: NET,
    plugins: [{ type: 'bridge', bridge: 'mtsbr0', isGateway: true, ipMasq: false, ipam: { type: 'host-local', ranges: [[{ subnet: '10.99.7.0/24' }]] } }],
  },
};

/** host-local's reservations (one file per IP) in containerd's view of /var/lib/cni. */
function reservations(cniCacheDir: string): string[] {
  const d = join(cniCacheDir, 'networks', NET);
  return existsSync(d) ? readdirSync(d).filter((f) => /^\d+\.\d+\.\d+\.\d+$/.test(f)) : [];
}

test('RunPodSandbox sets up eth0 through bridge + host-local; Stop and Remove clean up', async (t) => {
  if (skipUnlessContainerd(t) || skipUnlessRealPlugins(t)) return;
  const c = await startContainerd(t, { cniConfFiles: BRIDGE_CONFLIST });

  const t0 = Date.now();
  const id = await c.cri.runPodSandbox({ name: 'pod-a', namespace: 'ns-a', uid: 'uid-a', labels: { app: 'a' }, annotations: { 'example.com/x': 'y' } });
  const tRun = Date.now() - t0;
  assert.match(id, /^[0-9a-f]{64}$/);

  const st = await c.cri.podSandboxStatus(id);
  assert.equal(st.state, 'SANDBOX_READY');
  assert.deepEqual(st.metadata, { name: 'pod-a', uid: 'uid-a', namespace: 'ns-a', attempt: 0 });
  assert.deepEqual(st.annotations, { 'example.com/x': 'y' });
  assert.match(st.ip, /^10\.99\.7\.\d+$/);
  assert.ok(st.pid && pidLive(st.pid), 'the pause process runs');
  assert.ok(st.netnsPath?.startsWith(`${c.stateDir}/`), `netns under the state dir: ${st.netnsPath}`);
  const netns = st.netnsPath!;

  // inside the pod: lo and eth0, eth0 holding the address CRI reported
  const names = podLinks(c, netns).map((l) => l.ifname).sort();
  assert.deepEqual(names, ['eth0', 'lo']);
  assert.deepEqual(podIPv4s(c, netns, 'eth0'), [st.ip]);
  // the plugins ran in the node namespace: the bridge is there, not on the host
  assert.ok(ip(['-n', c.nodeNs, '-j', 'link', 'show']).includes('"mtsbr0"'));
  assert.ok(!ip(['-j', 'link', 'show']).includes('"mtsbr0"'));
  assert.deepEqual(reservations(c.cniCacheDir), [st.ip]);
  assert.ok(cgroupDirs(`${c.cgroupParent}/${id}`).length > 0, 'the pod cgroup is under our parent');

  const list = await c.cri.listPodSandbox();
  assert.deepEqual(list.map((s) => [s.id, s.state, s.metadata.name, s.labels.app]), [[id, 'SANDBOX_READY', 'pod-a', 'a']]);
  assert.deepEqual((await c.cri.listPodSandbox({ labels: { app: 'nope' } })).length, 0);

  const t1 = Date.now();
  await c.cri.stopPodSandbox(id);
  const tStop = Date.now() - t1;
  assert.deepEqual(reservations(c.cniCacheDir), [], 'DEL released the address');
  assert.equal(podNetnsExists(c, netns), false, 'the netns is gone');
  assert.equal(pidLive(st.pid!), false, 'pause stopped');
  const stopped = await c.cri.podSandboxStatus(id);
  assert.equal(stopped.state, 'SANDBOX_NOTREADY');
  await c.cri.stopPodSandbox(id); // kubelet stops more than once: must be fine

  const t2 = Date.now();
  await c.cri.removePodSandbox(id);
  const tRemove = Date.now() - t2;
  assert.deepEqual(await c.cri.listPodSandbox(), []);
  await assert.rejects(c.cri.podSandboxStatus(id), /not found|does not exist/i);
  t.diagnostic(`RunPodSandbox ${tRun} ms, StopPodSandbox ${tStop} ms, RemovePodSandbox ${tRemove} ms`);

  await c.stop();
  assert.deepEqual(instanceLeftovers(c), []);
  assert.equal(pidLive(c.pid), false);
});

test('teardown of a still-running sandbox (no Stop by the test) leaves nothing', async (t) => {
  if (skipUnlessContainerd(t) || skipUnlessRealPlugins(t)) return;
  const c = await startContainerd(t, { cniConfFiles: BRIDGE_CONFLIST });
  const id = await c.cri.runPodSandbox({ name: 'pod-b' });
  const st = await c.cri.podSandboxStatus(id);
  // the forced path: no CRI Stop/Remove, only PIDs, cgroups, namespaces and dirs
  await c.stop({ graceful: false });
  assert.equal(pidLive(st.pid!), false, 'pause killed');
  assert.deepEqual(instanceLeftovers(c), []);
});
