import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CniError } from '../../src/errors/catalogue.ts';
import { parseK8sArgs } from '../../src/multus/k8s-args.ts';

function fails(args: string, msg: string): void {
  assert.throws(() => parseK8sArgs(args), (e: unknown) => e instanceof CniError && e.msg === msg);
}

test('the K8S_POD_* keys, IgnoreUnknown, IP and MAC are read in any order', () => {
  const a = parseK8sArgs('K8S_POD_UID=u1;IgnoreUnknown=1;K8S_POD_NAME=p;FOO=bar;K8S_POD_INFRA_CONTAINER_ID=sb;K8S_POD_NAMESPACE=ns;IP=10.0.0.1;MAC=c2:11:22:33:44:55');
  assert.deepEqual(a, {
    ignoreUnknown: true, podName: 'p', podNamespace: 'ns', podInfraContainerId: 'sb', podUid: 'u1',
    ip: '10.0.0.1', mac: 'c2:11:22:33:44:55',
  });
  assert.deepEqual(parseK8sArgs(''), { ignoreUnknown: false, podName: '', podNamespace: '', podInfraContainerId: '', podUid: '' });
  assert.equal(parseK8sArgs('IgnoreUnknown=TRUE;X=1').ignoreUnknown, true);
  assert.equal(parseK8sArgs('K8S_POD_NAME=a;K8S_POD_NAME=b').podName, 'b');
});

test('every pair needs exactly one "=" (S60: colons fail)', () => {
  fails('K8S_POD_NAME:testPod;K8S_POD_NAMESPACE:test;K8S_POD_UID:testUID', 'ARGS: invalid pair "K8S_POD_NAME:testPod"');
  fails('IgnoreUnknown=1;BLAHBLAH=foo=bar', 'ARGS: invalid pair "BLAHBLAH=foo=bar"');
  fails('K8S_POD_NAME=a;', 'ARGS: invalid pair ""');
});

test('unknown keys fail unless IgnoreUnknown is true or 1', () => {
  fails('K8S_POD_NAME=a;FOO=1;BAR=2', 'ARGS: unknown args ["FOO=1" "BAR=2"]');
  fails('FOO=1;IgnoreUnknown=false', 'ARGS: unknown args ["FOO=1"]');
  fails('IgnoreUnknown=yes', 'ARGS: error parsing value of pair "IgnoreUnknown=yes": boolean unmarshal error: invalid input yes');
  fails('IP=10.0.0.1,10.0.0.2', 'ARGS: error parsing value of pair "IP=10.0.0.1,10.0.0.2": invalid IP address: 10.0.0.1,10.0.0.2');
});
