// Issue 3, the main scenario on the Kubernetes source: a pod with the cluster network and three extra
// networks (bridge, macvlan, ptp — ipvlan's stand-in on kernels without it — all host-local) through the
// thin plugin gets four interfaces, an exact network-status and its events; DEL leaves nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { NETWORK_STATUS_ANNOTATION } from '../../src/multus/network-status.ts';
import { startFakeApiServer } from '../support/fake-apiserver/index.ts';
import { ipAddrIn, linksIn } from '../support/netns.ts';
import { bridgeTcpIntoNetns } from '../support/netns-tcp-bridge.ts';
import { skipUnlessRealPlugins } from '../support/real-plugins.ts';
import { assertNothingLeaked, makeNode, multusConf } from './harness.ts';

test('cluster + bridge + macvlan + ptp through the thin plugin, Kubernetes source', async (t) => {
  if (skipUnlessRealPlugins(t)) return;
  const node = makeNode(t);
  const pod = node.pod();
  const api = await startFakeApiServer();
  t.after(() => api.close());
  await bridgeTcpIntoNetns(t, node.ns, api.port);
  const kubeconfig = await api.writeKubeconfig(join(node.dir, 'kubeconfig'));
  const nets = { 'bridge-net': node.network('bridge'), 'macvlan-net': node.network('macvlan'), 'ptp-net': node.network('ptp') };
  for (const [name, n] of Object.entries(nets)) api.createNad('test', name, n.config);
  api.createPod({ metadata: { name: 'testpod', namespace: 'test', uid: 'uid-1', annotations: { 'k8s.v1.cni.cncf.io/networks': 'bridge-net,macvlan-net,ptp-net' } }, spec: { nodeName: 'n1' } });
  const conf = multusConf(node, { kubeconfig });

  const add = await node.multus('ADD', pod, conf, { args: { K8S_POD_UID: 'uid-1' } });
  assert.equal(add.code, 0, add.stdout + add.stderr);
  const result = JSON.parse(add.stdout);
  assert.equal(result.cniVersion, '1.0.0');
  assert.equal(result.interfaces.find((i: { sandbox?: string }) => i.sandbox).name, 'eth0', 'the result is the cluster network\'s');
  assert.deepEqual(linksIn(pod).map((l) => l.ifname).sort(), ['eth0', 'lo', 'net1', 'net2', 'net3']);

  const mac = (ifname: string) => ipAddrIn(pod, ifname).address;
  const cluster = result.ips[0].address.split('/')[0] as string;
  const text = api.getPod('test', 'testpod')?.metadata?.annotations?.[NETWORK_STATUS_ANNOTATION] ?? '';
  assert.ok(text.startsWith('[{\n    "name": "cluster",\n    "interface": "eth0",'), text);
  assert.equal(text.split('},{').length, 4, 'entries joined by "},{" as Multus writes them');
  assert.deepEqual(JSON.parse(text), [
    { name: 'cluster', interface: 'eth0', ips: [cluster], mac: mac('eth0'), default: true, dns: {}, gateway: [cluster.replace(/\.\d+$/, '.1')] },
    { name: 'test/bridge-net', interface: 'net1', ips: [`${nets['bridge-net'].subnet}.2`], mac: mac('net1'), dns: {} },
    { name: 'test/macvlan-net', interface: 'net2', ips: [`${nets['macvlan-net'].subnet}.2`], mac: mac('net2'), dns: {} },
    { name: 'test/ptp-net', interface: 'net3', ips: [`${nets['ptp-net'].subnet}.2`], mac: mac('net3'), dns: {} },
  ]);
  assert.deepEqual(api.events({ namespace: 'test' }).map((e) => `${e.type} ${e.reason} ${e.message}`).sort(), [
    `Normal AddedInterface Add eth0 [${cluster}/24] from cluster`,
    `Normal AddedInterface Add net1 [${nets['bridge-net'].subnet}.2/24] from test/bridge-net`,
    `Normal AddedInterface Add net2 [${nets['macvlan-net'].subnet}.2/24] from test/macvlan-net`,
    `Normal AddedInterface Add net3 [${nets['ptp-net'].subnet}.2/24] from test/ptp-net`,
  ]);

  const del = await node.multus('DEL', pod, conf, { args: { K8S_POD_UID: 'uid-1' } });
  assert.equal(del.code, 0, del.stdout + del.stderr);
  assertNothingLeaked(node, [pod]);
  // DEL never touches the network-status (Multus 4.x)
  assert.equal(api.getPod('test', 'testpod')?.metadata?.annotations?.[NETWORK_STATUS_ANNOTATION], text);
  const again = await node.multus('DEL', pod, conf, { args: { K8S_POD_UID: 'uid-1' } });
  assert.equal(again.code, 0, 'a second DEL succeeds');
});
