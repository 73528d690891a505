import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNetworkSelection } from '../../src/multus/selection.ts';
import { throwsCni } from './helpers.ts';

test('cni.md 67 and S63: names, namespaces, @ifname; namespace defaults to the pod\'s', () => {
  assert.deepEqual(parseNetworkSelection('net-a,net-b, other-ns/net-c', 'podns'), [
    { name: 'net-a', namespace: 'podns' }, { name: 'net-b', namespace: 'podns' }, { name: 'net-c', namespace: 'other-ns' },
  ]);
  assert.deepEqual(parseNetworkSelection('net1', 'test'), [{ name: 'net1', namespace: 'test' }]);
  assert.deepEqual(parseNetworkSelection('default/net1', 'test'), [{ name: 'net1', namespace: 'default' }]);
  assert.deepEqual(parseNetworkSelection('net1@my_interface', 'test'), [{ name: 'net1', namespace: 'test', interface: 'my_interface' }]);
  assert.deepEqual(parseNetworkSelection(' default / net1 @ my_interface ', 'test'), [{ name: 'net1', namespace: 'default', interface: 'my_interface' }]);
});

test('a missing or empty annotation means no extra networks', () => {
  assert.deepEqual(parseNetworkSelection(undefined, 'test'), []);
  assert.deepEqual(parseNetworkSelection('', 'test'), []);
});

test('S62 and cni.md 69: Multus\' text-form errors', () => {
  const p = 'parsePodNetworkAnnotation: parsePodNetworkObjectName: ';
  throwsCni(() => parseNetworkSelection('root@someIP/root@someOtherIP/root@thirdIP', 't'), `${p}Invalid network object (failed at '/')`);
  throwsCni(() => parseNetworkSelection('root@someIP/root@someOtherIP@garbagevalue', 't'), `${p}Invalid network object (failed at '@')`);
  throwsCni(() => parseNetworkSelection('root@someIP/root@someOtherIP', 't'),
    `${p}Failed to parse: one or more items did not match comma-delimited format (must consist of lower case alphanumeric characters). Must start and end with an alphanumeric character), mismatch @ 'root@someIP'`);
  throwsCni(() => parseNetworkSelection('default/net1@myIfc Name', 't'),
    `${p}Failed to parse interface name: must be less than 15 chars and not contain '/' or spaces. interface name 'myIfc Name'`);
  throwsCni(() => parseNetworkSelection('default/net1@very_long_interface_name', 't'),
    `${p}Failed to parse interface name: must be less than 15 chars and not contain '/' or spaces. interface name 'very_long_interface_name'`);
  for (const bad of ['Net-A', 'net_a', '-net']) {
    throwsCni(() => parseNetworkSelection(`ok,${bad}`, 't'), new RegExp(`mismatch @ '${bad}'$`));
  }
  throwsCni(() => parseNetworkSelection('a@b@c', 't'), `${p}Invalid network object (failed at '@')`);
});

test('Multus accepts interface names the NAD client refuses (Net1, eth_1)', () => {
  assert.equal(parseNetworkSelection('net-a@Eth1', 't')[0].interface, 'Eth1');
  assert.equal(parseNetworkSelection('net-a@eth_1', 't')[0].interface, 'eth_1');
});
