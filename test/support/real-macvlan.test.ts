// Secondary-network style attachments on a veth master inside the node namespace (no dummy links on
// these machines). macvlan runs here; ipvlan runs the same scenario only where the kernel has ipvlan
// and otherwise skips with the reason, so it still runs for real on kernels that have it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { NetnsExec, createNodeNs, createPodNs, createVethPair, ipAddrIn, podNetnsPath, tcpReachable } from './netns.ts';
import { REAL_PLUGIN_DIR, kernelHasLinkType, linkTypeSkipReason, skipUnlessRealPlugins } from './real-plugins.ts';
import { tempDir } from './tmp.ts';

async function twoPodsOnMaster(t: TestContext, type: 'macvlan' | 'ipvlan', extra: Record<string, unknown>): Promise<void> {
  const node = createNodeNs(t);
  const { a: master } = createVethPair(node);
  const pods = [createPodNs(t), createPodNs(t)];
  const net = `mts${type}-${process.pid}`;
  const conf = JSON.stringify({
    cniVersion: '1.0.0', name: net, type, master, ...extra,
    ipam: { type: 'host-local', subnet: '10.254.78.0/24', dataDir: path.join(tempDir(t), 'ipam') },
  });
  const ex = new NetnsExec(node);
  const env = (command: string, i: number) => ({
    CNI_COMMAND: command, CNI_CONTAINERID: `c${i}`, CNI_NETNS: podNetnsPath(pods[i]), CNI_IFNAME: 'net1', CNI_ARGS: '', CNI_PATH: REAL_PLUGIN_DIR,
  });
  const pluginPath = `${REAL_PLUGIN_DIR}/${type}`;
  for (const i of [0, 1]) {
    const res = JSON.parse((await ex.exec({ pluginPath, stdin: conf, env: env('ADD', i) })).stdout) as { ips: Array<{ address: string }> };
    assert.equal(res.ips[0].address, `10.254.78.${i + 2}/24`);
    assert.ok(ipAddrIn(pods[i], 'net1').addr_info?.some((x) => x.local === `10.254.78.${i + 2}`));
  }
  assert.ok(await tcpReachable(pods[0], pods[1], '10.254.78.3'), 'pods on the same master reach each other');
  for (const i of [0, 1]) await ex.exec({ pluginPath, stdin: conf, env: env('DEL', i) });
  assert.throws(() => ipAddrIn(pods[0], 'net1'), /does not exist/);
}

test('macvlan (bridge mode) on a veth master: two pods, addresses, connectivity, DEL', async (t) => {
  if (skipUnlessRealPlugins(t)) return;
  assert.ok(kernelHasLinkType('macvlan'));
  await twoPodsOnMaster(t, 'macvlan', { mode: 'bridge' });
});

test('ipvlan (l2) on a veth master: the same scenario', async (t) => {
  if (skipUnlessRealPlugins(t)) return;
  const reason = linkTypeSkipReason('ipvlan');
  if (reason) {
    t.skip(reason);
    return;
  }
  await twoPodsOnMaster(t, 'ipvlan', { mode: 'l2' });
});
