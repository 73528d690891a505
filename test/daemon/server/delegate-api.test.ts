// The `/delegate` (hotplug) API (multus.md §3.12): one delegate's own config on stdin, the
// interfaceAttributes applied as an annotation element's would be, the requested CNI_IFNAME; the pod
// must exist; no delegate cache, no network-status, no events, no rollback; GC refused.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startSocketServer } from '../../../src/daemon/server/http.ts';
import { Metrics } from '../../../src/daemon/server/metrics.ts';
import { lab, type Lab } from '../../multus/scenarios/lab.ts';
import { call } from './client.ts';

const RESULT = '{"cniVersion":"1.0.0","interfaces":[{"name":"net5","sandbox":"/var/run/netns/test"}],"ips":[{"address":"10.1.1.5/24","interface":0}]}';
const DELEGATE = { cniVersion: '1.0.0', name: 'hot', type: 'mynet', capabilities: { ips: true, mac: true }, args: { cni: { keep: 1 } } };

async function server(t: TestContext): Promise<{ l: Lab; post: (command: string, extra?: object, pod?: string) => Promise<{ status: number; body: string }> }> {
  const l = lab(t);
  l.source.addPod('test', 'testpod', 'testUID', {});
  const socketPath = join(l.dir, 'run', 'multus.sock');
  const srv = await startSocketServer({ socketPath, maxRequestBytes: 64 * 1024, concurrency: 2, metrics: new Metrics(), deps: l.deps(), override: (s) => s, notReady: async () => undefined });
  t.after(() => srv.shutdown(100));
  const post = (command: string, extra: object = {}, pod = 'testpod') => call(socketPath, 'POST', '/delegate', JSON.stringify({
    env: {
      CNI_COMMAND: command, CNI_CONTAINERID: 'cid1', CNI_NETNS: '/var/run/netns/test', CNI_IFNAME: 'net5', CNI_PATH: l.bin,
      CNI_ARGS: `K8S_POD_NAMESPACE=test;K8S_POD_NAME=${pod};K8S_POD_UID=testUID`,
    },
    config: Buffer.from(JSON.stringify({ ...DELEGATE, cniDir: l.cniDir, binDir: l.bin })).toString('base64'),
    ...extra,
  }));
  return { l, post };
}

test('ADD runs the delegate with the requested interface and attributes, and records nothing of Multus', async (t) => {
  const { l, post } = await server(t);
  l.exec.reply('mynet', 'ADD', { stdout: RESULT });
  const r = await post('ADD', { interfaceAttributes: { ips: ['10.1.1.5/24'], mac: 'c2:11:22:33:44:55', 'cni-args': { extra: 'x' } } });
  assert.equal(r.status, 200, r.body);
  assert.deepEqual((JSON.parse(r.body) as { Result: { cniVersion: string; ips: unknown[] } }).Result.cniVersion, '1.1.0');
  assert.deepEqual(l.exec.calls.map((c) => `${c.command} ${c.type} ${c.env.CNI_IFNAME}`), ['ADD mynet net5']);
  const stdin = l.exec.calls[0].json as { runtimeConfig?: { ips?: string[]; mac?: string }; args?: { cni?: Record<string, unknown> } };
  assert.deepEqual(stdin.runtimeConfig, { ips: ['10.1.1.5/24'], mac: 'c2:11:22:33:44:55' });
  assert.deepEqual(stdin.args?.cni, { keep: 1, extra: 'x' });
  assert.match(l.exec.calls[0].env.CNI_ARGS, /K8S_POD_NAME=testpod/);
  // no delegate cache (only libcni's own result cache of the delegate), no status, no events
  assert.deepEqual(readdirSync(l.cniDir).filter((f) => f !== 'results'), []);
  assert.equal(l.source.statuses.size, 0);
  assert.deepEqual(l.source.events, []);
});

test('DEL and CHECK run the delegate; GC is refused as Multus refuses it', async (t) => {
  const { l, post } = await server(t);
  l.exec.reply('mynet', 'ADD', { stdout: RESULT });
  assert.equal((await post('ADD')).status, 200);
  assert.equal((await post('CHECK')).status, 200);
  assert.equal((await post('DEL')).status, 200);
  assert.deepEqual(l.exec.calls.map((c) => `${c.command} ${c.type}`), ['ADD mynet', 'CHECK mynet', 'DEL mynet']);
  const gc = await post('GC');
  assert.equal(gc.status, 400);
  assert.match((JSON.parse(gc.body) as { msg: string }).msg, /unknown cmd type: GC/);
});

test('the pod must exist: a missing pod fails the ADD before anything runs', async (t) => {
  const { l, post } = await server(t);
  const r = await post('ADD', {}, 'nosuchpod');
  assert.equal(r.status, 400);
  assert.match((JSON.parse(r.body) as { msg: string }).msg, /pod not found/);
  assert.deepEqual(l.exec.calls, []);
  assert.equal(existsSync(l.cniDir), false);
});

test('a failing delegate: its error is returned, with no rollback DEL (the caller owns the interface)', async (t) => {
  const { l, post } = await server(t);
  l.exec.reply('mynet', 'ADD', { exit: 1, stdout: '{"code":11,"msg":"busy"}' });
  const r = await post('ADD');
  assert.equal(r.status, 400);
  const e = JSON.parse(r.body) as { code: number; msg: string };
  assert.equal(e.code, 11);
  assert.match(e.msg, /\[test\/testpod\/testUID:hot\]: .*busy/);
  assert.deepEqual(l.exec.calls.map((c) => c.command), ['ADD']);
});

test('malformed interfaceAttributes get a CNI error naming the field', async (t) => {
  const { l, post } = await server(t);
  for (const bad of [[1], { ips: 'x' }, { mac: 5 }, { 'cni-args': [1] }]) {
    const r = await post('ADD', { interfaceAttributes: bad });
    assert.equal(r.status, 400);
    assert.match((JSON.parse(r.body) as { msg: string }).msg, /interfaceAttributes/);
  }
  assert.deepEqual(l.exec.calls, []);
});
