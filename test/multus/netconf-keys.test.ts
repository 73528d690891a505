import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMultusConf } from '../../src/multus/netconf.ts';

test('S1: kubeconfig, one static delegate (the master), runtime portMappings', () => {
  const c = parseMultusConf('{"name":"node-cni-network","type":"multus","kubeconfig":"/etc/kubernetes/node-kubeconfig.yaml","delegates":[{"type":"weave-net"}],"runtimeConfig":{"portMappings":[{"hostPort":8080,"containerPort":80,"protocol":"tcp"}]}}');
  assert.equal(c.kubeconfig, '/etc/kubernetes/node-kubeconfig.yaml');
  assert.equal(c.delegates.length, 1);
  assert.equal(c.delegates[0].confType, 'weave-net');
  assert.deepEqual(c.runtimeConfig, { portMappings: [{ hostPort: 8080, containerPort: 80, protocol: 'tcp' }] });
});

test('S3, S4, S6, S13: logging keys, log options, globalNamespaces, readiness file', () => {
  const c = parseMultusConf(JSON.stringify({
    name: 'n', clusterNetwork: 'cbr0', logLevel: 'debug', logFile: '/var/log/multus.log', logToStderr: false,
    logOptions: { maxAge: 5, maxSize: 100, maxBackups: 5, compress: true },
    globalNamespaces: ' foo,bar ,default', readinessindicatorfile: '/etc/cni/net.d/foo',
  }));
  assert.equal(c.logLevel, 'debug');
  assert.equal(c.logFile, '/var/log/multus.log');
  assert.equal(c.logToStderr, false);
  assert.deepEqual(c.logOptions, { maxAge: 5, maxSize: 100, maxBackups: 5, compress: true });
  assert.deepEqual(c.globalNamespaces, ['foo', 'bar', 'default']);
  assert.equal(c.readinessIndicatorFile, '/etc/cni/net.d/foo');
});

test('every other key of §1.1 and our two timeouts are read', () => {
  const c = parseMultusConf(JSON.stringify({
    name: 'n', cniVersion: '0.3.1', clusterNetwork: '/etc/cni/net.d/10-calico.conflist', defaultNetworks: ['a', 'b'],
    multusNamespace: 'multus', systemNamespaces: ['kube-system', 'infra'], namespaceIsolation: true,
    confDir: '/c', cniDir: '/d', binDir: '/b', capabilities: { portMappings: true, bandwidth: null },
    runtimeConfig: { ips: ['10.0.0.1'], mac: 'c2:11:22:33:44:55', infinibandGUID: 'g', deviceID: 'dev', CNIDeviceInfoFile: '/f',
      bandwidth: { ingressRate: 1 } },
    auxiliaryCNIChainName: 'aux', retryDeleteOnError: true, apiTimeoutMs: 3000, podLookupTimeoutMs: 900,
    defaultnetworkwaitseconds: 3, somethingElse: { deep: [1] },
  }));
  assert.equal(c.cniVersion, '0.3.1');
  assert.deepEqual(c.defaultNetworks, ['a', 'b']);
  assert.equal(c.multusNamespace, 'multus');
  assert.deepEqual(c.systemNamespaces, ['kube-system', 'infra']);
  assert.equal(c.namespaceIsolation, true);
  assert.deepEqual([c.confDir, c.cniDir, c.binDir], ['/c', '/d', '/b']);
  assert.deepEqual({ ...c.capabilities }, { portMappings: true, bandwidth: false });
  assert.deepEqual(c.runtimeConfig, {
    ips: ['10.0.0.1'], mac: 'c2:11:22:33:44:55', infinibandGUID: 'g', deviceID: 'dev', CNIDeviceInfoFile: '/f',
    bandwidth: { ingressRate: 1, ingressBurst: 0, egressRate: 0, egressBurst: 0 },
  });
  assert.equal(c.auxiliaryCNIChainName, 'aux');
  assert.equal(c.retryDeleteOnError, true);
  assert.equal(c.apiTimeoutMs, 3000);
  assert.equal(c.podLookupTimeoutMs, 900);
  assert.deepEqual(c.delegates, []); // clusterNetwork mode
});

test('keys match case-insensitively and a repeated key takes the last value, as Go decodes', () => {
  const c = parseMultusConf('{"name":"n","ClusterNetwork":"a","CNIDIR":"/x","cniDir":"/y","readinessIndicatorFile":"/r"}');
  assert.equal(c.clusterNetwork, 'a');
  assert.equal(c.cniDir, '/y');
  assert.equal(c.readinessIndicatorFile, '/r');
});
