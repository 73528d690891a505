// The same pod on the local-files source, with no API server at all: NADs are YAML files, the pod's
// annotations arrive in runtimeConfig as containerd sends them (io.kubernetes.cri.pod-annotations),
// and the network-status is written to the local status file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LocalSource } from '../../src/multus/sources/local.ts';
import { linksIn } from '../support/netns.ts';
import { skipUnlessRealPlugins } from '../support/real-plugins.ts';
import { assertNothingLeaked, makeNode, multusConf } from './harness.ts';

test('cluster + bridge + macvlan + ptp on the local-files source', async (t) => {
  if (skipUnlessRealPlugins(t)) return;
  const node = makeNode(t);
  const pod = node.pod();
  const nadDir = join(node.dir, 'nads');
  const statusDir = join(node.dir, 'status');
  mkdirSync(nadDir);
  const nets = { 'bridge-net': node.network('bridge'), 'macvlan-net': node.network('macvlan'), 'ptp-net': node.network('ptp') };
  // one YAML file with several documents, as `kubectl get -o yaml` users keep them
  writeFileSync(join(nadDir, 'nads.yaml'), Object.entries(nets).map(([name, n]) => [
    'apiVersion: k8s.cni.cncf.io/v1', 'kind: NetworkAttachmentDefinition', `metadata:\n  name: ${name}\n  namespace: test`, `spec:\n  config: '${n.config}'`,
  ].join('\n')).join('\n---\n'));
  const conf = {
    ...multusConf(node, { localSource: { nadDir, statusDir } }),
    capabilities: { 'io.kubernetes.cri.pod-annotations': true },
    runtimeConfig: { 'io.kubernetes.cri.pod-annotations': { 'k8s.v1.cni.cncf.io/networks': '[{"name":"bridge-net"},{"name":"macvlan-net","interface":"mv0"},{"name":"ptp-net"}]', 'other/annotation': 'x' } },
  };
  const add = await node.multus('ADD', pod, conf, { args: { K8S_POD_UID: 'uid-1' } });
  assert.equal(add.code, 0, add.stdout + add.stderr);
  assert.deepEqual(linksIn(pod).map((l) => l.ifname).sort(), ['eth0', 'lo', 'mv0', 'net1', 'net3']);
  const status = await new LocalSource({ nadDir, statusDir }).readNetworkStatus({ namespace: 'test', name: 'testpod' });
  assert.ok(status, 'status file written');
  assert.deepEqual(JSON.parse(status).map((e: { name: string; interface: string; ips: string[] }) => [e.name, e.interface, e.ips]), [
    ['cluster', 'eth0', [JSON.parse(add.stdout).ips[0].address.split('/')[0]]],
    ['test/bridge-net', 'net1', [`${nets['bridge-net'].subnet}.2`]],
    ['test/macvlan-net', 'mv0', [`${nets['macvlan-net'].subnet}.2`]],
    ['test/ptp-net', 'net3', [`${nets['ptp-net'].subnet}.2`]],
  ]);
  assert.ok(existsSync(join(statusDir, 'events.jsonl')));
  const del = await node.multus('DEL', pod, conf, { args: { K8S_POD_UID: 'uid-1' } });
  assert.equal(del.code, 0, del.stdout);
  assertNothingLeaked(node, [pod]);
});
