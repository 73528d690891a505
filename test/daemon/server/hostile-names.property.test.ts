// Property (issue 9 §3, hostile names): through the daemon's socket, an ADD whose container ID,
// interface name, delegate `type`, network name, annotation interface or annotation network is
// hostile (path characters, `..`, over 15 bytes, whitespace) gets a CNI error with the spec's code —
// 4 (invalid environment) for CNI_* variables, 7 (invalid network config) for configs and
// annotations — and a message naming what is wrong; no file appears or changes anywhere under the
// node's directories, nothing outside the bin dir runs, and whatever delegate ran was deleted again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { startSocketServer } from '../../../src/daemon/server/http.ts';
import { Metrics } from '../../../src/daemon/server/metrics.ts';
import { lab } from '../../multus/scenarios/lab.ts';
import { call, cniBody } from './client.ts';

const segment = fc.stringMatching(/^[a-z0-9]{1,6}$/);
/** Names with a path in them, a dot-dot, or too long for an interface. */
const pathy = fc.oneof(
  fc.tuple(segment, segment).map(([a, b]) => `${a}/${b}`),
  segment.map((s) => `../${s}`),
  segment.map((s) => `../../${s}/..`),
  fc.constantFrom('..', '/etc/passwd', '../../bin/sh'),
);
const tooLongIf = fc.stringMatching(/^[a-z0-9]{16,40}$/);
const badIfName = fc.oneof(pathy, tooLongIf, segment.map((s) => `${s} x`), fc.constant('.'));

type Where = 'CNI_CONTAINERID' | 'CNI_IFNAME' | 'delegate type' | 'delegate name' | 'NAD config name' | 'annotation interface' | 'annotation network';
const caseArb: fc.Arbitrary<{ where: Where; value: string }> = fc.oneof(
  pathy.map((value) => ({ where: 'CNI_CONTAINERID' as const, value })),
  badIfName.map((value) => ({ where: 'CNI_IFNAME' as const, value })),
  pathy.map((value) => ({ where: 'delegate type' as const, value })),
  pathy.map((value) => ({ where: 'delegate name' as const, value })),
  pathy.map((value) => ({ where: 'NAD config name' as const, value })),
  badIfName.filter((v) => v !== '.').map((value) => ({ where: 'annotation interface' as const, value })),
  pathy.map((value) => ({ where: 'annotation network' as const, value })),
);

/** Expected code and a pattern the message must match, per place. */
const EXPECT: Record<Where, { code: number; msg: RegExp }> = {
  CNI_CONTAINERID: { code: 4, msg: /invalid characters in containerID/ },
  CNI_IFNAME: { code: 4, msg: /interface name/ },
  // (`..` has no path separator: like libcni, it is looked up and not found — a directory never runs)
  'delegate type': { code: 7, msg: /invalid plugin name|failed to find plugin "\.\."/ },
  'delegate name': { code: 7, msg: /invalid characters found in network name/ },
  'NAD config name': { code: 7, msg: /invalid characters found in network name/ },
  'annotation interface': { code: 7, msg: /interface name|did not match comma-delimited format/ },
  'annotation network': { code: 7, msg: /parsePodNetworkObjectName: (Invalid network object|Failed to parse)|network-attachment-definition/ },
};

/** Every file under `dir` with its content (directories themselves do not count). */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(dir, { recursive: true })) {
    const p = join(dir, String(e));
    if (statSync(p).isFile()) out.set(String(e), readFileSync(p, 'utf8'));
  }
  return out;
}

test('hostile names anywhere in an ADD: the spec\'s code, a message naming it, nothing changed or left running', async (t) => {
  const l = lab(t);
  writeFileSync(join(l.confDir, 'victim.conf'), '{"a file outside cniDir":true}');
  l.source.addNad('test', 'net1', '{"cniVersion":"1.0.0","name":"net1","type":"mynet"}');
  const socketPath = join(l.dir, 'run', 'multus.sock');
  const srv = await startSocketServer({ socketPath, maxRequestBytes: 64 * 1024, concurrency: 2, metrics: new Metrics(), deps: l.deps(), override: (s) => s, notReady: async () => undefined });
  t.after(() => srv.shutdown(100));
  const before = snapshot(l.dir);
  let n = 0;
  await fc.assert(fc.asyncProperty(caseArb, async ({ where, value }) => {
    const pod = `p${n++}`;
    const delegate = { name: 'weave1', cniVersion: '1.0.0', type: 'weave-net' };
    let annotation = 'net1';
    if (where === 'delegate type') delegate.type = value;
    if (where === 'delegate name') delegate.name = value;
    if (where === 'annotation interface') annotation = JSON.stringify([{ name: 'net1', interface: value }]);
    if (where === 'annotation network') annotation = value;
    if (where === 'NAD config name') {
      l.source.addNad('test', `bad${n}`, JSON.stringify({ cniVersion: '1.0.0', name: value, type: 'mynet' }));
      annotation = `bad${n}`;
    }
    l.source.addPod('test', pod, `uid-${pod}`, { 'k8s.v1.cni.cncf.io/networks': annotation });
    const env = {
      CNI_COMMAND: 'ADD', CNI_CONTAINERID: where === 'CNI_CONTAINERID' ? value : `c${n}`, CNI_NETNS: '/var/run/netns/test',
      CNI_IFNAME: where === 'CNI_IFNAME' ? value : 'eth0', CNI_PATH: l.bin,
      CNI_ARGS: `IgnoreUnknown=1;K8S_POD_NAMESPACE=test;K8S_POD_NAME=${pod};K8S_POD_UID=uid-${pod}`,
    };
    const conf = { cniVersion: '1.0.0', name: 'multus-cni-network', type: 'multus-shim', kubeconfig: '/unused', cniDir: l.cniDir, confDir: l.confDir, binDir: l.bin, delegates: [delegate] };
    const r = await call(socketPath, 'POST', '/cni', cniBody(env, conf));
    assert.equal(r.status, 400, `${where}=${JSON.stringify(value)}: ${r.body}`);
    const e = JSON.parse(r.body) as { code: number; msg: string };
    assert.equal(e.code, EXPECT[where].code, `${where}=${JSON.stringify(value)}: ${e.msg}`);
    assert.match(e.msg, EXPECT[where].msg, where);
    assert.deepEqual(snapshot(l.dir), before, `${where}=${JSON.stringify(value)} changed files`);
  }), { numRuns: 150 });
  assert.deepEqual(l.exec.calls.filter((c) => c.type.includes('/') || c.type.includes('..')), [], 'nothing outside the bin dir ran');
  // a delegate that ran (before a later one was refused) was rolled back
  const adds = l.exec.calls.filter((c) => c.command === 'ADD').length;
  const dels = l.exec.calls.filter((c) => c.command === 'DEL').length;
  assert.ok(dels >= adds, `${adds} ADDs, ${dels} DELs`);
});
