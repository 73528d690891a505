// §2.5, S110/S111: every top-level daemon-config key replaces the request's (shallow), except
// readinessindicatorfile in auto mode; done by splicing, so untouched members keep their bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDaemonConfig } from '../../../src/daemon/config/daemon-config.ts';
import { overrideRequestConfig, requestOverride } from '../../../src/daemon/config/override.ts';
import { CniError } from '../../../src/errors/catalogue.ts';

// The fixtures of Multus' pkg/server/server_test.go.
const cniConf = `{
	"binDir": "/var/lib/cni/bin",
	"clusterNetwork": "/host/run/multus/cni/net.d/10-ovn-kubernetes.conf",
	"cniVersion": "0.3.1",
	"daemonSocketDir": "/run/multus/socket",
	"globalNamespaces": "default,openshift-multus,openshift-sriov-network-operator",
	"logLevel": "verbose",
	"logToStderr": true,
	"name": "multus-cni-network",
	"namespaceIsolation": true,
	"type": "multus-shim"
}`;
const serverConf = `{
	"cniVersion": "0.4.0",
	"chrootDir": "/hostroot",
	"logToStderr": false,
	"logLevel": "debug",
	"binDir": "/foo/bar",
	"cniConfigDir": "/host/etc/cni/net.d",
	"multusConfigFile": "auto",
	"multusAutoconfigDir": "/host/run/multus/cni/net.d",
	"namespaceIsolation": false,
	"globalNamespaces": "other,namespace",
	"readinessindicatorfile": "/host/run/multus/cni/net.d/10-ovn-kubernetes.conf",
	"daemonSocketDir": "/somewhere/socket",
	"socketDir": "/host/run/multus/socket"
}`;
const expected = {
  clusterNetwork: '/host/run/multus/cni/net.d/10-ovn-kubernetes.conf',
  name: 'multus-cni-network',
  type: 'multus-shim',
  cniVersion: '0.4.0',
  chrootDir: '/hostroot',
  logToStderr: false,
  logLevel: 'debug',
  binDir: '/foo/bar',
  cniConfigDir: '/host/etc/cni/net.d',
  multusConfigFile: 'auto',
  multusAutoconfigDir: '/host/run/multus/cni/net.d',
  namespaceIsolation: false,
  globalNamespaces: 'other,namespace',
  readinessindicatorfile: '/host/run/multus/cni/net.d/10-ovn-kubernetes.conf',
  daemonSocketDir: '/somewhere/socket',
  socketDir: '/host/run/multus/socket',
};

test('S110: every daemon-config key overrides the request config', () => {
  assert.deepEqual(JSON.parse(overrideRequestConfig(cniConf, serverConf, false)), expected);
});

test('S111: with the readiness indicator ignored, the same minus readinessindicatorfile', () => {
  const { readinessindicatorfile: _, ...rest } = expected;
  assert.deepEqual(JSON.parse(overrideRequestConfig(cniConf, serverConf, true)), rest);
});

test('the daemon applies it from its config: readiness ignored exactly in auto mode', () => {
  const auto = parseDaemonConfig(serverConf, { env: {} });
  assert.equal(JSON.parse(requestOverride(auto)(cniConf)).readinessindicatorfile, undefined);
  const fixed = parseDaemonConfig(serverConf.replace('"multusConfigFile": "auto"', '"multusConfigFile": "/etc/m/70-multus.conf"'), { env: {} });
  assert.equal(JSON.parse(requestOverride(fixed)(cniConf)).readinessindicatorfile, '/host/run/multus/cni/net.d/10-ovn-kubernetes.conf');
});

test('members the daemon does not set keep their bytes and place; replaced ones keep their place', () => {
  const req = '{"name":"multus-cni-network","big":12345678901234567890,"esc":"\\u003c","cniVersion":"0.3.1","runtimeConfig":{"portMappings":[ ]}}';
  const out = overrideRequestConfig(req, '{"cniVersion":"1.1.0","chrootDir":"/hostroot"}', true);
  assert.equal(out, '{"name":"multus-cni-network","big":12345678901234567890,"esc":"\\u003c","cniVersion":"1.1.0","runtimeConfig":{"portMappings":[ ]},"chrootDir":"/hostroot"}');
});

test('values are copied as written; a repeated daemon key: the last one wins (Go map)', () => {
  const out = overrideRequestConfig('{"a":1}', '{"x":{"deep" : [1,2]},"x":"second","n":1.50}', false);
  assert.equal(out, '{"a":1,"x":"second","n":1.50}');
});

test('an empty daemon config leaves the request untouched; a request that is not an object fails', () => {
  assert.equal(overrideRequestConfig('{ "a" : 1 }', '', false), '{ "a" : 1 }');
  assert.equal(overrideRequestConfig('{ "a" : 1 }', '{}', false), '{ "a" : 1 }');
  assert.throws(() => overrideRequestConfig('[1]', '{"a":2}', false), (e: unknown) => e instanceof CniError && e.msg.startsWith('failed to unmarshall CNI config: json: cannot unmarshal array'));
  assert.throws(() => overrideRequestConfig('{"a":', '{"a":2}', false), /failed to unmarshall CNI config: unexpected end of JSON input/);
});
