// cni.md §2.4 items 2–5, §6 item 1: name/cniVersion always overwritten; runtimeConfig replaced only when
// something is injected; a file prevResult survives when none is given; capabilities kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPluginStdin, parseConfList } from '../../../src/cni/config/index.ts';

const list = parseConfList(`{"cniVersion":"1.0.0","name":"net","plugins":[
  {"type":"p","name":"inner","cniVersion":"0.1.0","capabilities":{"mac":true,"ips":false,"bandwidth":true},
   "runtimeConfig":{"static":true},"prevResult":{"fromFile":1}}]}`);
const p = list.plugins[0];
const build = (op: 'ADD' | 'CHECK' | 'DEL', caps?: Record<string, unknown>, prevResult?: string) =>
  JSON.parse(buildPluginStdin(list, p, op, { ...(caps ? { capabilityArgs: caps } : {}), ...(prevResult ? { prevResult } : {}) }));

test('for ADD, CHECK and DEL alike', () => {
  for (const op of ['ADD', 'CHECK', 'DEL'] as const) {
    const none = build(op);
    assert.equal(none.name, 'net');
    assert.equal(none.cniVersion, '1.0.0');
    assert.deepEqual(none.runtimeConfig, { static: true });
    assert.deepEqual(none.prevResult, { fromFile: 1 });
    assert.deepEqual(none.capabilities, { mac: true, ips: false, bandwidth: true });

    // Only disabled or unsupplied caps: nothing injected, the file's runtimeConfig survives.
    assert.deepEqual(build(op, { ips: ['10.0.0.1/24'], other: 1 }).runtimeConfig, { static: true });
    // Something to inject: it replaces (no merge), with JSON null values sent as null.
    assert.deepEqual(build(op, { mac: 'm', bandwidth: null, ips: ['x'] }).runtimeConfig, { mac: 'm', bandwidth: null });
    assert.deepEqual(build(op, undefined, '{"cniVersion":"1.0.0"}').prevResult, { cniVersion: '1.0.0' });
  }
});

test('an unusable prevResult text is refused', () => {
  assert.throws(() => build('ADD', undefined, 'null'), { id: 'INJECT_INVALID', msg: "key 'prevResult' value must not be nil" });
  assert.throws(() => build('ADD', undefined, '[1]'), { id: 'INJECT_INVALID', msg: "key 'prevResult' value must be a JSON object" });
  assert.throws(() => build('ADD', undefined, '{'), { id: 'INJECT_INVALID' });
});

test('owned keys keep their place; new ones are appended', () => {
  const out = buildPluginStdin(list, p, 'ADD', { capabilityArgs: { mac: 'm' }, prevResult: '{"x": 1}' });
  assert.equal(out, '{"type":"p","name":"net","cniVersion":"1.0.0","capabilities":{"mac":true,"ips":false,"bandwidth":true},"runtimeConfig":{"mac":"m"},"prevResult":{"x": 1}}');
});
