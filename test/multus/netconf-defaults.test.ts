import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMultusConf } from '../../src/multus/netconf.ts';

// multus.md §1.1: every key's default when the config gives only what is mandatory.
test('a minimal config gets every documented default', () => {
  const c = parseMultusConf('{"name":"multus-cni-network","type":"multus","delegates":[{"type":"weave-net"}]}');
  assert.equal(c.name, 'multus-cni-network');
  assert.equal(c.type, 'multus');
  assert.equal(c.cniVersion, '');
  assert.equal(c.kubeconfig, '');
  assert.equal(c.clusterNetwork, '');
  assert.deepEqual(c.defaultNetworks, []);
  assert.equal(c.multusNamespace, 'kube-system');
  assert.deepEqual(c.systemNamespaces, ['kube-system']);
  assert.equal(c.namespaceIsolation, false);
  assert.deepEqual(c.globalNamespaces, ['default']);
  assert.equal(c.readinessIndicatorFile, ''); // S12
  assert.equal(c.logLevel, '');
  assert.equal(c.logFile, '');
  assert.equal(c.logToStderr, true);
  assert.equal(c.logOptions, undefined);
  assert.equal(c.confDir, '/etc/cni/multus/net.d');
  assert.equal(c.cniDir, '/var/lib/cni/multus');
  assert.equal(c.binDir, '/opt/cni/bin');
  assert.deepEqual({ ...c.capabilities }, {});
  assert.equal(c.runtimeConfig, undefined);
  assert.equal(c.prevResult, undefined);
  assert.equal(c.auxiliaryCNIChainName, '');
  assert.equal(c.retryDeleteOnError, false);
  assert.equal(c.apiTimeoutMs, 10000);
  assert.equal(c.podLookupTimeoutMs, 2500);
});

test('empty directory and namespace strings fall back to the defaults (deviation: Go keeps "")', () => {
  const c = parseMultusConf('{"name":"n","clusterNetwork":"x","cniDir":"","confDir":"","binDir":"","multusNamespace":""}');
  assert.equal(c.cniDir, '/var/lib/cni/multus');
  assert.equal(c.confDir, '/etc/cni/multus/net.d');
  assert.equal(c.binDir, '/opt/cni/bin');
  assert.equal(c.multusNamespace, 'kube-system');
});

test('null keeps a scalar default but empties a list, as Go decodes', () => {
  const c = parseMultusConf('{"name":"n","clusterNetwork":"x","logToStderr":null,"systemNamespaces":null,"cniDir":null}');
  assert.equal(c.logToStderr, true);
  assert.deepEqual(c.systemNamespaces, []);
  assert.equal(c.cniDir, '/var/lib/cni/multus');
});
