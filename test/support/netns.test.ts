// The namespace rig: node and pod namespaces, veth masters, commands and plugins run inside the node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { CniError } from '../../src/errors/catalogue.ts';
import {
  NetnsExec,
  createNodeNs,
  createPodNs,
  createVethPair,
  ip,
  ipAddrIn,
  linksIn,
  ping,
  pingSkipReason,
  podNetnsPath,
  routesIn,
  runInNodeNs,
  uniqueIfName,
} from './netns.ts';
import { callOrder, createFakePlugins, readCalls } from './fake-plugin.ts';
import { skipUnlessRealPlugins } from './real-plugins.ts';
import { groupMembers, killGroupQuietly, waitGroupGone } from './process-group.ts';
import { tempDir, writeExecutable } from './tmp.ts';

test('node namespace: lo up, veth pair inside it, nothing of it on the host', async (t) => {
  if (skipUnlessRealPlugins(t)) return;
  const node = createNodeNs(t);
  const { a, b } = createVethPair(node);
  const kinds = Object.fromEntries(linksIn(node).map((l) => [l.ifname, l.linkinfo?.info_kind ?? l.link_type]));
  assert.deepEqual(kinds, { lo: 'loopback', [a]: 'veth', [b]: 'veth' });
  assert.ok(ipAddrIn(node, 'lo').flags.includes('UP'));
  assert.deepEqual(routesIn(node), []);
  assert.throws(() => ipAddrIn(node, 'nope0'), /does not exist/);
  assert.throws(() => ip(['link', 'show', a]), /does not exist/, 'the host does not see it');
  assert.ok(uniqueIfName('a-very-long-prefix').length <= 15);
});

test('runInNodeNs runs argv inside the node namespace with the exact env and stdin', async (t) => {
  if (skipUnlessRealPlugins(t)) return;
  const node = createNodeNs(t);
  const { a } = createVethPair(node);
  const links = await runInNodeNs(node, ['/usr/sbin/ip', '-j', 'link', 'show'], { env: {} });
  assert.equal(links.code, 0, links.stderr);
  assert.ok((JSON.parse(links.stdout) as Array<{ ifname: string }>).some((l) => l.ifname === a));
  const env = await runInNodeNs(node, ['/usr/bin/env'], { env: { ONLY: 'this one' } });
  assert.equal(env.stdout, 'ONLY=this one\n');
  const cat = await runInNodeNs(node, ['/bin/cat'], { stdin: 'héllo\n', env: {} });
  assert.deepEqual([cat.code, cat.stdout], [0, 'héllo\n']);
  const fail = await runInNodeNs(node, ['/bin/sh', '-c', 'echo err >&2; exit 4'], { env: {} });
  assert.deepEqual([fail.code, fail.stderr], [4, 'err\n']);
});

test('NetnsExec runs plugins inside the node namespace with ProcessExec semantics', async (t) => {
  if (skipUnlessRealPlugins(t)) return;
  const node = createNodeNs(t);
  const { a, b } = createVethPair(node);
  const dir = tempDir(t);
  const { paths } = createFakePlugins(dir, ['fake']);
  const ex = new NetnsExec(node, { stderrSink: () => {} });
  assert.equal(ex.node, node);

  // env exactly as given, stdin as given, recorded by the fake
  const env = { CNI_COMMAND: 'ADD', CNI_CONTAINERID: 'c', CNI_NETNS: podNetnsPath('x'), CNI_IFNAME: 'eth0', CNI_ARGS: '', CNI_PATH: path.dirname(paths.fake) };
  await ex.exec({ pluginPath: paths.fake, stdin: '{"prevResult":{"a":1}}', env });
  assert.deepEqual(readCalls(dir)[0], { type: 'fake', command: 'ADD', env, stdin: '{"prevResult":{"a":1}}' });
  assert.equal((await ex.exec({ pluginPath: '/usr/bin/env', stdin: '', env: { K: 'v' } })).stdout, 'K=v\n');

  // it really is inside the node namespace
  const looker = writeExecutable(dir, 'looker', '#!/bin/sh\nexec /usr/sbin/ip -j link show\n');
  const seen = JSON.parse((await ex.exec({ pluginPath: looker, stdin: '', env: {} })).stdout) as Array<{ ifname: string }>;
  assert.deepEqual(seen.map((l) => l.ifname).sort(), [a, b, 'lo'].sort());

  // error decoding and exec errors are libcni's, not ip's
  const failing = writeExecutable(dir, 'failing', '#!/bin/sh\nprintf \'{"code":11,"msg":"try again"}\'\nexit 1\n');
  await assert.rejects(ex.exec({ pluginPath: failing, stdin: '', env: {} }), (e: CniError) => e.code === 11 && e.msg === 'try again');
  const noexec = writeExecutable(dir, 'noexec', '#!/bin/sh\n', 0o644);
  await assert.rejects(ex.exec({ pluginPath: noexec, stdin: '', env: {} }), (e: CniError) =>
    e.id === 'PLUGIN_EXEC' && e.msg === `netplugin failed with no error message: fork/exec ${noexec}: permission denied`);

  // timeout: the plugin is the group leader even behind ip netns exec
  const pidFile = path.join(dir, 'pid');
  const slow = writeExecutable(dir, 'slow', `#!/bin/sh\necho $$ > ${pidFile}\nsleep 5 &\nsleep 5\n`);
  const started = Date.now();
  await assert.rejects(ex.exec({ pluginPath: slow, stdin: '', env: { PATH: '/usr/bin:/bin' }, timeoutMs: 300 }), (e: CniError) =>
    e.id === 'PLUGIN_TIMEOUT' && e.msg === 'netplugin failed with no error message: signal: killed');
  assert.ok(Date.now() - started < 1000);
  const pgid = Number(readFileSync(pidFile, 'utf8'));
  t.after(() => killGroupQuietly(pgid));
  assert.ok(await waitGroupGone(pgid), `group ${pgid} still has ${groupMembers(pgid).join(' ')}`);
  assert.deepEqual(callOrder(dir), ['ADD fake']);
});

test('ping from a pod namespace (needs iputils-ping)', async (t) => {
  if (skipUnlessRealPlugins(t)) return;
  const reason = pingSkipReason();
  if (reason) {
    t.skip(reason);
    return;
  }
  const pod = createPodNs(t);
  assert.equal(await ping(pod, '127.0.0.1'), true);
  assert.equal(await ping(pod, '10.254.254.254'), false);
});
