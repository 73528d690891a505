// cnitool against the real Debian bridge + host-local: ADD prints the result, CHECK passes, DEL twice
// succeeds, and afterwards no reservation, link or cache file is left.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { containerIdFor } from '../../src/cli/cnitool/setup.ts';
import { createNodeNs, createPodNs, ipAddrIn, linksIn, podNetnsPath, uniqueIfName } from '../support/netns.ts';
import { REAL_PLUGIN_DIR, skipUnlessRealPlugins } from '../support/real-plugins.ts';
import { tempDir } from '../support/tmp.ts';
import { cnitool } from './cnitool-run.ts';

test('cnitool add/check/del/del with bridge + host-local leaves nothing behind', async (t) => {
  if (skipUnlessRealPlugins(t)) return;
  const node = createNodeNs(t);
  const pod = createPodNs(t);
  const dir = tempDir(t);
  const bridge = uniqueIfName('mtb');
  const dataDir = join(dir, 'ipam');
  writeFileSync(join(dir, '10-demo.conflist'), JSON.stringify({
    cniVersion: '1.0.0', name: 'demo-net',
    plugins: [
      { type: 'bridge', bridge, isGateway: true, ipMasq: false, ipam: { type: 'host-local', subnet: '10.254.78.0/24', dataDir, routes: [{ dst: '0.0.0.0/0' }] } },
      { type: 'tuning', capabilities: { mac: true } },
    ],
  }));
  const env = { NETCONFPATH: dir, CNI_PATH: REAL_PLUGIN_DIR, CNI_CACHE_DIR: join(dir, 'cache'), CAP_ARGS: '{"mac":"02:00:00:aa:bb:cc"}', CNI_ARGS: 'IgnoreUnknown=1;K8S_POD_NAME=p' };
  const netns = podNetnsPath(pod);

  const add = await cnitool(node, ['add', 'demo-net', netns], env);
  assert.equal(add.code, 0, add.stdout + add.stderr);
  const result = JSON.parse(add.stdout);
  assert.equal(add.stdout, `${JSON.stringify(result, null, 4)}\n`, 'printed as upstream: 4-space indent');
  assert.equal(result.cniVersion, '1.0.0');
  assert.deepEqual(result.ips, [{ interface: 2, address: '10.254.78.2/24', gateway: '10.254.78.1' }]);
  assert.equal(result.interfaces[2].mac, '02:00:00:aa:bb:cc', 'tuning got the mac capability');
  assert.equal(ipAddrIn(pod, 'eth0').address, '02:00:00:aa:bb:cc');
  const cid = containerIdFor(netns);
  assert.match(cid, /^cnitool-[0-9a-f]{20}$/);
  const cacheFile = join(dir, 'cache', 'results', `demo-net-${cid}-eth0`);
  const cache = JSON.parse(readFileSync(cacheFile, 'utf8'));
  assert.equal(cache.kind, 'cniCacheV1');
  assert.deepEqual(cache.cniArgs, [['IgnoreUnknown', '1'], ['K8S_POD_NAME', 'p']]);
  assert.equal(readFileSync(join(dataDir, 'demo-net', '10.254.78.2'), 'utf8'), `${cid}\r\neth0`);

  const check = await cnitool(node, ['check', 'demo-net', netns], env);
  assert.equal(check.code, 0, check.stdout + check.stderr);
  assert.equal(check.stdout, '');

  for (let i = 0; i < 2; i++) {
    const del = await cnitool(node, ['del', 'demo-net', netns], env);
    assert.equal(del.code, 0, del.stdout + del.stderr);
  }
  assert.equal(existsSync(cacheFile), false, 'cache removed');
  assert.deepEqual(readdirSync(join(dataDir, 'demo-net')).filter((f) => /^\d/.test(f)), [], 'no reservation left');
  assert.deepEqual(linksIn(pod).map((l) => l.ifname), ['lo'], 'no link left in the pod');
  assert.deepEqual(linksIn(node).filter((l) => l.ifname.startsWith('veth')), [], 'no veth left in the node');
});

test('CNI_CONTAINERID and -i let one netns join the same network twice', async (t) => {
  if (skipUnlessRealPlugins(t)) return;
  const node = createNodeNs(t);
  const pod = createPodNs(t);
  const dir = tempDir(t);
  const dataDir = join(dir, 'ipam');
  writeFileSync(join(dir, '10-p.conf'), JSON.stringify({ cniVersion: '0.4.0', name: 'p', type: 'bridge', bridge: uniqueIfName('mtb'), ipam: { type: 'host-local', subnet: '10.254.79.0/24', dataDir } }));
  const env = { NETCONFPATH: dir, CNI_PATH: REAL_PLUGIN_DIR, CNI_CACHE_DIR: join(dir, 'cache') };
  const a = await cnitool(node, ['add', 'p', podNetnsPath(pod)], env);
  const b = await cnitool(node, ['add', 'p', podNetnsPath(pod), '-i', 'eth1'], { ...env, CNI_CONTAINERID: 'second' });
  assert.equal(a.code, 0, a.stdout);
  assert.equal(b.code, 0, b.stdout);
  assert.equal(JSON.parse(b.stdout).cniVersion, '0.4.0');
  assert.ok(ipAddrIn(pod, 'eth1'));
  assert.equal((await cnitool(node, ['del', 'p', podNetnsPath(pod), '-i', 'eth1'], { ...env, CNI_CONTAINERID: 'second' })).code, 0);
  assert.equal((await cnitool(node, ['del', 'p', podNetnsPath(pod)], env)).code, 0);
  assert.deepEqual(readdirSync(join(dir, 'cache', 'results')), []);
});
