// §2.2: every key has Multus' default (and ours have theirs); the raw text is kept; frozen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDaemonConfig } from '../../../src/daemon/config/daemon-config.ts';

test('an auto-mode config with only cniVersion gets every default', () => {
  const raw = '{"cniVersion":"0.3.1"}';
  const c = parseDaemonConfig(raw, { env: {} });
  assert.equal(c.raw, raw);
  assert.equal(c.chrootDir, '');
  assert.equal(c.socketDir, '/run/multus/');
  assert.equal(c.metricsPort, undefined);
  assert.equal(c.logFile, '');
  assert.equal(c.logLevel, '');
  assert.equal(c.logToStderr, false);
  assert.equal(c.logOptions, undefined);
  assert.equal(c.perNodeCertificate, undefined);
  assert.equal(c.cniVersion, '0.3.1');
  assert.equal(c.multusConfigFile, 'auto');
  assert.equal(c.autoMode, true);
  assert.equal(c.cniConfigDir, '/etc/cni/net.d');
  assert.equal(c.multusAutoconfigDir, '/etc/cni/net.d', 'defaults to cniConfigDir (Multus: "")');
  assert.equal(c.multusMasterCNI, '');
  assert.equal(c.forceCNIVersion, false);
  assert.equal(c.overrideNetworkName, false);
  assert.equal(c.readinessIndicatorFile, '');
  assert.deepEqual({ ...c.capabilities }, {});
  assert.equal(c.daemonSocketDir, '');
  assert.equal(c.binDir, '');
  assert.equal(c.cniDir, '');
  assert.equal(c.namespaceIsolation, false);
  assert.equal(c.globalNamespaces, '');
  assert.equal(c.auxiliaryCNIChainName, '');
  // ours
  assert.equal(c.metricsAddress, '127.0.0.1:9091');
  assert.deepEqual(c.metrics, { host: '127.0.0.1', port: 9091 });
  assert.equal(c.delegateConcurrency, 16);
  assert.equal(c.maxRequestBytes, 1024 * 1024);
  assert.equal(c.apiTimeoutMs, 10_000);
  assert.equal(c.deleteConfigOnExit, false);
  assert.equal(c.nodeName, '');
  assert.equal(c.localSource, undefined);
});

test('the thick manifest config (§2.2, verbatim) parses', () => {
  const raw = `{"chrootDir":"/hostroot","cniVersion":"0.3.1","logLevel":"verbose","logToStderr":true,
 "cniConfigDir":"/host/etc/cni/net.d","multusAutoconfigDir":"/host/etc/cni/net.d",
 "multusConfigFile":"auto","socketDir":"/host/run/multus/"}`;
  const c = parseDaemonConfig(raw, { env: { MULTUS_NODE_NAME: 'kind-worker' } });
  assert.equal(c.chrootDir, '/hostroot');
  assert.equal(c.logLevel, 'verbose');
  assert.equal(c.logToStderr, true);
  assert.equal(c.cniConfigDir, '/host/etc/cni/net.d');
  assert.equal(c.socketDir, '/host/run/multus/');
  assert.equal(c.nodeName, 'kind-worker', 'nodeName defaults to MULTUS_NODE_NAME');
  assert.equal(c.raw, raw, 'kept byte for byte: it is the per-request override');
});

test('every key is read, Go-style (case-insensitive names, last repeat wins, null keeps the default)', () => {
  const c = parseDaemonConfig(JSON.stringify({
    chrootDir: '/hostroot', SocketDir: '/s/', metricsPort: 9100, logFile: '/var/log/m.log', logLevel: 'DEBUG',
    logToStderr: true, logOptions: { maxAge: 1, compress: false }, cniVersion: '1.1.0', cniConfigDir: '/c',
    multusAutoconfigDir: '/a', multusMasterCNI: '10-aws.conflist', forceCNIVersion: true, overrideNetworkName: true,
    ReadinessIndicatorFile: '/r/ready', capabilities: { bandwidth: true, x: false }, daemonSocketDir: '/run/ms',
    binDir: '/opt/cni/bin', cniDir: '/var/lib/cni/multus', namespaceIsolation: true, globalNamespaces: 'a,b',
    auxiliaryCNIChainName: 'chain', delegateConcurrency: 4, maxRequestBytes: 65536, apiTimeoutMs: 500,
    deleteConfigOnExit: true, nodeName: 'n1', localSource: { nadDir: '/nads', statusDir: '/status' },
    perNodeCertificate: { enabled: true, bootstrapKubeconfig: '/k', certDir: '/certs', certDuration: '1h30m' },
    binDIR: null,
  }), { env: { MULTUS_NODE_NAME: 'ignored' } });
  assert.equal(c.socketDir, '/s/');
  assert.equal(c.metricsPort, 9100);
  assert.equal(c.metricsAddress, '127.0.0.1:9100');
  assert.equal(c.logLevel, 'DEBUG');
  assert.deepEqual({ ...c.logOptions }, { maxAge: 1, compress: false });
  assert.equal(c.readinessIndicatorFile, '/r/ready');
  assert.deepEqual({ ...c.capabilities }, { bandwidth: true, x: false });
  assert.equal(c.binDir, '/opt/cni/bin', 'a later null keeps the value');
  assert.equal(c.multusMasterCNI, '10-aws.conflist');
  assert.equal(c.nodeName, 'n1');
  assert.deepEqual({ ...c.localSource }, { nadDir: '/nads', statusDir: '/status' });
  assert.equal(c.perNodeCertificate?.certDurationMs, 90 * 60_000);
  assert.equal(c.delegateConcurrency, 4);
  assert.equal(c.maxRequestBytes, 65536);
  assert.equal(c.apiTimeoutMs, 500);
  assert.equal(c.deleteConfigOnExit, true);
});

test('"" for socketDir, cniConfigDir and multusConfigFile means the default', () => {
  const c = parseDaemonConfig('{"cniVersion":"0.4.0","socketDir":"","cniConfigDir":"","multusConfigFile":""}', { env: {} });
  assert.equal(c.socketDir, '/run/multus/');
  assert.equal(c.cniConfigDir, '/etc/cni/net.d');
  assert.equal(c.multusConfigFile, 'auto');
});

test('a non-auto config needs no cniVersion', () => {
  const c = parseDaemonConfig('{"multusConfigFile":"/etc/multus/70-multus.conf"}', { env: {} });
  assert.equal(c.autoMode, false);
  assert.equal(c.cniVersion, '');
});

test('the parsed config is deeply frozen', () => {
  const c = parseDaemonConfig('{"cniVersion":"0.3.1","capabilities":{"a":true},"localSource":{"nadDir":"/n","statusDir":"/s"}}', { env: {} });
  assert.ok(Object.isFrozen(c));
  assert.ok(Object.isFrozen(c.capabilities));
  assert.ok(Object.isFrozen(c.localSource));
  assert.throws(() => {
    (c as { socketDir: string }).socketDir = '/x';
  }, TypeError);
});
