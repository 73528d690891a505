// multus.md §3.4.6: `auxiliaryCNIChainName: X` appends the `*.conf` files of
// `<dirname(clusterNetwork)>/X/`, headed by passthru, as the pod's last delegate (its own list, so the
// chain sees passthru's empty prevResult); DEL from the cache runs it too. No files → no chain; a
// chain that cannot be loaded is logged and skipped; clusterNetwork must be a path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lab } from './lab.ts';

const TYPES = ['weave-net', 'mynet', 'passthru', 'chain-a', 'chain-b'];
const RESULT = '{"cniVersion":"1.0.0","interfaces":[{"name":"eth0","sandbox":"/var/run/netns/test"}],"ips":[{"address":"1.1.1.2/24","interface":0}]}';

function setup(t: Parameters<typeof lab>[0], chainFiles: Record<string, string>) {
  const l = lab(t, TYPES);
  const cluster = join(l.confDir, '10-cluster.conf');
  writeFileSync(cluster, '{"cniVersion":"1.0.0","name":"cluster","type":"weave-net"}');
  mkdirSync(join(l.confDir, 'aux'));
  for (const [f, text] of Object.entries(chainFiles)) writeFileSync(join(l.confDir, 'aux', f), text);
  l.source.addPod('test', 'testpod', 'testUID', { 'k8s.v1.cni.cncf.io/networks': 'net1' });
  l.source.addNad('test', 'net1', '{"cniVersion":"1.0.0","name":"net1","type":"mynet"}');
  l.exec.reply('weave-net', 'ADD', { stdout: RESULT }).reply('mynet', 'ADD', { stdout: RESULT });
  l.exec.reply('passthru', 'ADD', { stdout: '{"cniVersion":"1.0.0","interfaces":[],"ips":[],"routes":[],"dns":{}}' });
  l.exec.reply('chain-a', 'ADD', { passthrough: true }).reply('chain-b', 'ADD', { passthrough: true });
  const conf = { name: 'multus-cni-network', type: 'multus', cniVersion: '1.0.0', kubeconfig: '/unused', clusterNetwork: cluster, auxiliaryCNIChainName: 'aux' };
  return { l, conf };
}

test('the chain runs last, on the next interface name, headed by passthru; DEL runs it first', async (t) => {
  const { l, conf } = setup(t, { '20-b.conf': '{"type":"chain-b", "big": 12345678901234567890 }', '10-a.conf': '{"type":"chain-a"}', 'ignored.json': '{"type":"mynet"}' });
  await l.add(conf);
  assert.deepEqual(l.exec.calls.map((c) => `${c.command} ${c.type} ${c.env.CNI_IFNAME}`), [
    'ADD weave-net eth0', 'ADD mynet net1', 'ADD passthru net2', 'ADD chain-a net2', 'ADD chain-b net2',
  ]);
  const a = l.exec.calls[3].json as { name: string; cniVersion: string; prevResult: unknown };
  assert.equal(a.name, 'aux');
  assert.equal(a.cniVersion, '1.0.0');
  // passthru's empty result (empty lists dropped, as libcni's omitempty), not the pod's interfaces/ips
  assert.deepEqual(a.prevResult, { cniVersion: '1.0.0' });
  assert.match(l.exec.calls[4].stdin, /"big":\s*12345678901234567890\b/, 'the file\'s values are passed on as written (no float rounding)');
  l.exec.calls.length = 0;
  await l.del(conf);
  assert.deepEqual(l.exec.calls.map((c) => `${c.command} ${c.type}`), ['DEL chain-b', 'DEL chain-a', 'DEL passthru', 'DEL mynet', 'DEL weave-net']);
});

test('no .conf file in the chain dir: no chain', async (t) => {
  const { l, conf } = setup(t, { 'only.json': '{"type":"chain-a"}' });
  await l.add(conf);
  assert.deepEqual(l.exec.order(), ['ADD weave-net', 'ADD mynet']);
});

test('a chain file that is not JSON: the chain is skipped, the pod still gets its networks', async (t) => {
  const { l, conf } = setup(t, { '10-a.conf': '{"type":"chain-a"', '20-b.conf': '{"type":"chain-b"}' });
  await l.add(conf);
  assert.deepEqual(l.exec.order(), ['ADD weave-net', 'ADD mynet']);
});

test('the chain needs clusterNetwork to be a path', async (t) => {
  const { l, conf } = setup(t, { '10-a.conf': '{"type":"chain-a"}' });
  l.source.addNad('kube-system', 'cluster', '{"cniVersion":"1.0.0","name":"cluster","type":"weave-net"}');
  await assert.rejects(l.add({ ...conf, clusterNetwork: 'cluster' }), /auxiliary chain used but ClusterNetwork must be a path, and it is not a path: cluster/);
  assert.deepEqual(l.exec.calls, []);
});
