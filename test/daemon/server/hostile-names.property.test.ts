// Property (issue 9 §3, hostile names): through the daemon's socket, an ADD whose container ID,
// interface name, delegate `type`, network name, annotation interface or annotation network is
// hostile gets a CNI error with the spec's code and a message naming what is wrong; no file appears
// or changes anywhere under the node's directories, nothing outside the bin dir runs, and whatever
// delegate ran was deleted again. (The cases: test/support/hostile-names.ts; the thin plugin's
// twin: test/multus-e2e/hostile-names-thin.property.test.ts.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { startSocketServer } from '../../../src/daemon/server/http.ts';
import { Metrics } from '../../../src/daemon/server/metrics.ts';
import { lab } from '../../multus/scenarios/lab.ts';
import { EXPECTED, fileSnapshot, hostileAdd, hostileCase } from '../../support/hostile-names.ts';
import { call, cniBody } from './client.ts';

test('hostile names anywhere in an ADD: the spec\'s code, a message naming it, nothing changed or left running', async (t) => {
  const l = lab(t);
  writeFileSync(join(l.confDir, 'victim.conf'), '{"a file outside cniDir":true}');
  l.source.addNad('test', 'net1', '{"cniVersion":"1.0.0","name":"net1","type":"mynet"}');
  const socketPath = join(l.dir, 'run', 'multus.sock');
  const srv = await startSocketServer({ socketPath, maxRequestBytes: 64 * 1024, concurrency: 2, metrics: new Metrics(), deps: l.deps(), override: (s) => s, notReady: async () => undefined });
  t.after(() => srv.shutdown(100));
  const before = fileSnapshot(l.dir);
  let n = 0;
  await fc.assert(fc.asyncProperty(hostileCase, async (c) => {
    const pod = `p${n++}`;
    const a = hostileAdd(c, n, 'net1');
    if (a.nad) l.source.addNad('test', a.nad.name, a.nad.config);
    l.source.addPod('test', pod, `uid-${pod}`, { 'k8s.v1.cni.cncf.io/networks': a.annotation });
    const env = {
      CNI_COMMAND: 'ADD', CNI_CONTAINERID: a.containerID, CNI_NETNS: '/var/run/netns/test', CNI_IFNAME: a.ifName, CNI_PATH: l.bin,
      CNI_ARGS: `IgnoreUnknown=1;K8S_POD_NAMESPACE=test;K8S_POD_NAME=${pod};K8S_POD_UID=uid-${pod}`,
    };
    const conf = { cniVersion: '1.0.0', name: 'multus-cni-network', type: 'multus-shim', kubeconfig: '/unused', cniDir: l.cniDir, confDir: l.confDir, binDir: l.bin, delegates: [a.delegate] };
    const r = await call(socketPath, 'POST', '/cni', cniBody(env, conf));
    const what = `${c.where}=${JSON.stringify(c.value)}`;
    assert.equal(r.status, 400, `${what}: ${r.body}`);
    const e = JSON.parse(r.body) as { code: number; msg: string };
    assert.equal(e.code, EXPECTED[c.where].code, `${what}: ${e.msg}`);
    assert.match(e.msg, EXPECTED[c.where].msg, what);
    assert.deepEqual(fileSnapshot(l.dir), before, `${what} changed files`);
  }), { numRuns: 150 });
  assert.deepEqual(l.exec.calls.filter((c) => c.type.includes('/') || c.type.includes('..')), [], 'nothing outside the bin dir ran');
  // a delegate that ran (before a later one was refused) was rolled back
  const adds = l.exec.calls.filter((c) => c.command === 'ADD').length;
  const dels = l.exec.calls.filter((c) => c.command === 'DEL').length;
  assert.ok(dels >= adds, `${adds} ADDs, ${dels} DELs`);
});
