// Property at the plugin's entry: any networks annotation, any NAD config text and any CNI_ARGS a
// user or runtime can produce ends in a result or a CniError with a CNI code — never another
// exception — and a failed ADD leaves no delegate cache behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { CniError } from '../../../src/errors/catalogue.ts';
import { lab } from './lab.ts';

const KUBE = { name: 'n', type: 'multus', cniVersion: '1.0.0', kubeconfig: '/unused', delegates: [{ name: 'weave1', cniVersion: '1.0.0', type: 'weave-net' }] };

test('ADD with arbitrary annotations, NAD configs and CNI_ARGS: a result or a CNI error, nothing half-done', async (t) => {
  const l = lab(t);
  const annotation = fc.oneof(fc.string(), fc.jsonValue().map((v) => JSON.stringify(v)), fc.constantFrom('net1', 'net1@eth0', 'ns/net1', '[{"name":"net1","ips":["x"]}]', 'net1,net1', '[{"name":"net1","interface":"../x"}]'));
  const nadConfig = fc.oneof(fc.string(), fc.jsonValue().map((v) => JSON.stringify(v)), fc.constant('{"type":"mynet"}'), fc.constant('{"plugins":[]}'));
  const args = fc.oneof(fc.string(), fc.constantFrom('K8S_POD_NAMESPACE=test;K8S_POD_NAME=testpod', 'IgnoreUnknown=1;K8S_POD_NAMESPACE=test;K8S_POD_NAME=testpod;X=1', 'a=b=c'));
  let i = 0;
  await fc.assert(fc.asyncProperty(annotation, nadConfig, args, async (a, cfg, cniArgs) => {
    const cid = `c${i++}`;
    l.source.addPod('test', 'testpod', 'testUID', { 'k8s.v1.cni.cncf.io/networks': a });
    l.source.addNad('test', 'net1', cfg);
    try {
      await l.add(KUBE, { containerID: cid, args: cniArgs });
    } catch (e) {
      assert.ok(e instanceof CniError, `not a CniError: ${String(e)}`);
      assert.ok(e.code >= 0 && e.msg.length > 0);
      assert.equal(existsSync(join(l.cniDir, cid)), false, 'a failed ADD leaves no delegate cache');
    }
  }), { numRuns: 300 });
});
