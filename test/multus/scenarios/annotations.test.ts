// multus.md §6.2 / §6.3 through the ADD flow: S35, S36, S38, S41, S74, S76, S91, V5, V9.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lab } from './lab.ts';

const KUBE = { name: 'node-cni-network', type: 'multus', cniVersion: '1.0.0', kubeconfig: '/unused', delegates: [{ name: 'weave1', cniVersion: '1.0.0', type: 'weave-net' }] };
const ips = (a: string) => ({ stdout: `{"cniVersion":"1.0.0","interfaces":[{"name":"x","sandbox":"/var/run/netns/test"}],"ips":[{"address":"${a}","interface":0}]}` });

test('S35/S91: annotation net1,net2 → two delegates after the master, events for each', async (t) => {
  const l = lab(t);
  l.source.addPod('test', 'testpod', 'testUID', { 'k8s.v1.cni.cncf.io/networks': 'net1,net2' });
  for (const [n, ty] of [['net1', 'mynet'], ['net2', 'mynet2'], ['net3', 'mynet3']]) l.source.addNad('test', n, `{"name":"${n}","type":"${ty}","cniVersion":"1.0.0"}`);
  l.exec.reply('weave-net', 'ADD', ips('1.1.1.2/24')).reply('mynet', 'ADD', ips('1.1.1.3/24')).reply('mynet2', 'ADD', ips('1.1.1.4/24'));
  await l.add(KUBE);
  assert.deepEqual(l.exec.calls.map((c) => `${c.type} ${c.env.CNI_IFNAME}`), ['weave-net eth0', 'mynet net1', 'mynet2 net2']);
  assert.deepEqual(l.source.events.map((e) => `${e.type} ${e.reason} ${e.message}`), [
    'Normal AddedInterface Add eth0 [1.1.1.2/24] from weave1',
    'Normal AddedInterface Add net1 [1.1.1.3/24] from test/net1',
    'Normal AddedInterface Add net2 [1.1.1.4/24] from test/net2',
  ]);
  assert.deepEqual(JSON.parse(l.source.statuses.get('test/testpod') ?? '[]').map((e: { name: string; interface: string }) => `${e.name} ${e.interface}`), ['weave1 x', 'test/net1 x', 'test/net2 x']);
});

test('S36: a missing NAD fails the ADD with Multus\' message, a NoNetworkFound event, and nothing runs', async (t) => {
  const l = lab(t);
  l.source.addPod('test', 'testpod', 'testUID', { 'k8s.v1.cni.cncf.io/networks': 'net1,net2' });
  l.source.addNad('test', 'net3', '{"name":"net3","type":"mynet3","cniVersion":"1.0.0"}');
  await assert.rejects(l.add(KUBE), {
    message: 'Multus: [test/testpod/testUID]: error loading k8s delegates k8s args: GetNetworkDelegates: failed getting the delegate: getKubernetesDelegate: cannot find a network-attachment-definition (net1) in namespace (test): network-attachment-definitions.k8s.cni.cncf.io "net1" not found',
  });
  assert.deepEqual(l.exec.calls, []);
  assert.deepEqual(l.source.events.map((e) => e.reason), ['NoNetworkFound']);
});

test('S38: a JSON annotation that is not JSON', async (t) => {
  const l = lab(t);
  l.source.addPod('test', 'testpod', 'testUID', { 'k8s.v1.cni.cncf.io/networks': '[adsfasdfasdfasf]' });
  await assert.rejects(l.add(KUBE), /parsePodNetworkAnnotation: failed to parse pod Network Attachment Selection Annotation JSON format: invalid character 'a' looking for beginning of value/);
});

test('S41: a NAD config without a name gets the NAD name; V5: explicit names consume an index', async (t) => {
  const l = lab(t);
  l.source.addPod('test', 'testpod', 'testUID', { 'k8s.v1.cni.cncf.io/networks': 'net1@foo,net1' });
  l.source.addNad('test', 'net1', '{"type": "mynet"}');
  await l.add(KUBE);
  assert.deepEqual(l.exec.calls.map((c) => c.env.CNI_IFNAME), ['eth0', 'foo', 'net2']);
  assert.deepEqual(l.exec.calls[1].json, { name: 'net1', type: 'mynet', cniVersion: '' });
});

