// §2.4 generated content, byte-exact: compact JSON, the MultusConf key order, omissions, Go escaping,
// type multus-shim, name forced unless overrideNetworkName, clusterNetwork = the primary's full path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { checkPrimaryText, generateMultusConf, loadPrimary } from '../../../src/daemon/config/generate.ts';
import { daemonConfig, put, tempDir } from './helpers.ts';

const primaryFile = '/etc/cni/net.d/10-flannel.conf';
const flannel = '{"cniVersion":"0.4.0","name":"cbr0","type":"flannel"}';

test('S102: a daemon config naming itself gets the name forced; the JSON is Multus\' byte for byte', () => {
  const c = daemonConfig({ name: 'myCNI', cniVersion: '0.4.0', clusterNetwork: primaryFile });
  const text = generateMultusConf(c, checkPrimaryText(primaryFile, flannel, c));
  assert.deepEqual(JSON.parse(text), { cniVersion: '0.4.0', clusterNetwork: primaryFile, name: 'multus-cni-network', type: 'multus-shim' });
  assert.equal(text, `{"cniVersion":"0.4.0","name":"multus-cni-network","clusterNetwork":"${primaryFile}","type":"multus-shim"}`);
});

test('Multus\' manager test: generation from the primary file on disk', async (t) => {
  const dir = tempDir(t);
  const primary = put(dir, '00-mycni.conf', '\n{\n  "cniVersion": "0.4.0",\n  "name": "mycni-name",\n  "type": "mycni",\n  "ipam": {},\n  "dns": {}\n}\n');
  const c = daemonConfig({ name: primary, cniVersion: '0.4.0', multusAutoconfigDir: dir, cniConfigDir: dir, multusMasterCNI: '00-mycni.conf' });
  assert.equal(generateMultusConf(c, await loadPrimary(primary, c)), `{"cniVersion":"0.4.0","name":"multus-cni-network","clusterNetwork":"${primary}","type":"multus-shim"}`);
});

test('S108: overrideNetworkName takes the primary\'s name (and, as in production, writes the flag)', async (t) => {
  const dir = tempDir(t);
  const primary = put(dir, '00-mycni.conf', '{"cniVersion":"0.4.0","name":"mycni-name","type":"mycni","ipam":{},"dns":{}}');
  const c = daemonConfig({ cniVersion: '0.4.0', overrideNetworkName: true });
  // Multus' unit test calls OverrideNetworkName() without setting the flag, so its expected text ends
  // at "type"; with the daemon-config key (the only way a user gets there) the flag is marshalled too.
  assert.equal(
    generateMultusConf(c, await loadPrimary(primary, c)),
    `{"cniVersion":"0.4.0","name":"mycni-name","clusterNetwork":"${primary}","type":"multus-shim","overrideNetworkName":true}`,
  );
});

test('§2.4 example 1: the thick manifest', () => {
  const c = daemonConfig({ chrootDir: '/hostroot', cniVersion: '0.3.1', logLevel: 'verbose', logToStderr: true, cniConfigDir: '/host/etc/cni/net.d', multusAutoconfigDir: '/host/etc/cni/net.d', multusConfigFile: 'auto', socketDir: '/host/run/multus/' });
  const p = '/host/etc/cni/net.d/10-calico.conflist';
  assert.equal(
    generateMultusConf(c, checkPrimaryText(p, '{"cniVersion":"0.3.1","name":"k8s-pod-network","plugins":[{"type":"calico"}]}', c)),
    '{"cniVersion":"0.3.1","logLevel":"verbose","logToStderr":true,"name":"multus-cni-network","clusterNetwork":"/host/etc/cni/net.d/10-calico.conflist","type":"multus-shim"}',
  );
});

