// cni.md §5.6 and §2.5: plugin errors and argument validation during ADD, with libcni's codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { parseConfList } from '../../../src/cni/config/index.ts';
import { addNetworkList } from '../../../src/cni/runtime/index.ts';
import { lab, RT } from './lab.ts';

const one = (type: string, name = 'net1') => parseConfList(`{"cniVersion":"1.0.0","name":"${name}","plugins":[{"type":"${type}"}]}`);

test('a plugin error keeps its code and gets the list prefix', async (t) => {
  const { exec, ctx } = await lab(t);
  exec.reply('pA', 'ADD', { stdout: '{"code":11,"msg":"try again"}', exit: 1 });
  await assert.rejects(addNetworkList(ctx, one('pA'), RT), { code: 11, msg: 'plugin type="pA" failed (add): try again' });
});

test('missing and path-like plugin types', async (t) => {
  const { ctx, bin } = await lab(t);
  await assert.rejects(addNetworkList(ctx, one('missing'), RT), { message: `plugin type="missing" failed (add): failed to find plugin "missing" in path [${bin}]` });
  await assert.rejects(addNetworkList(ctx, one('../bin/pA'), RT), { message: 'plugin type="../bin/pA" failed (add): invalid plugin name: ../bin/pA' });
});

test('ADD validates container id, network name and interface name after the lookup, with libcni codes', async (t) => {
  const { exec, ctx, cacheDir } = await lab(t);
  const cases: Array<[Partial<typeof RT>, string, number, string]> = [
    [{ containerID: '' }, 'net1', 3, 'missing containerID'],
    [{ containerID: 'bad/id' }, 'net1', 4, 'invalid characters in containerID'],
    [{}, 'bad name', 7, 'invalid characters found in network name'],
    [{ ifName: 'eth0123456789abcd' }, 'net1', 4, 'interface name is too long'],
    [{ ifName: '..' }, 'net1', 4, 'interface name is . or ..'],
    [{ ifName: 'a:b' }, 'net1', 4, 'interface name contains / or : or whitespace characters'],
    [{ ifName: '' }, 'net1', 4, 'interface name is empty'],
  ];
  for (const [over, name, code, msg] of cases) {
    await assert.rejects(addNetworkList(ctx, one('pA', name), { ...RT, ...over }), (e: { code: number; msg: string }) => {
      assert.equal(e.code, code);
      assert.equal(e.msg, `plugin type="pA" failed (add): ${msg}`);
      return true;
    });
  }
  assert.equal(exec.calls.length, 0, 'no plugin runs when validation fails');
  await assert.rejects(readdir(cacheDir), { code: 'ENOENT' });
});

test('an empty network name fails with code 7 "missing network name:"', async (t) => {
  const { ctx } = await lab(t);
  await assert.rejects(addNetworkList(ctx, one('pA', ''), RT), { code: 7, msg: 'plugin type="pA" failed (add): missing network name:' });
});
