import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CniError } from '../../src/errors/catalogue.ts';
import { parseMultusConf } from '../../src/multus/netconf.ts';

function fails(text: string, msg: string | RegExp): void {
  assert.throws(() => parseMultusConf(text), (e: unknown) => {
    assert.ok(e instanceof CniError);
    if (typeof msg === 'string') assert.equal(e.msg, msg);
    else assert.match(e.msg, msg);
    return true;
  });
}

test('S9, S10: neither delegates nor clusterNetwork', () => {
  const msg = 'LoadNetConf: at least one delegate/clusterNetwork must be specified';
  fails('{"name":"node-cni-network","type":"multus"}', msg);
  fails('{"name":"node-cni-network","type":"multus","kubeconfig":"/etc/kubernetes/node-kubeconfig.yaml"}', msg);
  fails('{"name":"n","delegates":[]}', msg);
  fails('null', msg);
});

test('S71: invalid JSON gives Go\'s decoder text', () => {
  fails('{"name":"n","delegates":[{"type":"weave-net"}]', 'LoadNetConf: failed to load netconf: unexpected end of JSON input');
  fails('[1]', 'LoadNetConf: failed to load netconf: json: cannot unmarshal array into Go value of type types.NetConf');
});

test('a wrong JSON type names the key', () => {
  fails('{"name":"n","clusterNetwork":5}',
    'LoadNetConf: failed to load netconf: json: cannot unmarshal number into Go struct field NetConf.clusterNetwork of type string');
  fails('{"name":"n","clusterNetwork":"x","namespaceIsolation":"true"}',
    'LoadNetConf: failed to load netconf: json: cannot unmarshal string into Go struct field NetConf.namespaceIsolation of type bool');
  fails('{"name":"n","clusterNetwork":"x","defaultNetworks":"a"}',
    'LoadNetConf: failed to load netconf: json: cannot unmarshal string into Go struct field NetConf.defaultNetworks of type []string');
  fails('{"name":"n","clusterNetwork":"x","runtimeConfig":{"portMappings":[{"hostPort":"80"}]}}',
    'LoadNetConf: failed to load netconf: json: cannot unmarshal string into Go struct field PortMapEntry.runtimeConfig.portMappings.hostPort of type int');
  fails('{"name":"n","clusterNetwork":"x","logOptions":{"maxAge":1.5}}',
    'LoadNetConf: failed to load netconf: json: cannot unmarshal number 1.5 into Go struct field LogOptions.logOptions.maxAge of type int');
  fails('{"name":"n","delegates":["weave"]}',
    'LoadNetConf: failed to load netconf: json: cannot unmarshal string into Go struct field NetConf.delegates of type map[string]interface {}');
  fails('{"name":"n","clusterNetwork":"x","apiTimeoutMs":0}', /apiTimeoutMs must be a positive number of milliseconds/);
});

test('delegates must have a type, or plugins whose first one has a type; "plugins": [] is an error, not a crash', () => {
  const p = 'LoadNetConf: failed to load delegate 1 config: LoadDelegateNetConf: failed with: LoadDelegateNetConfList: ';
  fails('{"name":"n","delegates":[{"type":"a"},{"name":"x"}]}', `${p}delegate must have the 'type' or 'plugin' field`);
  fails('{"name":"n","delegates":[{"type":"a"},{"name":"x","plugins":[{"name":"y"}]}]}', `${p}a plugin delegate must have the 'type' field`);
  fails('{"name":"n","delegates":[{"type":"a"},{"name":"x","plugins":[]}]}', `${p}a plugin delegate must have at least one plugin in 'plugins'`);
  fails('{"name":"n","delegates":[{"type":"a"},null]}', `${p}delegate must have the 'type' or 'plugin' field`);
  fails('{"name":"n","delegates":[{"type":7}]}',
    'LoadNetConf: failed to load delegate 0 config: LoadDelegateNetConf: error unmarshalling delegate config: json: cannot unmarshal number into Go struct field NetConf.type of type string');
});

test('with clusterNetwork set, delegates are not even parsed', () => {
  const c = parseMultusConf('{"name":"n","clusterNetwork":"x","delegates":[{"name":"broken"}]}');
  assert.deepEqual(c.delegates, []);
});
