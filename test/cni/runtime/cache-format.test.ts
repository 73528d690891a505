// cni.md §5.7: libcni's cache format, file names with dots, GetCachedAttachments filtering.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseConfList } from '../../../src/cni/config/index.ts';
import { addNetworkList } from '../../../src/cni/runtime/index.ts';
import { listCachedAttachments } from '../../../src/cni/cache.ts';
import { lab } from './lab.ts';

test('minimal cache file is byte-identical to libcni, dir 0700, file 0600', async (t) => {
  const { exec, ctx, cacheDir } = await lab(t);
  const text = '{"cniVersion":"1.0.0","name":"my.net-1","plugins":[{"type":"pA"}]}';
  exec.reply('pA', 'ADD', { stdout: '{"cniVersion":"1.0.0"}' });
  await addNetworkList(ctx, parseConfList(text), { containerID: 'c1', netNS: '', ifName: 'eth0' });
  const file = join(cacheDir, 'results', 'my.net-1-c1-eth0');
  assert.equal(await readFile(file, 'utf8'),
    '{"kind":"cniCacheV1","containerId":"c1","config":"eyJjbmlWZXJzaW9uIjoiMS4wLjAiLCJuYW1lIjoibXkubmV0LTEiLCJwbHVnaW5zIjpbeyJ0eXBlIjoicEEifV19","ifName":"eth0","networkName":"my.net-1","result":{"cniVersion":"1.0.0"}}');
  assert.equal((await stat(file)).mode & 0o777, 0o600);
  assert.equal((await stat(join(cacheDir, 'results'))).mode & 0o777, 0o700);
});

test('cached attachments are matched by the whole container id', async (t) => {
  const { exec, ctx, cacheDir } = await lab(t);
  exec.reply('pA', 'ADD', { stdout: '{"cniVersion":"1.0.0"}' });
  await addNetworkList(ctx, parseConfList('{"cniVersion":"1.0.0","name":"my.net-1","plugins":[{"type":"pA"}]}'), { containerID: 'abc.def-1_2', netNS: '/n', ifName: 'net1' });
  assert.deepEqual((await listCachedAttachments(cacheDir)).map((a) => a.path), [join(cacheDir, 'results', 'my.net-1-abc.def-1_2-net1')]);
  assert.deepEqual(await listCachedAttachments(cacheDir, 'def-1_2'), []);
  const [a] = await listCachedAttachments(cacheDir, 'abc.def-1_2');
  assert.equal(a.netNS, '/n');
  assert.equal(a.networkName, 'my.net-1');
});
