// The recording fake plugin: exact call log, scripted replies, passthrough, defaults, timing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CniError } from '../../src/errors/catalogue.ts';
import { ProcessExec } from '../../src/cni/exec/index.ts';
import { DEFAULT_VERSION_REPLY, callOrder, clearCalls, createFakePlugins, readCalls, setReply } from './fake-plugin.ts';
import { tempDir } from './tmp.ts';

const ex = new ProcessExec({ stderrSink: () => {} });

test('fake plugins log type, command, CNI_* env and exact stdin, and answer as scripted', async (t) => {
  const dir = tempDir(t);
  const { binDir, paths } = createFakePlugins(dir, ['pA', 'pB']);
  assert.equal(await ex.findInPath('pB', [binDir]), paths.pB);

  const env = { CNI_COMMAND: 'ADD', CNI_CONTAINERID: 'ctr1', CNI_NETNS: '', CNI_ARGS: 'A=1;B=2', CNI_IFNAME: 'eth0', CNI_PATH: binDir, OTHER: 'not logged' };
  // duplicate keys, odd spacing, escapes and a big integer: passthrough must keep the bytes
  const stdin = '{"cniVersion":"1.0.0", "name":"n","prevResult":{"x":1},\n "prevResult" : {"cniVersion":"1.0.0","big":12345678901234567890,"s":"a\\"}b","a":[{"}":"]"}]} }';
  const r = await ex.exec({ pluginPath: paths.pA, stdin, env });
  assert.equal(r.stdout, '{"cniVersion":"1.0.0","big":12345678901234567890,"s":"a\\"}b","a":[{"}":"]"}]}');

  setReply(dir, 'pB', 'ADD', { stdout: '{"cniVersion":"1.0.0","ips":[]}', stderr: 'log line\n' });
  setReply(dir, 'pB', 'DEL', { stdout: '{"code":100,"msg":"pB failed"}', exit: 1 });
  setReply(dir, 'pB', '*', { stdout: 'any' });
  assert.deepEqual(await ex.exec({ pluginPath: paths.pB, stdin: '{}', env }), { stdout: '{"cniVersion":"1.0.0","ips":[]}', stderr: 'log line\n' });
  await assert.rejects(ex.exec({ pluginPath: paths.pB, stdin: '{}', env: { ...env, CNI_COMMAND: 'DEL' } }), (e: CniError) => e.code === 100 && e.msg === 'pB failed');
  assert.equal((await ex.exec({ pluginPath: paths.pB, stdin: '{}', env: { ...env, CNI_COMMAND: 'CHECK' } })).stdout, 'any');

  const calls = readCalls(dir);
  assert.deepEqual(calls[0], {
    type: 'pA',
    command: 'ADD',
    env: { CNI_ARGS: 'A=1;B=2', CNI_COMMAND: 'ADD', CNI_CONTAINERID: 'ctr1', CNI_IFNAME: 'eth0', CNI_NETNS: '', CNI_PATH: binDir },
    stdin,
  });
  assert.deepEqual(callOrder(dir), ['ADD pA', 'ADD pB', 'DEL pB', 'CHECK pB']);
  clearCalls(dir);
  assert.deepEqual(readCalls(dir), []);
});

test('defaults without a reply: ADD passes through ({} or the chosen text when none), VERSION lists all, others say nothing', async (t) => {
  const dir = tempDir(t);
  const { paths } = createFakePlugins(dir, ['p']);
  const run = (command: string, stdin: string) => ex.exec({ pluginPath: paths.p, stdin, env: { CNI_COMMAND: command } });
  assert.equal((await run('ADD', '{"cniVersion":"1.0.0","name":"n"}')).stdout, '{}');
  assert.equal((await run('ADD', '{"prevResult":null}')).stdout, '{}');
  assert.equal((await run('ADD', 'not json')).stdout, '{}');
  assert.equal((await run('VERSION', '{"cniVersion":"1.1.0"}')).stdout, DEFAULT_VERSION_REPLY);
  assert.equal((await run('DEL', '{}')).stdout, '');
  setReply(dir, 'p', 'ADD', { passthrough: true, passthroughWhenNone: 'null' });
  assert.equal((await run('ADD', '{}')).stdout, 'null');
  assert.equal((await run('ADD', '{"prevResult":[1, 2]}')).stdout, '[1, 2]');
});

test('sleepMs delays the answer after the call is logged, so timeouts can be tested', async (t) => {
  const dir = tempDir(t);
  const { paths } = createFakePlugins(dir, ['slow']);
  setReply(dir, 'slow', 'ADD', { sleepMs: 5000 });
  const started = Date.now();
  await assert.rejects(ex.exec({ pluginPath: paths.slow, stdin: '{}', env: { CNI_COMMAND: 'ADD' }, timeoutMs: 600 }), (e: CniError) => e.id === 'PLUGIN_TIMEOUT');
  assert.ok(Date.now() - started < 1500);
  assert.deepEqual(callOrder(dir), ['ADD slow']);
});
