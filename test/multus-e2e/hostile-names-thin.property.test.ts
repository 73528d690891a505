// Property (issue 9 §3, hostile names) at the thin plugin: its entry (`main`, exactly what
// src/bin/multus.ts runs) with the local-files source and recording fake plugins. An ADD with a
// hostile container ID, interface name, delegate type or name, NAD config name, annotation interface
// or network exits 1 with a CNI error of the spec's code naming it on stdout; no file appears or
// changes under the node's directories, no plugin outside the bin dir runs, and any delegate that ran
// was deleted again. (The cases: test/support/hostile-names.ts; the socket's twin is in
// test/daemon/server/.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { main } from '../../src/cli/multus/main.ts';
import { POD_ANNOTATIONS_CAPABILITY } from '../../src/multus/sources/types.ts';
import { createFakePlugins, readCalls, setReply } from '../support/fake-plugin.ts';
import { EXPECTED, fileSnapshot, hostileAdd, hostileCase } from '../support/hostile-names.ts';
import { tempDir } from '../support/tmp.ts';

const RESULT = '{"cniVersion":"1.0.0","interfaces":[{"name":"eth0","sandbox":"/var/run/netns/x"}],"ips":[{"address":"10.9.9.2/24","interface":0}]}';

test('thin plugin: hostile names anywhere in an ADD get the spec\'s code, a message naming it, and change nothing', async (t) => {
  const plugins = tempDir(t); // outside the node dir: the fakes record their calls there
  const { binDir } = createFakePlugins(plugins, ['weave-net', 'mynet']);
  for (const ty of ['weave-net', 'mynet']) setReply(plugins, ty, 'ADD', { stdout: RESULT });
  const node = tempDir(t);
  const dirs = { nadDir: join(node, 'nads'), statusDir: join(node, 'status'), cniDir: join(node, 'cni'), confDir: join(node, 'conf') };
  for (const d of Object.values(dirs)) mkdirSync(d);
  writeFileSync(join(dirs.confDir, 'victim.conf'), '{"a file outside cniDir":true}');
  const nad = (name: string, config: string) => writeFileSync(join(dirs.nadDir, `${name}.json`), JSON.stringify({
    apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', metadata: { name, namespace: 'test' }, spec: { config },
  }));
  nad('net1', '{"cniVersion":"1.0.0","name":"net1","type":"mynet"}');
  // events.jsonl is the local source's Events log: an AddedInterface of a delegate that ran before a
  // later one was refused is a record of what happened (as with the API's Events), not state
  const snapshot = () => fileSnapshot(node, (rel) => rel === join('status', 'events.jsonl'));
  let n = 0;
  await fc.assert(fc.asyncProperty(hostileCase, async (c) => {
    const pod = `p${n++}`;
    const a = hostileAdd(c, n, 'net1');
    if (a.nad) nad(a.nad.name, a.nad.config);
    const before = snapshot();
    const conf = {
      cniVersion: '1.0.0', name: 'multus-cni-network', type: 'multus', binDir,
      cniDir: dirs.cniDir, confDir: dirs.confDir, localSource: { nadDir: dirs.nadDir, statusDir: dirs.statusDir },
      delegates: [a.delegate],
      runtimeConfig: { [POD_ANNOTATIONS_CAPABILITY]: { 'k8s.v1.cni.cncf.io/networks': a.annotation } },
    };
    const out = await main({
      CNI_COMMAND: 'ADD', CNI_CONTAINERID: a.containerID, CNI_NETNS: '/proc/self/ns/net', CNI_IFNAME: a.ifName, CNI_PATH: binDir,
      CNI_ARGS: `IgnoreUnknown=1;K8S_POD_NAMESPACE=test;K8S_POD_NAME=${pod};K8S_POD_UID=uid-${pod}`, PATH: '/usr/bin:/bin',
    }, JSON.stringify(conf));
    const what = `${c.where}=${JSON.stringify(c.value)}`;
    assert.equal(out.code, 1, `${what}: ${out.stdout}`);
    const e = JSON.parse(out.stdout) as { code: number; msg: string };
    assert.equal(e.code, EXPECTED[c.where].code, `${what}: ${e.msg}`);
    assert.match(e.msg, EXPECTED[c.where].msg, what);
    assert.deepEqual(snapshot(), before, `${what} changed files`);
  }), { numRuns: 60 });
  const calls = readCalls(plugins);
  assert.deepEqual(calls.filter((c) => c.type.includes('/') || c.type.includes('..')), [], 'nothing outside the bin dir ran');
  const adds = calls.filter((c) => c.command === 'ADD').length;
  assert.ok(calls.filter((c) => c.command === 'DEL').length >= adds, 'every delegate that ran was deleted again');
});
