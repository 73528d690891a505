// §3.10/§3.11 made to work: GC reclaims the containers the runtime no longer lists; STATUS (S82, S85).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { lab } from './lab.ts';

const v11 = { name: 'n', type: 'multus', cniVersion: '1.1.0', kubeconfig: '/unused', delegates: [{ name: 'weave1', cniVersion: '1.1.0', plugins: [{ type: 'weave-net' }] }, { name: 'other1', cniVersion: '1.1.0', plugins: [{ type: 'other-plugin' }] }] };

test('S82: STATUS runs the cluster network only, once, without attachment arguments', async (t) => {
  const l = lab(t);
  await l.status(v11);
  assert.deepEqual(l.exec.order(), ['STATUS weave-net']);
  assert.deepEqual(l.exec.calls[0].json, { name: 'weave1', cniVersion: '1.1.0', type: 'weave-net' });
  assert.equal(l.exec.calls[0].env.CNI_IFNAME, '');
});

test('S85: a plugin\'s STATUS error keeps its code 50', async (t) => {
  const l = lab(t);
  l.exec.reply('weave-net', 'STATUS', { stdout: '{"code":50,"msg":"status failed"}', exit: 1 });
  await assert.rejects(l.status({ ...v11, delegates: [{ name: 'weave1', cniVersion: '1.1.0', type: 'weave-net' }] }), { code: 50, msg: 'status failed' });
});

test('STATUS fails with code 50 while the readiness indicator file is missing', async (t) => {
  const l = lab(t);
  await assert.rejects(l.status({ ...v11, readinessindicatorfile: join(l.dir, 'ready') }), { code: 50 });
});

test('GC deletes every cached container the runtime does not list as valid, then GCs every network with what is valid', async (t) => {
  const l = lab(t);
  l.exec.reply('weave-net', 'ADD', { stdout: '{"cniVersion":"1.1.0","ips":[{"address":"10.0.0.2/24"}]}' });
  for (const cid of ['alive', 'stale1', 'stale2']) {
    l.source.addPod('test', 'testpod', 'testUID');
    await l.add(v11, { containerID: cid });
  }
  l.exec.calls.length = 0;
  await l.gc({ ...v11, 'cni.dev/valid-attachments': [{ containerID: 'alive', ifname: 'eth0' }] });
  assert.deepEqual(l.exec.calls.map((c) => `${c.command} ${c.type} ${c.env.CNI_CONTAINERID}`), [
    'DEL other-plugin stale1', 'DEL weave-net stale1', 'DEL other-plugin stale2', 'DEL weave-net stale2', 'GC weave-net ', 'GC other-plugin ',
  ]);
  // each network's plugins hear only about their own still-valid attachments
  assert.deepEqual(l.exec.calls[5].json['cni.dev/valid-attachments'], [{ containerID: 'alive', ifname: 'net1' }]);
  assert.deepEqual(l.exec.calls[1].json.prevResult, { cniVersion: '1.1.0', ips: [{ address: '10.0.0.2/24' }] }, 'DEL with the cached result: IPAM can release');
  assert.deepEqual(l.exec.calls[4].json['cni.dev/valid-attachments'], [{ containerID: 'alive', ifname: 'eth0' }]);
  assert.ok(existsSync(join(l.cniDir, 'alive')));
  assert.equal(existsSync(join(l.cniDir, 'stale1')), false);
  // without a valid list nothing is reclaimed
  l.exec.calls.length = 0;
  await l.gc(v11);
  assert.deepEqual(l.exec.order(), ['GC weave-net', 'GC other-plugin']);
});
