// cni.md §5.3 cases 17 and 18 (and pA's stdin): ADD of L3("1.0.0") with RT's capability args, each
// plugin after the first getting R_canon as prevResult. Compared semantically, as libcni sorts keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPluginStdin, parseConfList } from '../../../src/cni/config/index.ts';
import { L3, R_CANON, RT_CAPABILITY_ARGS } from './fixtures.ts';

const list = parseConfList(L3('1.0.0'));
const [pA, pB, pC] = list.plugins;
const stdin = (i: number, prevResult?: string) =>
  JSON.parse(buildPluginStdin(list, list.plugins[i], 'ADD', { capabilityArgs: RT_CAPABILITY_ARGS, ...(prevResult ? { prevResult } : {}) }));

test('first plugin: enabled ∩ supplied caps replace the file runtimeConfig; no prevResult', () => {
  assert.equal(pA.type, 'pA');
  assert.deepEqual(stdin(0), {
    alpha: { a: 1, b: 2 }, capabilities: { mac: false, portMappings: true }, cniVersion: '1.0.0', name: 'net1',
    runtimeConfig: { portMappings: [{ containerPort: 80, hostPort: 8080, protocol: 'tcp' }] }, type: 'pA', zeta: 1,
  });
});

test('second plugin (case 17): prevResult injected, runtimeConfig has only mac, capabilities kept', () => {
  assert.equal(pB.type, 'pB');
  assert.deepEqual(stdin(1, R_CANON), JSON.parse(
    `{"capabilities":{"mac":true},"cniVersion":"1.0.0","name":"net1","prevResult":${R_CANON},"runtimeConfig":{"mac":"02:00:00:00:00:01"},"type":"pB"}`));
});

test('third plugin (case 18): the file prevResult is overwritten, no runtimeConfig at all', () => {
  assert.equal(pC.type, 'pC');
  const got = stdin(2, R_CANON);
  assert.deepEqual(got, JSON.parse(`{"cniVersion":"1.0.0","html":"<a&b>","name":"net1","prevResult":${R_CANON},"type":"pC"}`));
  assert.ok(!Object.hasOwn(got, 'runtimeConfig'));
  // The text reaches the plugin as written; Go would send "\\u003ca\\u0026b\\u003e", the same string.
  assert.match(buildPluginStdin(list, pC, 'ADD', { prevResult: R_CANON }), /"html":"<a&b>"/);
});
