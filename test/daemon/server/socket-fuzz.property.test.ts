// Property: whatever arrives on the daemon's socket — malformed JSON, wrong types, hostile names in
// the CNI environment, odd configs — the answer is a CNI error object (a numeric code and a message)
// or a success, never a crash or a hang, and nothing is written to disk for a request that fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { startSocketServer } from '../../../src/daemon/server/http.ts';
import { Metrics } from '../../../src/daemon/server/metrics.ts';
import { lab } from '../../multus/scenarios/lab.ts';
import { call } from './client.ts';

const hostile = fc.constantFrom('', '..', '../../etc', 'a/b', 'eth0123456789abcdef', 'x y', 'ok', 'net1', '\u0000', 'ÿ', 'c'.repeat(300));
const envArb = fc.record({
  CNI_COMMAND: fc.constantFrom('ADD', 'DEL', 'CHECK', 'GC', 'STATUS', 'VERSION', 'BOGUS', ''),
  CNI_CONTAINERID: hostile,
  CNI_NETNS: fc.constantFrom('', '/var/run/netns/test', 'fsdadfad', '../x'),
  CNI_IFNAME: hostile,
  CNI_ARGS: fc.constantFrom('', 'K8S_POD_NAMESPACE=test;K8S_POD_NAME=testpod', 'a=b=c', ';;', 'K8S_POD_NAME=../x;K8S_POD_NAMESPACE=..'),
  CNI_PATH: fc.constantFrom('', '/nonexistent'),
}, { requiredKeys: [] });
const configArb = fc.oneof(
  fc.string(),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.constant('{"cniVersion":"1.0.0","name":"n","type":"multus-shim","delegates":[{"name":"../x","type":"../../bin/sh"}]}'),
  fc.constant('{"cniVersion":"1.0.0","name":"n","type":"multus-shim","clusterNetwork":"/etc/passwd"}'),
);
const bodyArb = fc.oneof(
  fc.string(),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.tuple(envArb, configArb).map(([env, config]) => JSON.stringify({ env, config: Buffer.from(config).toString('base64') })),
  fc.tuple(fc.jsonValue(), fc.jsonValue()).map(([env, config]) => JSON.stringify({ env, config })),
);

test('every socket request gets a CNI answer and a failed one changes nothing on disk', async (t) => {
  const l = lab(t);
  const socketPath = join(l.dir, 'run', 'multus.sock');
  const srv = await startSocketServer({ socketPath, maxRequestBytes: 64 * 1024, concurrency: 2, metrics: new Metrics(), deps: l.deps(), override: (s) => s, notReady: async () => undefined });
  t.after(() => srv.shutdown(100));
  await fc.assert(fc.asyncProperty(bodyArb, async (body) => {
    const r = await call(socketPath, 'POST', '/cni', body);
    assert.ok(r.status === 200 || r.status === 400 || r.status === 413, `status ${r.status}`);
    if (r.status !== 200) {
      const e = JSON.parse(r.body) as { code: unknown; msg: unknown };
      assert.equal(typeof e.code, 'number');
      assert.ok(typeof e.msg === 'string' && e.msg.length > 0);
      assert.equal(existsSync(l.cniDir), false, 'a failed request wrote nothing');
    }
  }), { numRuns: 300 });
  assert.deepEqual(l.exec.calls.filter((c) => c.type.includes('/')), [], 'no plugin with a path-like type ever ran');
});
