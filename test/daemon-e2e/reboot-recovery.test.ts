// A simulated node reboot: the daemon dies, a pod's network namespace vanishes with its links, its
// caches and host-local reservation stay. The daemon comes back on a new boot id and deletes that
// attachment through its cached delegates (the address is released); a live pod is untouched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { linksIn, removeNetns } from '../support/netns.ts';
import { skipUnlessRealPlugins } from '../support/real-plugins.ts';
import { assertNothingLeaked } from '../multus-e2e/harness.ts';
import { makeThick } from './harness.ts';

test('reboot recovery releases what dead sandboxes held and leaves live ones alone', async (t) => {
  if (skipUnlessRealPlugins(t)) return;
  const th = await makeThick(t, {});
  const { node } = th;
  const nadDir = join(node.dir, 'nads');
  mkdirSync(nadDir);
  const bridge = node.network('bridge');
  writeFileSync(join(nadDir, 'n.json'), JSON.stringify({ kind: 'NetworkAttachmentDefinition', metadata: { name: 'bridge-net', namespace: 'test' }, spec: { config: bridge.config } }));
  writeFileSync(th.configFile, JSON.stringify({ ...JSON.parse(readFileSync(th.configFile, 'utf8')), localSource: { nadDir, statusDir: join(node.dir, 'status') } }));
  const ann = { 'k8s.v1.cni.cncf.io/networks': 'bridge-net' };
  await th.startDaemon({ MULTUS_TS_BOOT_ID: 'boot-1' });
  const [dead, alive] = [node.pod(), node.pod()];
  await th.add(dead, 'sb-dead', 'dead', ann);
  await th.add(alive, 'sb-alive', 'alive', ann);
  const reserved = () => readdirSync(node.ipamDir).flatMap((n) => readdirSync(join(node.ipamDir, n)).filter((f) => /^\d+\.\d+\.\d+\.\d+$/.test(f)).map((f) => `${n}/${f}`)).sort();
  assert.equal(reserved().length, 4, 'two pods × (cluster + bridge-net)');

  // the "reboot": daemon killed, one sandbox's namespace gone (its veths die with it), files kept
  await th.stopDaemon('SIGKILL');
  removeNetns(dead);
  await th.startDaemon({ MULTUS_TS_BOOT_ID: 'boot-2' });
  const deadline = Date.now() + 10_000;
  while (existsSync(join(node.cniDir, 'sb-dead')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  assert.equal(existsSync(join(node.cniDir, 'sb-dead')), false, 'the dead attachment was deleted');
  assert.equal(reserved().length, 2, 'its two addresses were released');
  assert.deepEqual(linksIn(alive).map((l) => l.ifname).sort(), ['eth0', 'lo', 'net1'], 'the live pod is untouched');
  assert.equal(readFileSync(join(node.cniDir, '.multus-ts-boot-id'), 'utf8').trim(), 'boot-2');

  await th.del(alive, 'sb-alive', 'alive', ann);
  assertNothingLeaked(node, [alive]);
});
