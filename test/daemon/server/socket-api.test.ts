// The daemon's socket API (multus.md §2.6): paths, methods, both answer formats, errors as CNI error
// objects, the body size limit, and the socket's permissions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSocketServer } from '../../../src/daemon/server/http.ts';
import { CNI_OUTPUT_TYPE } from '../../../src/daemon/server/cni-handler.ts';
import { Metrics } from '../../../src/daemon/server/metrics.ts';
import { lab } from '../../multus/scenarios/lab.ts';
import { call, cniBody } from './client.ts';

const conf = { cniVersion: '0.3.1', name: 'multus-cni-network', type: 'multus-shim', kubeconfig: '/unused', delegates: [{ name: 'weave1', cniVersion: '0.3.1', type: 'weave-net' }] };

async function daemon(t: Parameters<typeof lab>[0], maxRequestBytes = 1 << 20) {
  const l = lab(t);
  l.source.addPod('test', 'testpod', 'testUID');
  l.exec.reply('weave-net', 'ADD', { stdout: '{"cniVersion":"0.3.1","interfaces":[{"name":"eth0","sandbox":"/var/run/netns/test"}],"ips":[{"version":"4","address":"10.1.1.5/24","interface":0}]}' });
  const socketPath = join(l.dir, 'run', 'multus.sock');
  const metrics = new Metrics();
  const srv = await startSocketServer({ socketPath, maxRequestBytes, concurrency: 4, metrics, deps: l.deps(), override: (s) => s, notReady: async () => undefined });
  t.after(() => srv.shutdown(100));
  const env = { CNI_COMMAND: 'ADD', CNI_CONTAINERID: '123456789', CNI_NETNS: '/var/run/netns/test', CNI_IFNAME: 'eth0', CNI_PATH: l.bin, CNI_ARGS: 'IgnoreUnknown=1;K8S_POD_NAMESPACE=test;K8S_POD_NAME=testpod;K8S_POD_UID=testUID' };
  const stdin = { ...conf, cniDir: l.cniDir, binDir: l.bin };
  return { l, socketPath, metrics, env, stdin };
}

test('ADD answers Multus\' {"Result": 1.1.0} to Go shims and the exact CNI output to ours', async (t) => {
  const { socketPath, env, stdin, l } = await daemon(t);
  const go = await call(socketPath, 'POST', '/cni', cniBody(env, stdin));
  assert.equal(go.status, 200);
  assert.deepEqual(JSON.parse(go.body), { Result: { cniVersion: '1.1.0', interfaces: [{ name: 'eth0', sandbox: '/var/run/netns/test' }], ips: [{ address: '10.1.1.5/24', interface: 0 }] } });
  const ours = await call(socketPath, 'POST', '/cni', cniBody({ ...env, CNI_CONTAINERID: 'c2' }, stdin), { Accept: CNI_OUTPUT_TYPE });
  assert.equal(ours.status, 200);
  assert.equal(ours.contentType, CNI_OUTPUT_TYPE);
  assert.deepEqual(JSON.parse(ours.body), { cniVersion: '0.3.1', interfaces: [{ name: 'eth0', sandbox: '/var/run/netns/test' }], ips: [{ version: '4', address: '10.1.1.5/24', interface: 0 }], dns: {} });
  const del = await call(socketPath, 'POST', '/cni', cniBody({ ...env, CNI_COMMAND: 'DEL' }, stdin));
  assert.deepEqual([del.status, del.body], [200, '']);
  assert.deepEqual(l.exec.order(), ['ADD weave-net', 'ADD weave-net', 'DEL weave-net']);
});

test('errors are 400 with the CNI error object; malformed bodies name the field', async (t) => {
  const { socketPath, env, stdin } = await daemon(t);
  const cases: Array<[string, number, RegExp]> = [
    ['not json', 6, /could not decode the request body as JSON/],
    ['[]', 6, /must be a JSON object/],
    ['{"env":5}', 4, /"env" must be an object of strings/],
    ['{"env":{"CNI_COMMAND":7}}', 4, /"env.CNI_COMMAND" must be a string/],
    [JSON.stringify({ env: { ...env, CNI_IFNAME: 'x/y' }, config: Buffer.from(JSON.stringify(stdin)).toString('base64') }), 4, /interface name contains/],
    [JSON.stringify({ env: { ...env, CNI_CONTAINERID: '../etc' }, config: '' }), 4, /invalid characters in containerID/],
    [cniBody(env, '{"cniVersion":'), 6, /LoadNetConf/],
  ];
  for (const [body, code, msg] of cases) {
    const r = await call(socketPath, 'POST', '/cni', body);
    assert.equal(r.status, 400, body);
    const e = JSON.parse(r.body) as { code: number; msg: string };
    assert.equal(e.code, code, `${body}: ${r.body}`);
    assert.match(e.msg, msg);
  }
});

test('paths, methods, health, the size limit and the request counter', async (t) => {
  const { socketPath, metrics } = await daemon(t, 1024);
  assert.equal((await call(socketPath, 'GET', '/healthz')).status, 200);
  assert.equal((await call(socketPath, 'POST', '/healthz', '')).status, 200);
  assert.equal((await call(socketPath, 'GET', '/readyz')).status, 200);
  assert.equal((await call(socketPath, 'GET', '/cni')).status, 405);
  assert.equal((await call(socketPath, 'GET', '/nope')).status, 404);
  const big = await call(socketPath, 'POST', '/cni', 'x'.repeat(4096));
  assert.equal(big.status, 413);
  assert.match(JSON.parse(big.body).msg, /larger than maxRequestBytes \(1024 bytes\)/);
  assert.match(metrics.render(), /multus_server_request_total\{code="405",handler="\/cni",method="GET"\} 1/);
});

test('the socket is 0600 in a 0700 directory, and a path we do not own is refused', async (t) => {
  const { socketPath, l } = await daemon(t);
  assert.equal(statSync(socketPath).mode & 0o777, 0o600);
  assert.equal(statSync(join(l.dir, 'run')).mode & 0o777, 0o700);
  const planted = join(l.dir, 'planted');
  mkdirSync(planted, { mode: 0o700 });
  writeFileSync(join(planted, 'multus.sock'), 'not a socket');
  await assert.rejects(startSocketServer({ socketPath: join(planted, 'multus.sock'), maxRequestBytes: 1024, concurrency: 1, metrics: new Metrics(), deps: l.deps(), override: (s) => s, notReady: async () => undefined }), /it exists and is not a socket/);
});
