import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDefaultNetwork } from '../../src/multus/selection.ts';
import { throwsCni } from './helpers.ts';

test('one element, namespace defaulting to multusNamespace (S50, V9)', () => {
  assert.deepEqual(parseDefaultNetwork('net1', 'kube-system'), { name: 'net1', namespace: 'kube-system' });
  assert.deepEqual(parseDefaultNetwork('[{"name":"alt","namespace":"other"}]', 'kube-system'), { name: 'alt', namespace: 'other' });
});

test('more than one, none, or an unparsable value is an error', () => {
  throwsCni(() => parseDefaultNetwork('a,b', 'kube-system'), 'tryLoadK8sPodDefaultNetwork: more than one default network is specified: a,b');
  throwsCni(() => parseDefaultNetwork('[]', 'kube-system'), 'tryLoadK8sPodDefaultNetwork: no default network is specified: []');
  throwsCni(() => parseDefaultNetwork('', 'kube-system'),
    'tryLoadK8sPodDefaultNetwork: failed to parse CRD object: parsePodNetworkAnnotation: pod annotation does not have "network" as key');
  throwsCni(() => parseDefaultNetwork('[x]', 'kube-system'),
    "tryLoadK8sPodDefaultNetwork: failed to parse CRD object: parsePodNetworkAnnotation: failed to parse pod Network Attachment Selection Annotation JSON format: invalid character 'x' looking for beginning of value");
});
