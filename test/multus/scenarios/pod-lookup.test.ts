// §3.2 / §3.7: pod missing (S83, V6), UID mismatch (S88, V8), static pods, transient API errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resultToJSON } from '../../../src/cni/result/index.ts';
import { lab } from './lab.ts';

const conf = (v = '1.1.0') => ({ name: 'n', type: 'multus', cniVersion: v, kubeconfig: '/unused', delegates: [{ name: 'weave1', cniVersion: v, type: 'weave-net' }] });

test('S83/V6: a pod missing from the API gets the structured empty result; nothing runs; DEL then succeeds', async (t) => {
  const l = lab(t);
  const r = await l.add(conf('1.1.0'));
  assert.deepEqual(resultToJSON(r), { cniVersion: '1.1.0', interfaces: [{ name: 'eth0', sandbox: '/var/run/netns/test' }], ips: [{ address: '0.0.0.0/0', gateway: '0.0.0.0' }] });
  const r031 = await l.add(conf('0.3.1'));
  assert.deepEqual(resultToJSON(r031), { cniVersion: '0.3.1', interfaces: [{ name: 'eth0', sandbox: '/var/run/netns/test' }], ips: [{ version: '4', address: '0.0.0.0/0', gateway: '0.0.0.0' }], dns: {} });
  assert.deepEqual(l.exec.calls, []);
  assert.equal(existsSync(l.cniDir), false);
  await l.del(conf());
  assert.deepEqual(l.exec.calls, []);
});

test('S88/V8: a UID mismatch fails ADD; DEL then succeeds without running anything; static pods are exempt', async (t) => {
  const l = lab(t);
  l.source.addPod('test', 'testpod', 'testUID');
  const args = 'IgnoreUnknown=1;K8S_POD_NAMESPACE=test;K8S_POD_NAME=testpod;K8S_POD_UID=foobar';
  await assert.rejects(l.add(conf(), { args }), { message: 'Multus: [test/testpod/foobar]: expected pod UID "foobar" but got "testUID" from Kube API' });
  await l.del(conf(), { args });
  assert.deepEqual(l.exec.calls, []);
  l.source.addPod('test', 'testpod', 'testUID', { 'kubernetes.io/config.source': 'file' });
  await l.add(conf(), { args });
  assert.deepEqual(l.exec.order(), ['ADD weave-net']);
});

test('transient API errors are retried within podLookupTimeoutMs; a lasting outage fails with code 11', async (t) => {
  const l = lab(t);
  l.source.addPod('test', 'testpod', 'testUID');
  l.source.failing = { method: 'getPod', id: 'K8S_UNAVAILABLE', times: 2 };
  await l.add(conf());
  assert.equal(l.source.calls.getPod, 3);
  l.source.failing = { method: 'getPod', id: 'K8S_UNAVAILABLE', times: 1000 };
  await assert.rejects(l.add({ ...conf(), podLookupTimeoutMs: 300 }, { containerID: 'c2' }), (e: { code: number; message: string }) =>
    e.code === 11 && /error waiting for pod: injected K8S_UNAVAILABLE/.test(e.message));
});
