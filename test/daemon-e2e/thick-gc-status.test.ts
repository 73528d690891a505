// GC and STATUS reach the daemon through the shim and work without pod arguments (Multus 4.2 needs
// them, which runtimes do not send): GC reclaims the attachments the runtime no longer lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProcessExec } from '../../src/cni/exec/index.ts';
import { linksIn } from '../support/netns.ts';
import { skipUnlessRealPlugins } from '../support/real-plugins.ts';
import { assertNothingLeaked } from '../multus-e2e/harness.ts';
import { kubeEnv } from '../multus-e2e/kube-env.ts';
import { makeThick } from './harness.ts';

test('GC keeps exactly the valid attachments; STATUS answers', async (t) => {
  if (skipUnlessRealPlugins(t)) return;
  const th = await makeThick(t, {});
  const { node } = th;
  const { api, kubeconfig } = await kubeEnv(t, node, { 'bridge-net': node.network('bridge').config }, {});
  writeFileSync(th.configFile, JSON.stringify({ ...JSON.parse(readFileSync(th.configFile, 'utf8')), kubeconfig }));
  for (const n of ['a', 'b']) api.createPod({ metadata: { name: n, namespace: 'test', uid: `uid-${n}`, annotations: { 'k8s.v1.cni.cncf.io/networks': 'bridge-net' } }, spec: { nodeName: 'n1' } });
  await th.startDaemon();
  const [pa, pb] = [node.pod(), node.pod()];
  await th.add(pa, 'sb-a', 'a');
  await th.add(pb, 'sb-b', 'b');
  const conf = readFileSync(join(th.netd, '00-multus.conf'), 'utf8');
  const shim = (command: string, stdin: string) => new ProcessExec().exec({
    pluginPath: join(th.shimDir, 'multus-shim'), stdin,
    env: { PATH: '/usr/bin:/bin', CNI_COMMAND: command, CNI_CONTAINERID: '', CNI_NETNS: '', CNI_IFNAME: '', CNI_ARGS: '', CNI_PATH: th.shimDir },
  });
  // as libcni sends GC for a 1.1.0 list: name, cniVersion and the valid attachments, no pod args
  const gcStdin = JSON.stringify({ ...JSON.parse(conf), cniVersion: '1.1.0', 'cni.dev/valid-attachments': [{ containerID: 'sb-a', ifname: 'eth0' }], 'cni.dev/attachments': [{ containerID: 'sb-a', ifname: 'eth0' }] });
  await shim('GC', gcStdin);
  assert.deepEqual(linksIn(pa).map((l) => l.ifname).sort(), ['eth0', 'lo', 'net1'], 'the valid attachment is untouched');
  assert.deepEqual(linksIn(pb).map((l) => l.ifname), ['lo'], 'the stale one was deleted');
  await shim('STATUS', JSON.stringify({ ...JSON.parse(conf), cniVersion: '1.1.0' }));
  await th.del(pa, 'sb-a', 'a');
  assertNothingLeaked(node, [pa, pb]);
});
