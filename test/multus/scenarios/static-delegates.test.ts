// multus.md §6.3 S67, S70, S73, S80: static `delegates`, for every config version Multus' suites use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { resultToJSON } from '../../../src/cni/result/index.ts';
import { lab } from './lab.ts';

const conf = (v: string) => ({
  name: 'node-cni-network', type: 'multus', cniVersion: v,
  delegates: [{ name: 'weave1', cniVersion: v, type: 'weave-net' }, { name: 'other1', cniVersion: v, type: 'other-plugin' }],
});

for (const v of ['1.0.0', '0.4.0', '0.3.1']) {
  test(`S67 (${v}): ADD runs weave1 on eth0 then other1 on net1; CHECK both; DEL both, other1 first`, async (t) => {
    const l = lab(t);
    l.exec.reply('weave-net', 'ADD', { stdout: '{"cniVersion":"1.0.0","ips":[{"address":"1.1.1.2/24"}]}' });
    l.exec.reply('other-plugin', 'ADD', { stdout: '{"cniVersion":"1.0.0","ips":[{"address":"1.1.1.5/24"}]}' });
    l.source.addPod('test', 'testpod', 'testUID');
    const r = await l.add(conf(v));
    assert.deepEqual(l.exec.order(), ['ADD weave-net', 'ADD other-plugin']);
    assert.deepEqual(l.exec.calls.map((c) => c.env.CNI_IFNAME), ['eth0', 'net1']);
    assert.deepEqual(l.exec.calls[0].json, { name: 'weave1', cniVersion: v, type: 'weave-net' });
    assert.equal(r.cniVersion, v, 'returned in the config version');
    const ips = (resultToJSON(r) as { ips: Array<{ address: string }> }).ips;
    assert.equal(ips[0].address, '1.1.1.2/24', "the master's result");
    assert.ok(existsSync(join(l.cniDir, '123456789')), 'S80: the delegate cache exists');
    l.exec.calls.length = 0;
    if (v === '0.3.1') {
      // the skel refuses CHECK below 0.4.0 before anything runs
      await assert.rejects(l.check(conf(v)), { code: 1, msg: 'config version does not allow CHECK' });
      assert.deepEqual(l.exec.order(), []);
    } else {
      await l.check(conf(v));
      assert.deepEqual(l.exec.order(), ['CHECK weave-net', 'CHECK other-plugin']);
    }
    l.exec.calls.length = 0;
    await l.del(conf(v));
    assert.deepEqual(l.exec.order(), ['DEL other-plugin', 'DEL weave-net']);
    assert.equal(existsSync(join(l.cniDir, '123456789')), false);
  });
}

test('S70: conflist delegates: the list name and version override the plugin\'s own', async (t) => {
  const l = lab(t);
  l.exec.reply('weave-net', 'ADD', { stdout: '{"cniVersion":"1.0.0","ips":[{"address":"1.1.1.2/24"}]}' });
  l.source.addPod('test', 'testpod', 'testUID');
  await l.add({
    name: 'node-cni-network', type: 'multus',
    delegates: [
      { name: 'weave1', cniVersion: '1.0.0', plugins: [{ type: 'weave-net', cniVersion: '1.0.0', name: 'weave-net-name' }] },
      { name: 'other1', cniVersion: '1.0.0', plugins: [{ type: 'other-plugin' }] },
    ],
  });
  assert.deepEqual(l.exec.calls[0].json, { name: 'weave1', cniVersion: '1.0.0', type: 'weave-net' });
  assert.deepEqual(l.exec.calls.map((c) => c.env.CNI_IFNAME), ['eth0', 'net1']);
});

// Deviation: Multus DELs only weave1 here; we also DEL the delegate that failed (best effort), because a
// plugin that failed half-way may have left state (a veth when its IPAM failed) that its DEL removes.
test('S73: a delegate with an empty name is refused before exec; everything run is rolled back', async (t) => {
  const l = lab(t);
  l.source.addPod('test', 'testpod', 'testUID');
  await assert.rejects(l.add({
    name: 'node-cni-network', type: 'multus',
    delegates: [{ name: 'weave1', cniVersion: '1.0.0', type: 'weave-net' }, { name: '', cniVersion: '1.0.0', type: 'other-plugin' }],
  }), /missing network name/);
  assert.deepEqual(l.exec.order(), ['ADD weave-net', 'DEL other-plugin', 'DEL weave-net']);
});
