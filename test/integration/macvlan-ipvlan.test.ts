// macvlan (and ipvlan where the kernel has it) on a master inside the node namespace. Our machines'
// kernel has no dummy links: a veth end stands in as the master (toolchain.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parseConfList } from '../../src/cni/config/index.ts';
import { addNetworkList, delNetworkList } from '../../src/cni/runtime/index.ts';
import { resultToJSON } from '../../src/cni/result/index.ts';
import { createNodeNs, createPodNs, createVethPair, linksIn, podNetnsPath, tcpReachable } from '../support/netns.ts';
import { linkTypeSkipReason, skipUnlessRealPlugins } from '../support/real-plugins.ts';
import { tempDir } from '../support/tmp.ts';
import { realContext } from './real-context.ts';

for (const type of ['macvlan', 'ipvlan'] as const) {
  test(`${type} + host-local on a veth master: two pods attach, reach each other, and detach cleanly`, async (t) => {
    if (skipUnlessRealPlugins(t)) return;
    const reason = linkTypeSkipReason(type);
    if (reason) {
      t.skip(reason);
      return;
    }
    const node = createNodeNs(t);
    const { a: master } = createVethPair(node);
    const pods = [createPodNs(t), createPodNs(t)];
    const dir = tempDir(t);
    const ctx = realContext(node, dir);
    const list = parseConfList(JSON.stringify({
      cniVersion: '1.0.0', name: `${type}-net`,
      plugins: [{ type, master, ...(type === 'macvlan' ? { mode: 'bridge' } : { mode: 'l2' }), ipam: { type: 'host-local', subnet: '10.254.81.0/24', dataDir: join(dir, 'ipam') } }],
    }));
    const rts = pods.map((p, i) => ({ containerID: `c${i}`, netNS: podNetnsPath(p), ifName: 'net1' }));
    for (const rt of rts) {
      const r = resultToJSON(await addNetworkList(ctx, list, rt)) as { ips: Array<{ address: string }> };
      assert.match(r.ips[0].address, /^10\.254\.81\.\d+\/24$/);
    }
    assert.equal(linksIn(pods[0]).find((l) => l.ifname === 'net1')?.linkinfo?.info_kind, type);
    assert.ok(await tcpReachable(pods[0], pods[1], '10.254.81.3'));
    for (const rt of rts) await delNetworkList(ctx, list, rt);
    for (const p of pods) assert.deepEqual(linksIn(p).map((l) => l.ifname), ['lo']);
  });
}
