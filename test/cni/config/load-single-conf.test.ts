// cni.md §5.2 case 12, §2.3 items 3 and 5: .conf/.json fallback, wrapped as a list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { loadConfList, loadConfListFile } from '../../../src/cni/config/index.ts';
import { confDir } from './helpers.ts';

const SINGLE = '{"cniVersion":"0.4.0","name":"single","type":"bridge","bridge":"br0","capabilities":{"mac":true},"disableCheck":true}';

test('a matching .conf is wrapped without its list-level keys', async (t) => {
  const dir = await confDir(t, { '05-a.conf': SINGLE, '99-z.json': '{"cniVersion":"0.3.1","name":"jsonnet","type":"ptp"}' });
  const l = await loadConfList(dir, 'single');
  assert.equal(l.name, 'single');
  assert.equal(l.cniVersion, '0.4.0');
  assert.equal(l.disableCheck, false);
  assert.equal(l.plugins.length, 1);
  assert.equal(l.plugins[0].raw, SINGLE);
  assert.deepEqual(JSON.parse(l.plugins[0].raw), JSON.parse(SINGLE));
  assert.equal(l.source, path.join(dir, '05-a.conf'));
});

test('.json files are candidates too', async (t) => {
  const dir = await confDir(t, { '05-a.conf': SINGLE, '99-z.json': '{"cniVersion":"0.3.1","name":"jsonnet","type":"ptp"}' });
  const l = await loadConfList(dir, 'jsonnet');
  assert.equal(l.cniVersion, '0.3.1');
  assert.deepEqual(l.plugins.map((p) => p.type), ['ptp']);
  assert.equal((await loadConfListFile(path.join(dir, '99-z.json'))).name, 'jsonnet');
});

test('conflists come first; a .conf of the same name is only a fallback', async (t) => {
  const dir = await confDir(t, {
    '00-same.conf': '{"name":"n","type":"from-conf"}',
    '50-n.conflist': '{"name":"n","plugins":[{"type":"from-list"}]}',
    '60-n.conflist': '{"name":"n","plugins":[{"type":"later-duplicate"}]}',
  });
  assert.deepEqual((await loadConfList(dir, 'n')).plugins.map((p) => p.type), ['from-list']);
});
