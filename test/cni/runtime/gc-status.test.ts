// cni.md §5.9: GC (stale DEL then plugin GC for ≥ 1.1.0), disableGC, STATUS, ValidateNetworkList.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseConfList } from '../../../src/cni/config/index.ts';
import { addNetworkList, gcNetworkList, statusNetworkList, validateNetworkList } from '../../../src/cni/runtime/index.ts';
import { lab, RT } from './lab.ts';

const IPS = '{"cniVersion":"1.1.0","ips":[{"address":"10.1.2.3/24"}]}';

async function seeded(t: Parameters<typeof lab>[0], version: string, extra = '') {
  const l = await lab(t, ['pA', 'pB']);
  const list = parseConfList(`{"cniVersion":"${version}","name":"net1"${extra},"plugins":[{"type":"pA"},{"type":"pB"}]}`);
  const other = parseConfList(`{"cniVersion":"${version}","name":"net2","plugins":[{"type":"pA"}]}`);
  l.exec.reply('pA', 'ADD', { stdout: IPS.replace('1.1.0', version) });
  for (const c of ['ctrA', 'ctrB', 'ctrC']) await addNetworkList(l.ctx, list, { ...RT, containerID: c });
  await addNetworkList(l.ctx, other, { ...RT, containerID: 'ctrZ' });
  l.exec.calls.length = 0;
  return { ...l, list };
}

test('GC at 1.1.0 deletes stale attachments, then GCs every plugin past errors', async (t) => {
  const { exec, ctx, cacheDir, list, bin } = await seeded(t, '1.1.0');
  exec.reply('pA', 'GC', { stdout: '{"code":100,"msg":"gc failed"}', exit: 1 });
  await assert.rejects(gcNetworkList(ctx, list, { validAttachments: [{ containerID: 'ctrA', ifname: 'eth0' }] }), { message: 'failed to GC plugin pA: gc failed' });
  assert.deepEqual(exec.calls.map((c) => `${c.command} ${c.type} ${c.env.CNI_CONTAINERID}`), [
    'DEL pB ctrB', 'DEL pA ctrB', 'DEL pB ctrC', 'DEL pA ctrC', 'GC pA ', 'GC pB ',
  ]);
  assert.deepEqual(exec.calls[0].json.prevResult, JSON.parse(IPS));
  assert.equal(exec.calls[0].env.CNI_ARGS, 'IgnoreUnknown=1;K8S_POD_NAME=p');
  const gc = exec.calls[5];
  assert.deepEqual(gc.json, {
    'cni.dev/attachments': [{ containerID: 'ctrA', ifname: 'eth0' }], 'cni.dev/valid-attachments': [{ containerID: 'ctrA', ifname: 'eth0' }],
    cniVersion: '1.1.0', name: 'net1', type: 'pB',
  });
  assert.deepEqual(gc.env, { CNI_COMMAND: 'GC', CNI_CONTAINERID: '', CNI_NETNS: '', CNI_IFNAME: '', CNI_ARGS: '', CNI_PATH: bin });
  assert.deepEqual((await readdir(join(cacheDir, 'results'))).sort(), ['net1-ctrA-eth0', 'net2-ctrZ-eth0']);
});

test('GC below 1.1.0 only deletes stale attachments', async (t) => {
  const { exec, ctx, list } = await seeded(t, '1.0.0');
  await gcNetworkList(ctx, list, { validAttachments: [{ containerID: 'ctrA', ifname: 'eth0' }] });
  assert.deepEqual(exec.order(), ['DEL pB', 'DEL pA', 'DEL pB', 'DEL pA']);
});

test('GC without arguments treats every attachment of the network as stale; disableGC does nothing', async (t) => {
  const { exec, ctx, cacheDir, list } = await seeded(t, '1.0.0');
  const disabled = parseConfList('{"cniVersion":"1.0.0","name":"net1","disableGC":true,"plugins":[{"type":"pA"},{"type":"pB"}]}');
  await gcNetworkList(ctx, disabled, null);
  assert.equal(exec.calls.length, 0);
  await gcNetworkList(ctx, list, null);
  assert.equal(exec.calls.length, 6);
  assert.deepEqual(await readdir(join(cacheDir, 'results')), ['net2-ctrZ-eth0']);
});

test('STATUS at 1.1.0 stops at the first error and keeps its code; below 1.1.0 it is a no-op', async (t) => {
  const { exec, ctx, bin } = await lab(t, ['pA', 'pB']);
  exec.reply('pB', 'STATUS', { stdout: '{"code":50,"msg":"not ready"}', exit: 1 });
  const list = parseConfList('{"cniVersion":"1.1.0","name":"net1","plugins":[{"type":"pA"},{"type":"pB"}]}');
  await assert.rejects(statusNetworkList(ctx, list), { code: 50, msg: 'not ready' });
  assert.deepEqual(exec.order(), ['STATUS pA', 'STATUS pB']);
  assert.deepEqual(exec.calls[1].json, { cniVersion: '1.1.0', name: 'net1', type: 'pB' });
  assert.deepEqual(exec.calls[1].env, { CNI_COMMAND: 'STATUS', CNI_CONTAINERID: '', CNI_NETNS: '', CNI_IFNAME: '', CNI_ARGS: '', CNI_PATH: bin });
  exec.calls.length = 0;
  await statusNetworkList(ctx, parseConfList('{"cniVersion":"1.0.0","name":"net1","plugins":[{"type":"pA"}]}'));
  assert.equal(exec.calls.length, 0);
});

test('ValidateNetworkList collects unsupported versions and missing plugins, else returns capabilities', async (t) => {
  const { exec, ctx, bin } = await lab(t, ['pA', 'pB']);
  exec.reply('pA', 'VERSION', { stdout: '{"cniVersion":"1.0.0","supportedVersions":["0.4.0","1.0.0"]}' });
  exec.reply('pB', 'VERSION', { stdout: '{"cniVersion":"1.0.0","supportedVersions":["0.4.0"]}' });
  const bad = parseConfList('{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"pA","capabilities":{"portMappings":true,"mac":false}},{"type":"pB","capabilities":{"bandwidth":true}},{"type":"missing"}]}');
  await assert.rejects(validateNetworkList(ctx, bad), { message: `[plugin pB does not support config version "1.0.0" failed to find plugin "missing" in path [${bin}]]` });
  const good = parseConfList('{"cniVersion":"0.4.0","name":"n","plugins":[{"type":"pA","capabilities":{"portMappings":true,"mac":false}}]}');
  assert.deepEqual(await validateNetworkList(ctx, good), ['portMappings']);
  assert.deepEqual(exec.calls[0].env, { CNI_COMMAND: 'VERSION', CNI_CONTAINERID: '', CNI_NETNS: 'dummy', CNI_IFNAME: 'dummy', CNI_ARGS: '', CNI_PATH: 'dummy' });
  assert.equal(exec.calls[0].stdin, '{"cniVersion":"1.1.0"}');
});