test('§2.4 example 2: every generated key in MultusConf order; dropped keys never written', () => {
  const c = daemonConfig({
    binDir: '/opt/cni/bin', capabilities: { bandwidth: true }, cniVersion: '1.1.0', logFile: '/var/log/m.log', logLevel: 'debug',
    logOptions: { maxAge: 1 }, namespaceIsolation: true, globalNamespaces: 'a,b', cniDir: '/var/lib/cni/multus',
    auxiliaryCNIChainName: 'chain', daemonSocketDir: '/run/ms', overrideNetworkName: true,
    readinessindicatorfile: '/r/ready', cniConfigDir: '/host/etc/cni/net.d', multusAutoconfigDir: '/host/etc/cni/net.d',
    multusMasterCNI: '10-calico.conflist', forceCNIVersion: true, chrootDir: '/hostroot', socketDir: '/host/run/multus/',
  });
  const p = '/host/etc/cni/net.d/10-calico.conflist';
  assert.equal(
    generateMultusConf(c, checkPrimaryText(p, '{"cniVersion":"1.1.0","name":"multus-cni-network","plugins":[{"type":"calico"}]}', c)),
    '{"binDir":"/opt/cni/bin","capabilities":{"bandwidth":true},"cniVersion":"1.1.0","logFile":"/var/log/m.log","logLevel":"debug","logOptions":{"maxAge":1},"name":"multus-cni-network","clusterNetwork":"/host/etc/cni/net.d/10-calico.conflist","namespaceIsolation":true,"globalNamespaces":"a,b","type":"multus-shim","cniDir":"/var/lib/cni/multus","auxiliaryCNIChainName":"chain","daemonSocketDir":"/run/ms","overrideNetworkName":true}',
  );
});

test('logOptions fields in LogOptions order, given zeros kept; strings escaped as Go does', () => {
  const c = daemonConfig({ cniVersion: '0.3.1', logOptions: { compress: false, maxBackups: 0, maxSize: 100, maxAge: 5 }, globalNamespaces: 'a<b>&c\u2028' });
  const text = generateMultusConf(c, checkPrimaryText(primaryFile, flannel.replace('0.4.0', '0.3.1'), c));
  assert.ok(text.includes('"logOptions":{"maxAge":5,"maxSize":100,"maxBackups":0,"compress":false}'), text);
  assert.ok(text.includes('"globalNamespaces":"a\\u003cb\\u003e\\u0026c\\u2028"'), text);
});

test('ours on the local source: the pod-annotations capability, and the socket dir for the shim', () => {
  const local = { nadDir: '/n', statusDir: '/s' };
  const c = daemonConfig({ cniVersion: '1.0.0', localSource: local, socketDir: '/tmp/mts/run' });
  const text = generateMultusConf(c, checkPrimaryText(primaryFile, flannel, c));
  assert.equal(text, `{"capabilities":{"io.kubernetes.cri.pod-annotations":true},"cniVersion":"1.0.0","name":"multus-cni-network","clusterNetwork":"${primaryFile}","type":"multus-shim","daemonSocketDir":"/tmp/mts/run"}`);
  // a given daemonSocketDir wins; the default socket dir needs none
  const given = daemonConfig({ cniVersion: '1.0.0', localSource: local, socketDir: '/tmp/mts/run', daemonSocketDir: '/run/x' });
  assert.ok(generateMultusConf(given, checkPrimaryText(primaryFile, flannel, given)).endsWith('"daemonSocketDir":"/run/x"}'));
  const dflt = daemonConfig({ cniVersion: '1.0.0', localSource: local });
  assert.ok(generateMultusConf(dflt, checkPrimaryText(primaryFile, flannel, dflt)).endsWith('"type":"multus-shim"}'));
  // without the local source a non-default socketDir is a container path: not copied
  const k8s = daemonConfig({ cniVersion: '1.0.0', socketDir: '/host/run/multus/' });
  assert.equal(generateMultusConf(k8s, checkPrimaryText(primaryFile, flannel, k8s)), `{"cniVersion":"1.0.0","name":"multus-cni-network","clusterNetwork":"${primaryFile}","type":"multus-shim"}`);
});

test('clusterNetwork is the primary\'s full path as the daemon sees it', async (t) => {
  const dir = tempDir(t);
  const p = put(dir, '10-x.conf', flannel);
  const c = daemonConfig({ cniVersion: '0.4.0' });
  assert.equal(JSON.parse(generateMultusConf(c, await loadPrimary(p, c))).clusterNetwork, path.join(dir, '10-x.conf'));
});
