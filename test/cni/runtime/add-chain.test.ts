// cni.md §5.3 (17, 18, 20) and §5.4: the stdin and env of each plugin of an ADD, and the result chain.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseConfList } from '../../../src/cni/config/index.ts';
import { addNetworkList } from '../../../src/cni/runtime/index.ts';
import { resultToJSON } from '../../../src/cni/result/index.ts';
import { lab, L3, RT, R_A, R_canon } from './lab.ts';

test('ADD of L3(1.0.0): env, stdin of every plugin, final result and cache', async (t) => {
  const { exec, ctx, cacheDir, bin } = await lab(t);
  exec.reply('pA', 'ADD', { stdout: R_A });
  const result = await addNetworkList(ctx, L3('1.0.0'), RT);
  assert.deepEqual(exec.order(), ['ADD pA', 'ADD pB', 'ADD pC']);
  const [a, b, c] = exec.calls;
  assert.deepEqual(a.env, { CNI_COMMAND: 'ADD', CNI_CONTAINERID: 'ctr1', CNI_NETNS: '/var/run/netns/x', CNI_ARGS: 'IgnoreUnknown=1;K8S_POD_NAME=p', CNI_IFNAME: 'eth0', CNI_PATH: bin });
  assert.deepEqual(a.json, {
    alpha: { a: 1, b: 2 }, capabilities: { mac: false, portMappings: true }, cniVersion: '1.0.0', name: 'net1',
    runtimeConfig: { portMappings: [{ containerPort: 80, hostPort: 8080, protocol: 'tcp' }] }, type: 'pA', zeta: 1,
  });
  assert.deepEqual(b.json, { capabilities: { mac: true }, cniVersion: '1.0.0', name: 'net1', prevResult: R_canon, runtimeConfig: { mac: '02:00:00:00:00:01' }, type: 'pB' });
  assert.deepEqual(c.json, { cniVersion: '1.0.0', html: '<a&b>', name: 'net1', prevResult: R_canon, type: 'pC' });
  assert.deepEqual(resultToJSON(result), R_canon);
  const cache = JSON.parse(await readFile(join(cacheDir, 'results', 'net1-ctr1-eth0'), 'utf8'));
  assert.deepEqual(Object.keys(cache), ['kind', 'containerId', 'config', 'ifName', 'networkName', 'netns', 'cniArgs', 'capabilityArgs', 'result']);
  assert.equal(Buffer.from(cache.config, 'base64').toString(), L3('1.0.0').raw);
  assert.deepEqual(cache.cniArgs, [['IgnoreUnknown', '1'], ['K8S_POD_NAME', 'p']]);
  assert.deepEqual(cache.capabilityArgs, RT.capabilityArgs);
  assert.deepEqual(cache.result, R_canon);
});

test('the runtime environment is inherited and CNI_* are always set, empty when unknown', async (t) => {
  const { exec, ctx } = await lab(t);
  const list = parseConfList('{"cniVersion":"1.0.0","name":"my.net-1","plugins":[{"type":"pA"}]}');
  exec.reply('pA', 'ADD', { stdout: '{"cniVersion":"1.0.0"}' });
  await addNetworkList(ctx, list, { containerID: 'c1', netNS: '', ifName: 'eth0' });
  assert.equal(exec.calls[0].env.CNI_NETNS, '');
  assert.equal(exec.calls[0].env.CNI_ARGS, '');
  assert.deepEqual(exec.calls[0].json, { cniVersion: '1.0.0', name: 'my.net-1', type: 'pA' });
});

test('a result without cniVersion takes the config version; null is an empty result', async (t) => {
  const { exec, ctx } = await lab(t, ['pA', 'pB']);
  const list = parseConfList('{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"pA"},{"type":"pB"}]}');
  exec.reply('pA', 'ADD', { stdout: '{"ips":[{"address":"10.1.2.3/24"}]}' }).reply('pB', 'ADD', { stdout: 'null' });
  const r = await addNetworkList(ctx, list, RT);
  assert.deepEqual(exec.calls[1].json.prevResult, { cniVersion: '1.0.0', ips: [{ address: '10.1.2.3/24' }] });
  assert.deepEqual(resultToJSON(r), { cniVersion: '1.0.0' });
});

test('no conversion inside the chain: a 0.2.0 result travels as 0.2.0 and is cached as returned', async (t) => {
  const { exec, ctx, cacheDir } = await lab(t, ['pA', 'pB']);
  const list = parseConfList('{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"pA"},{"type":"pB"}]}');
  exec.reply('pA', 'ADD', { stdout: '{"cniVersion":"0.2.0","ip4":{"ip":"10.1.2.3/24","gateway":"10.1.2.1","routes":[{"dst":"0.0.0.0/0"}]},"dns":{"nameservers":["8.8.8.8"]}}' });
  const r = await addNetworkList(ctx, list, RT);
  assert.equal(r.cniVersion, '0.2.0');
  assert.equal((exec.calls[1].json.prevResult as { cniVersion: string }).cniVersion, '0.2.0');
  const cache = JSON.parse(await readFile(join(cacheDir, 'results', 'n-ctr1-eth0'), 'utf8'));
  assert.deepEqual(cache.result, { cniVersion: '0.2.0', dns: { nameservers: ['8.8.8.8'] }, ip4: { gateway: '10.1.2.1', ip: '10.1.2.3/24', routes: [{ dst: '0.0.0.0/0' }] } });
});

test('an unknown result version fails the ADD with the plugin prefix and writes no cache', async (t) => {
  const { exec, ctx, cacheDir } = await lab(t);
  exec.reply('pA', 'ADD', { stdout: '{"cniVersion":"9.9.9"}' });
  await assert.rejects(addNetworkList(ctx, L3('1.0.0'), RT), { message: 'plugin type="pA" failed (add): unsupported CNI result version "9.9.9"' });
  await assert.rejects(readFile(join(cacheDir, 'results', 'net1-ctr1-eth0')), { code: 'ENOENT' });
});
