// §3.4.5 / §3.5: `default-route` on one network moves the pod's default route there, in the pod and
// in libcni's cached results (so CHECK and GC agree); two IPv4 gateways are refused (ECMP, V1).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lab } from './lab.ts';

const KUBE = { name: 'n', type: 'multus', cniVersion: '1.0.0', kubeconfig: '/unused', delegates: [{ name: 'weave1', cniVersion: '1.0.0', type: 'weave-net' }] };
const reply = (addr: string, gw: string) => ({ stdout: `{"cniVersion":"1.0.0","interfaces":[{"name":"i","sandbox":"/var/run/netns/test"}],"ips":[{"address":"${addr}","gateway":"${gw}","interface":0}],"routes":[{"dst":"0.0.0.0/0","gw":"${gw}"},{"dst":"10.9.0.0/16"}]}` });

test('default-route on net1: the master loses its default route, net1 gets one via the requested gateway', async (t) => {
  const l = lab(t);
  l.source.addPod('test', 'testpod', 'testUID', { 'k8s.v1.cni.cncf.io/networks': '[{"name":"net1","default-route":["10.1.1.254"]}]' });
  l.source.addNad('test', 'net1', '{"name":"net1","type":"mynet","cniVersion":"1.0.0"}');
  l.exec.reply('weave-net', 'ADD', reply('10.244.1.5/24', '10.244.1.1')).reply('mynet', 'ADD', reply('10.1.1.21/24', '10.1.1.1'));
  const r = await l.add(KUBE);
  assert.deepEqual(l.netns.ops, ['del-default eth0', 'del-default net1', 'add-default net1 10.1.1.254']);
  const cached = (f: string) => JSON.parse(readFileSync(join(l.cniDir, 'results', f), 'utf8')).result.routes;
  assert.equal(cached('weave1-123456789-eth0').some((rt: { dst: string }) => rt.dst === '0.0.0.0/0'), false, 'master default route gone from the cache');
  assert.deepEqual(cached('net1-123456789-net1').filter((rt: { dst: string }) => rt.dst === '0.0.0.0/0'), [{ dst: '0.0.0.0/0', gw: '10.1.1.254' }]);
  // the runtime still sees the master's original result, and the status the plugins' original routes
  assert.deepEqual((r as { routes?: unknown[] }).routes, [{ dst: '0.0.0.0/0', gw: '10.244.1.1' }, { dst: '10.9.0.0/16' }]);
});

test('V1: two networks asking for an IPv4 default route are refused before anything runs', async (t) => {
  const l = lab(t);
  l.source.addPod('test', 'testpod', 'testUID', { 'k8s.v1.cni.cncf.io/networks': '[{"name":"net1","default-route":["10.1.1.254"]},{"name":"net1","default-route":["10.1.2.254"]}]' });
  l.source.addNad('test', 'net1', '{"name":"net1","type":"mynet","cniVersion":"1.0.0"}');
  await assert.rejects(l.add(KUBE), /multus does not support ECMP for default-route/);
  assert.deepEqual(l.exec.calls, []);
});
