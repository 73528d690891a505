import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assignIfnames, delegateIfname } from '../../src/multus/ifnames.ts';
import { throwsCni } from './helpers.ts';

test('V5 / Appendix B.1: net<position in the full list>; explicit names consume an index', () => {
  // cluster network, then `macvlan-conf@foo,macvlan-conf`
  assert.deepEqual(assignIfnames([{}, { ifnameRequest: 'foo' }, {}], 'eth0'), ['eth0', 'foo', 'net2']);
  assert.deepEqual(assignIfnames([{}, {}, {}], 'eth0'), ['eth0', 'net1', 'net2']);
});

test('an explicit request wins even for the master, as Go\'s getIfname (default-network `@ifname`)', () => {
  assert.equal(delegateIfname({ ifnameRequest: 'eth1' }, 'eth0', 0), 'eth1');
  assert.equal(delegateIfname({}, 'eth0', 0), 'eth0');
});

test('duplicate interface names within the pod are refused before anything runs', () => {
  throwsCni(() => assignIfnames([{}, { ifnameRequest: 'net2' }, {}], 'eth0'),
    'interface name net2 is used by more than one network of the pod (delegates 1 and 2)');
  throwsCni(() => assignIfnames([{}, { ifnameRequest: 'eth0' }], 'eth0'), /delegates 0 and 1/);
});
