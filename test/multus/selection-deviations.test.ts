import { test } from 'node:test';
import { parseNetworkSelection } from '../../src/multus/selection.ts';
import { throwsCni } from './helpers.ts';

const P = 'parsePodNetworkAnnotation: network selection element ';

test('an element with an empty name is refused, naming its index (Multus keeps it)', () => {
  throwsCni(() => parseNetworkSelection('net1,', 'test'), `${P}1 has an empty network name`);
  throwsCni(() => parseNetworkSelection('net1, ,net2', 'test'), `${P}1 has an empty network name`);
  throwsCni(() => parseNetworkSelection('[{"namespace":"x"}]', 'test'), `${P}0 has an empty network name`);
  throwsCni(() => parseNetworkSelection('ns/@eth1', 'test'), `${P}0 has an empty network name`);
});

test('JSON names must be Kubernetes object names; namespaces DNS labels', () => {
  throwsCni(() => parseNetworkSelection('[{"name":"../x"}]', 'test'), /^parsePodNetworkAnnotation: network selection element 0: invalid network name "..\/x"/);
  throwsCni(() => parseNetworkSelection('[{"name":"ok"},{"name":"Net_1"}]', 'test'), /element 1: invalid network name "Net_1"/);
  throwsCni(() => parseNetworkSelection('[{"name":"a","namespace":"a.b"}]', 'test'), /element 0: invalid namespace "a.b"/);
  throwsCni(() => parseNetworkSelection(`${'a'.repeat(64)}/n`, 'test'), /element 0: invalid namespace/);
});

test('a requested interface name must pass libcni\'s rules (Multus lets it fail at ADD)', () => {
  throwsCni(() => parseNetworkSelection('[{"name":"a","interface":"a/b"}]', 't'), /element 0: invalid interface name "a\/b": interface name contains/);
  throwsCni(() => parseNetworkSelection('[{"name":"a","interface":"abcdefghijklmnop"}]', 't'), /interface name is too long/);
  throwsCni(() => parseNetworkSelection('a@..', 't'), /interface name is \. or \.\./);
  throwsCni(() => parseNetworkSelection('a@e:1', 't'), /element 0: invalid interface name "e:1"/);
});

test('null elements and empty gateways are refused (Go crashes, or counts a nil IP as IPv6)', () => {
  throwsCni(() => parseNetworkSelection('[{"name":"a"},null]', 't'), `${P}1 is null`);
  throwsCni(() => parseNetworkSelection('[{"name":"a","default-route":[""]}]', 't'), /element 0: default-route entries must be IP addresses, not ""/);
  throwsCni(() => parseNetworkSelection('[{"name":"a","default-route":[null]}]', 't'), /not null/);
});

test('Multus\' own errors win over ours (mac checked on every element first)', () => {
  throwsCni(() => parseNetworkSelection('[{"name":""},{"name":"b","mac":"x"}]', 't'), 'parsePodNetworkAnnotation: failed to mac: address x: invalid MAC address');
});
