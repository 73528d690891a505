// cni.md §5.8: CHECK gating and prevResult; DEL order, prevResult, repeated DEL, failure keeps cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile, access } from 'node:fs/promises';
import { join } from 'node:path';
import { parseConfList } from '../../../src/cni/config/index.ts';
import { addNetworkList, checkNetworkList, delNetworkList } from '../../../src/cni/runtime/index.ts';
import { lab, L3, RT, R_A, R_canon } from './lab.ts';

test('CHECK is refused below 0.4.0 and for bad versions, without running anything', async (t) => {
  const { exec, ctx } = await lab(t);
  await assert.rejects(checkNetworkList(ctx, L3('0.3.1'), RT), { message: 'configuration version "0.3.1" does not support the CHECK command' });
  const noVersion = parseConfList('{"name":"net1","plugins":[{"type":"pA"}]}');
  await assert.rejects(checkNetworkList(ctx, noVersion, RT), { message: 'configuration version "" does not support the CHECK command' });
  const bogus = parseConfList('{"cniVersion":"bogus","name":"net1","plugins":[{"type":"pA"}]}');
  await assert.rejects(checkNetworkList(ctx, bogus, RT), /failed to convert major version part "bogus"/);
  await assert.rejects(delNetworkList(ctx, bogus, RT), /failed to convert major version part "bogus"/);
  assert.equal(exec.calls.length, 0);
});

test('CHECK without a cache runs without prevResult; disableCheck runs nothing', async (t) => {
  const { exec, ctx } = await lab(t);
  await checkNetworkList(ctx, parseConfList('{"cniVersion":"1.0.0","name":"net1","plugins":[{"type":"pA"}]}'), RT);
  assert.deepEqual(exec.calls[0].json, { cniVersion: '1.0.0', name: 'net1', type: 'pA' });
  await checkNetworkList(ctx, parseConfList('{"cniVersion":"1.0.0","name":"net1","disableCheck":"true","plugins":[{"type":"pA"}]}'), RT);
  assert.equal(exec.calls.length, 1);
});

test('CHECK and DEL after ADD: order, cached prevResult, cache removed, second DEL without prevResult', async (t) => {
  const { exec, ctx, cacheDir } = await lab(t);
  exec.reply('pA', 'ADD', { stdout: R_A });
  await addNetworkList(ctx, L3('1.0.0'), RT);
  exec.calls.length = 0;
  await checkNetworkList(ctx, L3('1.0.0'), RT);
  assert.deepEqual(exec.order(), ['CHECK pA', 'CHECK pB', 'CHECK pC']);
  for (const c of exec.calls) assert.deepEqual(c.json.prevResult, R_canon);
  assert.deepEqual(exec.calls[1].json.runtimeConfig, { mac: '02:00:00:00:00:01' });
  exec.calls.length = 0;
  await delNetworkList(ctx, L3('1.0.0'), RT);
  assert.deepEqual(exec.order(), ['DEL pC', 'DEL pB', 'DEL pA']);
  for (const c of exec.calls) assert.deepEqual(c.json.prevResult, R_canon);
  await assert.rejects(access(join(cacheDir, 'results', 'net1-ctr1-eth0')));
  exec.calls.length = 0;
  await delNetworkList(ctx, L3('1.0.0'), RT);
  assert.deepEqual(exec.order(), ['DEL pC', 'DEL pB', 'DEL pA']);
  assert.deepEqual(exec.calls[0].json.prevResult, { bogus: true }, "the file's own prevResult survives when nothing is injected");
  assert.equal(exec.calls[1].json.prevResult, undefined);
  assert.equal(exec.calls[2].json.prevResult, undefined);
});

test('DEL stops at the first failure and keeps the cache for a retry', async (t) => {
  const { exec, ctx, cacheDir } = await lab(t, ['pA', 'pB']);
  const list = parseConfList('{"cniVersion":"1.0.0","name":"net1","plugins":[{"type":"pA"},{"type":"pB"}]}');
  exec.reply('pA', 'ADD', { stdout: '{"cniVersion":"1.0.0"}' });
  await addNetworkList(ctx, list, RT);
  exec.calls.length = 0;
  exec.reply('pB', 'DEL', { stdout: '{"code":100,"msg":"pB failed"}', exit: 1 });
  await assert.rejects(delNetworkList(ctx, list, RT), { code: 100, msg: 'plugin type="pB" failed (delete): pB failed' });
  assert.deepEqual(exec.order(), ['DEL pB']);
  await access(join(cacheDir, 'results', 'net1-ctr1-eth0'));
});

test('a legacy raw-result cache is read and converted; a corrupt one is dropped by DEL but refused by CHECK', async (t) => {
  const { exec, ctx, cacheDir } = await lab(t);
  const list = parseConfList('{"cniVersion":"1.0.0","name":"net1","plugins":[{"type":"pA"}]}');
  await mkdir(join(cacheDir, 'results'), { recursive: true });
  const file = join(cacheDir, 'results', 'net1-ctr1-eth0');
  await writeFile(file, '{"cniVersion":"0.4.0","ips":[{"version":"4","address":"10.1.2.3/24"}]}');
  await checkNetworkList(ctx, list, RT);
  assert.deepEqual(exec.calls[0].json.prevResult, { cniVersion: '1.0.0', ips: [{ address: '10.1.2.3/24' }] });
  await writeFile(file, '{not json');
  await assert.rejects(checkNetworkList(ctx, list, RT), /failed to get network "net1" cached result: decoding version from network config/);
  exec.calls.length = 0;
  await delNetworkList(ctx, list, RT);
  assert.equal(exec.calls[0].json.prevResult, undefined);
  await assert.rejects(readFile(file), { code: 'ENOENT' });
});