test('S74: selection mac/ips/bandwidth/portMappings become the delegate\'s runtimeConfig (and MAC=/IP= args)', async (t) => {
  const l = lab(t);
  l.source.addPod('test', 'testpod', 'testUID', { 'k8s.v1.cni.cncf.io/networks': '[{"name":"net1","mac":"c2:11:22:33:44:66","ips":["10.0.0.1"],"bandwidth":{"ingressRate":2048,"ingressBurst":1600,"egressRate":4096,"egressBurst":1600},"portMappings":[{"hostPort":8080,"containerPort":80,"protocol":"tcp"},{"hostPort":8000,"containerPort":8001,"protocol":"udp"}]}]' });
  l.source.addNad('test', 'net1', '{"name":"net1","type":"mynet","capabilities":{"mac":true,"ips":true,"bandwidth":true,"portMappings":true},"cniVersion":"1.0.0"}');
  await l.add(KUBE);
  const net1 = l.exec.calls[1];
  assert.deepEqual(net1.json.runtimeConfig, {
    ips: ['10.0.0.1'], mac: 'c2:11:22:33:44:66',
    bandwidth: { ingressRate: 2048, ingressBurst: 1600, egressRate: 4096, egressBurst: 1600 },
    portMappings: [{ hostPort: 8080, containerPort: 80, protocol: 'tcp' }, { hostPort: 8000, containerPort: 8001, protocol: 'udp' }],
  });
  assert.equal(net1.env.CNI_ARGS, 'IgnoreUnknown=true;K8S_POD_NAMESPACE=test;K8S_POD_NAME=testpod;K8S_POD_INFRA_CONTAINER_ID=123456789;K8S_POD_UID=testUID;MAC=c2:11:22:33:44:66;IP=10.0.0.1');
  assert.equal(l.exec.calls[0].json.runtimeConfig, undefined, 'the master ignores selection requests');
});

test('S76: ADD with net1, pod deleted from the API, DEL runs both delegates from the cache', async (t) => {
  const l = lab(t);
  l.source.addPod('test', 'testpod', 'testUID', { 'k8s.v1.cni.cncf.io/networks': 'net1' });
  l.source.addNad('test', 'net1', '{"name":"net1","type":"mynet","cniVersion":"1.0.0"}');
  await l.add(KUBE);
  l.source.pods.clear();
  l.exec.calls.length = 0;
  await l.del(KUBE);
  assert.deepEqual(l.exec.order(), ['DEL mynet', 'DEL weave-net']);
  assert.equal(l.source.calls.getPod, 1, 'DEL with a cache does not look the pod up');
});

test('V9: the default-network annotation replaces the master; status and event name it', async (t) => {
  const l = lab(t);
  l.source.addPod('test', 'testpod', 'testUID', { 'v1.multus-cni.io/default-network': 'alt', 'k8s.v1.cni.cncf.io/networks': 'net1' });
  l.source.addNad('kube-system', 'alt', '{"cniVersion":"0.3.1","type":"mynet2"}');
  l.source.addNad('test', 'net1', '{"name":"net1","type":"mynet","cniVersion":"1.0.0"}');
  l.exec.reply('mynet2', 'ADD', { stdout: '{"cniVersion":"0.3.1","interfaces":[{"name":"eth0","sandbox":"/var/run/netns/test"}],"ips":[{"version":"4","address":"10.1.1.5/24","interface":0}]}' });
  l.exec.reply('mynet', 'ADD', ips('10.1.2.5/24'));
  await l.add(KUBE);
  assert.deepEqual(l.exec.calls[0].json, { cniVersion: '0.3.1', name: 'alt', type: 'mynet2' });
  assert.equal(l.exec.calls[0].env.CNI_IFNAME, 'eth0');
  const status = JSON.parse(l.source.statuses.get('test/testpod') ?? '[]') as Array<{ name: string; default?: boolean }>;
  assert.deepEqual(status.map((e) => [e.name, e.default ?? false]), [['kube-system/alt', true], ['test/net1', false]]);
  assert.equal(l.source.events[0].message, 'Add eth0 [10.1.1.5/24] from kube-system/alt');
});
