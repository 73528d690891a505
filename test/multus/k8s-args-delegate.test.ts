import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { delegateCniArgs, formatCniArgs, parseK8sArgs } from '../../src/multus/k8s-args.ts';

const none = parseK8sArgs('');

test('S23: the fixed five-key prefix, empty values filled from the runtime args, extra pairs appended', () => {
  const env = 'K8S_POD_NAME=dummy;K8S_POD_NAMESPACE=namespacedummy;K8S_POD_INFRA_CONTAINER_ID=123456789;K8S_POD_UID=aaaaa;BLAHBLAH=foo=bar';
  assert.deepEqual(delegateCniArgs(none, env), [
    ['IgnoreUnknown', 'true'], ['K8S_POD_NAMESPACE', 'namespacedummy'], ['K8S_POD_NAME', 'dummy'],
    ['K8S_POD_INFRA_CONTAINER_ID', '123456789'], ['K8S_POD_UID', 'aaaaa'], ['BLAHBLAH', 'foo=bar'],
  ]);
});

test('empty values are kept; nothing is duplicated (deviation from Go\'s append)', () => {
  const k = parseK8sArgs('K8S_POD_NAMESPACE=ns;K8S_POD_NAME=p');
  assert.equal(formatCniArgs(delegateCniArgs(k, '')), 'IgnoreUnknown=true;K8S_POD_NAMESPACE=ns;K8S_POD_NAME=p;K8S_POD_INFRA_CONTAINER_ID=;K8S_POD_UID=');
  const runtime = 'IgnoreUnknown=1;K8S_POD_NAMESPACE=ns;K8S_POD_NAME=p;K8S_POD_UID=u;X=1';
  // A pair without "=" in the environment is skipped, as Go does.
  assert.equal(formatCniArgs(delegateCniArgs(parseK8sArgs(runtime), `${runtime};junk`)),
    'IgnoreUnknown=true;K8S_POD_NAMESPACE=ns;K8S_POD_NAME=p;K8S_POD_INFRA_CONTAINER_ID=;K8S_POD_UID=u;X=1');
});

test('ADD appends MAC= and IP= (comma joined); they replace values the runtime sent', () => {
  const k = parseK8sArgs('K8S_POD_NAME=p');
  assert.equal(formatCniArgs(delegateCniArgs(k, 'MAC=aa:aa:aa:aa:aa:aa', { mac: 'c2:11:22:33:44:66', ips: ['10.0.0.1/24', 'fd00::1'] })),
    'IgnoreUnknown=true;K8S_POD_NAMESPACE=;K8S_POD_NAME=p;K8S_POD_INFRA_CONTAINER_ID=;K8S_POD_UID=;MAC=c2:11:22:33:44:66;IP=10.0.0.1/24,fd00::1');
  assert.equal(delegateCniArgs(k, '', { ips: [] }).length, 5);
});

test('property: the runtime\'s pair order does not change what delegates get', () => {
  const pairs = ['K8S_POD_NAMESPACE=ns', 'K8S_POD_NAME=pod', 'K8S_POD_INFRA_CONTAINER_ID=sb', 'K8S_POD_UID=uid', 'IgnoreUnknown=1'];
  const expected = formatCniArgs(delegateCniArgs(parseK8sArgs(pairs.join(';')), pairs.join(';')));
  fc.assert(fc.property(fc.shuffledSubarray(pairs, { minLength: pairs.length, maxLength: pairs.length }), (order) => {
    const s = order.join(';');
    assert.equal(formatCniArgs(delegateCniArgs(parseK8sArgs(s), s)), expected);
  }));
});
