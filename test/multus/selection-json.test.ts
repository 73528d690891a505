import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNetworkSelection } from '../../src/multus/selection.ts';
import { throwsCni } from './helpers.ts';

const J = 'parsePodNetworkAnnotation: failed to parse pod Network Attachment Selection Annotation JSON format: ';

test('cni.md 70: every field is kept (unknown keys dropped)', () => {
  const v = '[{"name":"net-b","namespace":"other","interface":"eth9","ips":["10.1.1.1/24"],"mac":"02:23:45:67:89:01","cni-args":{"k":"v"},"default-route":["10.0.0.1"],"ipam-claim-reference":"c1","portMappings":[{"hostPort":8080,"containerPort":80,"protocol":"tcp"}],"bandwidth":{"ingressRate":2048,"ingressBurst":300,"egressRate":8000,"egressBurst":200},"infiniband-guid":"24:8a:07:03:00:8d:ae:2f","deviceID":"0000:03:02.3","unknown.key":1}]';
  assert.deepEqual(parseNetworkSelection(v, 'pod'), [{
    name: 'net-b', namespace: 'other', interface: 'eth9', ips: ['10.1.1.1/24'], mac: '02:23:45:67:89:01',
    cniArgs: '{"k":"v"}', defaultRoute: ['10.0.0.1'], ipamClaimReference: 'c1',
    portMappings: [{ hostPort: 8080, containerPort: 80, protocol: 'tcp' }],
    bandwidth: { ingressRate: 2048, ingressBurst: 300, egressRate: 8000, egressBurst: 200 },
    infinibandGuid: '24:8a:07:03:00:8d:ae:2f', deviceId: '0000:03:02.3',
  }]);
});

test('S39: default-route on one of three elements; legacy interfaceRequest; keys matched case-insensitively', () => {
  const nets = parseNetworkSelection('[{"name":"net1"},{"name":"net2","default-route":["192.168.2.2"]},{"Name":"net3","interfaceRequest":"old0","default-route":[]}]', 'test');
  assert.equal(nets.length, 3);
  assert.deepEqual(nets[1].defaultRoute, ['192.168.2.2']);
  assert.deepEqual(nets[2], { name: 'net3', namespace: 'test', interface: 'old0', defaultRoute: [] });
  assert.equal(parseNetworkSelection('[{"name":"a","interface":"new0","interfaceRequest":"old0"}]', 't')[0].interface, 'new0');
});

test('S38 and decoder errors use Go\'s text', () => {
  throwsCni(() => parseNetworkSelection('[adsfasdfasdfasf]', 'test'), `${J}invalid character 'a' looking for beginning of value`);
  throwsCni(() => parseNetworkSelection('{"name":"x"}', 'test'), `${J}json: cannot unmarshal object into Go value of type []*types.NetworkSelectionElement`);
  throwsCni(() => parseNetworkSelection('["x"]', 'test'), `${J}json: cannot unmarshal string into Go value of type types.NetworkSelectionElement`);
  throwsCni(() => parseNetworkSelection('[{"name":5}]', 'test'), `${J}json: cannot unmarshal number into Go struct field NetworkSelectionElement.name of type string`);
  throwsCni(() => parseNetworkSelection('[{"name":"x","portMappings":[{"hostPort":8080.5}]}]', 'test'),
    `${J}json: cannot unmarshal number 8080.5 into Go struct field PortMapEntry.portMappings.hostPort of type int`);
  throwsCni(() => parseNetworkSelection('[{"name":"x","default-route":["not-an-ip"]}]', 'test'), `${J}invalid IP address: not-an-ip`);
  throwsCni(() => parseNetworkSelection('[{"name":"x","default-route":"10.0.0.1"}]', 'test'),
    `${J}json: cannot unmarshal string into Go struct field NetworkSelectionElement.default-route of type []net.IP`);
  throwsCni(() => parseNetworkSelection('[{"name":"x","cni-args":[1]}]', 'test'),
    `${J}json: cannot unmarshal array into Go struct field NetworkSelectionElement.cni-args of type map[string]interface {}`);
});

test('Multus\' validation of mac, infiniband-guid and ips', () => {
  throwsCni(() => parseNetworkSelection('[{"name":"x","mac":"c2:11:22:33:44"}]', 't'),
    'parsePodNetworkAnnotation: failed to mac: address c2:11:22:33:44: invalid MAC address');
  throwsCni(() => parseNetworkSelection('[{"name":"x","infiniband-guid":"24:8a:07:03:00:8d:ae"}]', 't'),
    'parsePodNetworkAnnotation: failed to validate infiniband GUID: address 24:8a:07:03:00:8d:ae: invalid MAC address');
  throwsCni(() => parseNetworkSelection('[{"name":"x","ips":["10.0.0.1/33"]}]', 't'), 'failed to parse CIDR "10.0.0.1/33": invalid CIDR address: 10.0.0.1/33');
  throwsCni(() => parseNetworkSelection('[{"name":"x","ips":["10.0.0.256"]}]', 't'), 'failed to parse IP address "10.0.0.256"');
  // Accepted forms: 8-byte GUIDs, dashes, dotted MACs, IPv6 CIDRs.
  const ok = parseNetworkSelection('[{"name":"x","mac":"C2-11-22-33-44-55","infiniband-guid":"248a.0703.008d.ae2f","ips":["fd00::1/64","10.0.0.1"]}]', 't');
  assert.equal(ok[0].mac, 'C2-11-22-33-44-55');
});

test('gateways are kept in Go\'s canonical text', () => {
  assert.deepEqual(parseNetworkSelection('[{"name":"x","default-route":["::ffff:10.1.1.1","FC00:0:0::1"]}]', 't')[0].defaultRoute, ['10.1.1.1', 'fc00::1']);
});

test('an empty JSON list means no networks; `null` has none of [{" so it is the text form, as in Go', () => {
  assert.deepEqual(parseNetworkSelection('[]', 't'), []);
  assert.deepEqual(parseNetworkSelection('null', 't'), [{ name: 'null', namespace: 't' }]);
});
