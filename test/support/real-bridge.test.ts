// cni.md §5.12 case 79 through the rig: the Debian bridge + host-local plugins run inside a throwaway
// node namespace (NetnsExec), the pod is another namespace, IPAM state lives in a temp dir.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CniError } from '../../src/errors/catalogue.ts';
import { NetnsExec, createNodeNs, createPodNs, ipAddrIn, linksIn, listOwnNetns, podNetnsPath, routesIn, tcpReachable, uniqueIfName } from './netns.ts';
import { REAL_PLUGIN_DIR, skipUnlessRealPlugins } from './real-plugins.ts';
import { tempDir } from './tmp.ts';

interface BridgeResult {
  cniVersion: string;
  interfaces: Array<{ name: string; mac: string; sandbox?: string }>;
  ips: Array<{ interface: number; address: string; gateway: string }>;
  routes: Array<{ dst: string }>;
  dns: object;
}

test('bridge + host-local: ADD, CHECK, DEL twice inside namespaces; nothing left afterwards', async (t) => {
  if (skipUnlessRealPlugins(t)) return;
  const before = listOwnNetns();

  await t.test('in namespaces', async (st) => {
    const node = createNodeNs(st);
    const pods = [createPodNs(st), createPodNs(st)];
    const dataDir = path.join(tempDir(st), 'ipam');
    const bridge = uniqueIfName('mtb');
    const net = `mtsnet-${process.pid}`;
    const conf = JSON.stringify({
      cniVersion: '1.0.0', name: net, type: 'bridge', bridge, isGateway: false, ipMasq: false,
      ipam: { type: 'host-local', subnet: '10.254.77.0/24', gateway: '10.254.77.1', routes: [{ dst: '0.0.0.0/0' }], dataDir },
    });
    const ex = new NetnsExec(node);
    const env = (command: string, i: number) => ({
      CNI_COMMAND: command, CNI_CONTAINERID: `ctr${i}`, CNI_NETNS: podNetnsPath(pods[i]), CNI_IFNAME: 'eth0', CNI_ARGS: '',
      CNI_PATH: REAL_PLUGIN_DIR, PATH: '/usr/sbin:/usr/bin:/sbin:/bin',
    });
    const pluginPath = await ex.findInPath('bridge', [REAL_PLUGIN_DIR]);

    const results: BridgeResult[] = [];
    for (const i of [0, 1]) {
      const out = await ex.exec({ pluginPath, stdin: conf, env: env('ADD', i) });
      assert.equal(out.stderr, '');
      const res = JSON.parse(out.stdout) as BridgeResult;
      // Go's 4-space MarshalIndent, no trailing newline, keys in the plugin's order
      assert.equal(out.stdout, JSON.stringify(res, null, 4));
      results.push(res);
      assert.equal(res.cniVersion, '1.0.0');
      assert.equal(res.interfaces.length, 3);
      assert.deepEqual([res.interfaces[0].name, res.interfaces[2].name], [bridge, 'eth0']);
      assert.match(res.interfaces[1].name, /^veth[0-9a-f]{8}$/);
      assert.equal(res.interfaces[2].sandbox, podNetnsPath(pods[i]));
      assert.deepEqual(res.ips, [{ interface: 2, address: `10.254.77.${i + 2}/24`, gateway: '10.254.77.1' }]);
      assert.deepEqual(res.routes, [{ dst: '0.0.0.0/0' }]);
      assert.deepEqual(res.dns, {});
      // the reservation: container id, CRLF, ifname, no newline
      assert.equal(readFileSync(path.join(dataDir, net, `10.254.77.${i + 2}`), 'utf8'), `ctr${i}\r\neth0`);
      // in the pod: eth0 with the address and the default route
      const eth0 = ipAddrIn(pods[i], 'eth0');
      assert.ok(eth0.addr_info?.some((a) => a.family === 'inet' && a.local === `10.254.77.${i + 2}` && a.prefixlen === 24));
      assert.deepEqual(routesIn(pods[i]).find((r) => r.dst === 'default')?.gateway, '10.254.77.1');
      // CHECK with the ADD result as prevResult, right away: a later ADD on the same bridge may change
      // the bridge's MAC (it follows the lowest port MAC) and then CHECK of this attachment fails with
      // "Bridge interface … Mac doesn't match".
      const check = await ex.exec({ pluginPath, stdin: JSON.stringify({ ...JSON.parse(conf), prevResult: res }), env: env('CHECK', i) });
      assert.deepEqual(check, { stdout: '', stderr: '' });
    }
    assert.equal(readFileSync(path.join(dataDir, net, 'last_reserved_ip.0'), 'utf8'), '10.254.77.3');
    // the bridge and both host veths are in the node namespace, not on the host
    const nodeLinks = linksIn(node);
    assert.equal(nodeLinks.find((l) => l.ifname === bridge)?.linkinfo?.info_kind, 'bridge');
    assert.deepEqual(nodeLinks.filter((l) => l.master === bridge).map((l) => l.ifname).sort(), results.map((r) => r.interfaces[1].name).sort());
    assert.equal(existsSync(`/var/lib/cni/networks/${net}`), false);
    // the two pods reach each other over the bridge
    assert.ok(await tcpReachable(pods[0], pods[1], '10.254.77.3'));

    const withPrev = JSON.stringify({ ...JSON.parse(conf), prevResult: results[0] });

    // DEL twice succeeds, the reservation and the pod's eth0 are gone, the other pod keeps its own
    for (let k = 0; k < 2; k++) assert.deepEqual(await ex.exec({ pluginPath, stdin: withPrev, env: env('DEL', 0) }), { stdout: '', stderr: '' });
    assert.equal(existsSync(path.join(dataDir, net, '10.254.77.2')), false);
    assert.ok(existsSync(path.join(dataDir, net, '10.254.77.3')));
    assert.throws(() => ipAddrIn(pods[0], 'eth0'), /does not exist/);

    // CHECK after DEL: host-local's own error object, code 999
    await assert.rejects(ex.exec({ pluginPath, stdin: withPrev, env: env('CHECK', 0) }), (e: CniError) =>
      e.code === 999 && e.msg === 'host-local: Failed to find address added by container ctr0');
  });

  assert.deepEqual(listOwnNetns(), before, 'every namespace of the run is gone');
  assert.deepEqual(listOwnNetns(), []);
});
