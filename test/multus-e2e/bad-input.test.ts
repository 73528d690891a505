// Malformed annotations, NAD configs and CNI environment get CNI errors that name the field, and
// change nothing: no delegate runs, no cache is written, no link appears.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { skipUnlessRealPlugins } from '../support/real-plugins.ts';
import { assertNothingLeaked, makeNode, multusConf } from './harness.ts';
import { kubeEnv } from './kube-env.ts';

test('bad input fails cleanly with a message naming the field', async (t) => {
  if (skipUnlessRealPlugins(t)) return;
  const node = makeNode(t);
  const pod = node.pod();
  const { api, kubeconfig } = await kubeEnv(t, node, {
    'good-net': node.network('bridge').config,
    'broken-json': '{"cniVersion":"1.0.0","type":',
    'no-type': '{"cniVersion":"1.0.0","name":"x"}',
  }, {});
  const conf = multusConf(node, { kubeconfig });
  const setAnnotation = (v: string) => api.patchPod('test', 'testpod', { metadata: { annotations: { 'k8s.v1.cni.cncf.io/networks': v } } });
  const cases: Array<{ annotation?: string; env?: { ifName?: string; containerID?: string; netns?: string }; conf?: object; code?: number; msg: RegExp }> = [
    { annotation: 'Good_Net', msg: /parsePodNetworkAnnotation: .*mismatch @ 'Good_Net'/ },
    { annotation: '[{"name":"good-net","ips":["10.0.0.1/33"]}]', msg: /failed to parse CIDR "10\.0\.0\.1\/33"/ },
    { annotation: '[{"name":"good-net","mac":"zz"}]', msg: /failed to mac: address zz: invalid MAC address/ },
    { annotation: '[{"name":"good-net","interface":"a/b"}]', msg: /interface/ },
    { annotation: '[adsfasdfasdfasf]', msg: /invalid character 'a' looking for beginning of value/ },
    { annotation: 'missing-net', msg: /cannot find a network-attachment-definition \(missing-net\) in namespace \(test\)/ },
    { annotation: 'broken-json', msg: /failed to unmarshal Spec\.Config/ },
    { annotation: 'good-net@eth0', msg: /eth0/ },
    { annotation: 'good-net', env: { ifName: 'eth0123456789abcdef' }, msg: /interface name is too long/ },
    { annotation: 'good-net', env: { netns: '/var/run/netns/does-not-exist' }, msg: /no net namespace \/var\/run\/netns\/does-not-exist found/ },
    { annotation: 'good-net', conf: { ...conf, clusterNetwork: '' }, msg: /at least one delegate\/clusterNetwork must be specified/ },
    { annotation: 'good-net', conf: { ...conf, apiTimeoutMs: 'soon' }, msg: /apiTimeoutMs/ },
  ];
  for (const c of cases) {
    if (c.annotation !== undefined) setAnnotation(c.annotation);
    const r = await node.multus('ADD', pod, c.conf ?? conf, c.env);
    assert.equal(r.code, 1, `${c.annotation}: should fail: ${r.stdout}`);
    const err = JSON.parse(r.stdout) as { code: number; msg: string; details?: string };
    assert.match(`${err.msg} ${err.details ?? ''}`, c.msg, c.annotation);
    assert.ok(err.code > 0, `a CNI code, not 0: ${r.stdout}`);
    assert.equal(existsSync(node.cniDir), false, `${c.annotation}: nothing cached`);
    assertNothingLeaked(node, [pod]);
  }
  // CNI env: missing variables are named
  const r = await node.multus('ADD', pod, conf, { containerID: '' });
  assert.match(JSON.parse(r.stdout).msg, /required env variables \[CNI_CONTAINERID\] missing/);
  // a container id with path characters could name a cache file outside cniDir: refused, code 4
  const hostile = await node.multus('DEL', pod, conf, { containerID: '../../etc/passwd' });
  assert.deepEqual(JSON.parse(hostile.stdout), { code: 4, msg: 'invalid characters in containerID', details: '../../etc/passwd' });
  assertNothingLeaked(node, [pod]);
});
