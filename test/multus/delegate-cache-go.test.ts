import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDelegateCache, serializeDelegateCache } from '../../src/multus/delegate-cache.ts';

// multus.md §3.8 example as Go Multus 4.2.4 writes it (Bytes are Go's json.Marshal of the delegate).
const cbr0Bytes = '{"cniVersion":"0.3.1","name":"cbr0","plugins":[{"delegate":{"hairpinMode":true,"isDefaultGateway":true},"type":"flannel"},{"capabilities":{"portMappings":true},"type":"portmap"}]}';
const macvlanBytes = '{"capabilities":{"ips":true,"mac":true},"cniVersion":"0.3.1","ipam":{},"master":"eth0","mode":"bridge","name":"macvlan-conf","type":"macvlan"}';
const b64 = (s: string): string => Buffer.from(s).toString('base64');
const NCL = '{"Name":"","CNIVersion":"","DisableCheck":false,"DisableGC":false,"LoadOnlyInlinedPlugins":false,"Plugins":null,"Bytes":null}';
const GO_CACHE = `[{"Conf":{"cniVersion":"0.3.1","ipam":{},"name":"cbr0"},"ConfList":{"cniVersion":"0.3.1","name":"cbr0","plugins":[{"ipam":{},"type":"flannel"},{"capabilities":{"portMappings":true},"ipam":{},"type":"portmap"}]},"CNINetworkConfigList":${NCL},"Name":"cbr0","IsFilterV4Gateway":true,"IsFilterV6Gateway":true,"Bytes":"${b64(cbr0Bytes)}"},{"Conf":{"capabilities":{"ips":true,"mac":true},"cniVersion":"0.3.1","ipam":{},"name":"macvlan-conf","type":"macvlan"},"ConfList":{},"CNINetworkConfigList":${NCL},"Name":"test/macvlan-conf","ifnameRequest":"net5","macRequest":"c2:11:22:33:44:66","ipRequest":["192.168.1.10/24"],"default-route":["192.168.1.1"],"IsFilterV4Gateway":false,"IsFilterV6Gateway":true,"Bytes":"${b64(macvlanBytes)}"}]`;

test('a cache written by Go Multus is read as Go reads it', () => {
  const [cbr0, macvlan] = parseDelegateCache(GO_CACHE);
  assert.deepEqual(cbr0, {
    bytes: cbr0Bytes, isConfList: true, name: 'cbr0', confName: 'cbr0', confType: '', cniVersion: '0.3.1',
    filterV4Gateway: true, filterV6Gateway: true,
  });
  assert.deepEqual(macvlan, {
    bytes: macvlanBytes, isConfList: false, name: 'test/macvlan-conf', confName: 'macvlan-conf', confType: 'macvlan', cniVersion: '0.3.1',
    filterV4Gateway: false, filterV6Gateway: true, ifnameRequest: 'net5', macRequest: 'c2:11:22:33:44:66',
    ipRequest: ['192.168.1.10/24'], gatewayRequest: ['192.168.1.1'],
  });
});

test('what we write has Go\'s shape: re-serialising Go\'s cache gives Go\'s bytes back', () => {
  assert.equal(serializeDelegateCache(parseDelegateCache(GO_CACHE)), GO_CACHE);
});
