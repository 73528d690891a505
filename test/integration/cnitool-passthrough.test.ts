// End to end through the cnitool process and a real (recording) plugin executable: every member of the
// user's plugin config that the runtime does not own reaches the plugin byte for byte — big integers,
// key order, escapes and all (Multus leaked IPs by re-serialising configs lossily).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { objectMembers } from '../../src/cni/raw-json.ts';
import { createFakePlugins, readCalls, setReply } from '../support/fake-plugin.ts';
import { createNodeNs } from '../support/netns.ts';
import { tempDir } from '../support/tmp.ts';
import { cnitool } from './cnitool-run.ts';

const PLUGIN = '{ "type" : "recorder", "zeta":12345678901234567890, "alpha" : {"b":2,"a":1.50}, "ünï\\u00e7ode":"\\u003c&>", "capabilities":{"mac":true}, "runtimeConfig":{"kept":true}, "dup":1, "dup":2 }';

test('unknown keys of a plugin config reach the plugin exactly as written', async (t) => {
  if (process.getuid?.() !== 0) {
    t.skip('needs root for the node namespace');
    return;
  }
  const node = createNodeNs(t);
  const dir = tempDir(t);
  const fakes = createFakePlugins(join(dir, 'fakes'), ['recorder']);
  setReply(join(dir, 'fakes'), 'recorder', 'ADD', { stdout: '{"cniVersion":"1.0.0","ips":[{"address":"10.9.9.9/24"}]}' });
  writeFileSync(join(dir, '10-rec.conflist'), `{"cniVersion":"1.0.0","name":"rec","plugins":[${PLUGIN}]}`);
  const env = { NETCONFPATH: dir, CNI_PATH: fakes.binDir, CNI_CACHE_DIR: join(dir, 'cache') };
  for (const verb of ['add', 'del']) {
    const r = await cnitool(node, [verb, 'rec', '/var/run/netns/none'], { ...env, ...(verb === 'add' ? {} : { CAP_ARGS: '{"mac":"02:00:00:00:00:09"}' }) });
    assert.equal(r.code, 0, r.stdout + r.stderr);
  }
  const calls = readCalls(join(dir, 'fakes'));
  assert.deepEqual(calls.map((c) => c.command), ['ADD', 'DEL']);
  const written = objectMembers(PLUGIN);
  for (const call of calls) {
    const got = objectMembers(call.stdin);
    const owned = new Set(['name', 'cniVersion', 'prevResult', 'runtimeConfig']);
    assert.deepEqual(
      got.filter((m) => !owned.has(m.key)).map((m) => [m.rawKey, m.raw]),
      written.filter((m) => !owned.has(m.key)).map((m) => [m.rawKey, m.raw]),
      `${call.command}: members in order, byte for byte`,
    );
  }
  // ADD has no mac capability arg: the file's own runtimeConfig survives; DEL injects the mac
  assert.equal(objectMembers(calls[0].stdin).find((m) => m.key === 'runtimeConfig')?.raw, '{"kept":true}');
  assert.deepEqual(JSON.parse(calls[1].stdin).runtimeConfig, { mac: '02:00:00:00:00:09' });
  assert.deepEqual(JSON.parse(calls[1].stdin).prevResult, { cniVersion: '1.0.0', ips: [{ address: '10.9.9.9/24' }] });
});
