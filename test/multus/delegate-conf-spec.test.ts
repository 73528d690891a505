import { test } from 'node:test';
import assert from 'node:assert/strict';
import { delegateConfFromSpec } from '../../src/multus/delegate-conf.ts';
import { throwsCni } from './helpers.ts';

test('S41 / cni.md 72: the NAD name is injected when `name` is missing or ""', () => {
  assert.deepEqual(JSON.parse(delegateConfFromSpec('{"cniVersion":"0.3.0","type":"awesome-plugin"}', 'a-bridge-network')),
    { cniVersion: '0.3.0', name: 'a-bridge-network', type: 'awesome-plugin' });
  assert.equal(delegateConfFromSpec('{"type": "mynet", "name": ""}', 'net1'), '{"type":"mynet","name":"net1"}');
});

test('a config with a name is returned byte for byte; an injected one keeps every other member as written', () => {
  const withName = ' {"name":"x", "type":"t", "n": 12345678901234567890} ';
  assert.equal(delegateConfFromSpec(withName, 'nad'), withName);
  assert.equal(delegateConfFromSpec('{"type":"t","n":1.0,"s":"\\u003c"}', 'nad'), '{"type":"t","n":1.0,"s":"\\u003c","name":"nad"}');
});

test('a spec that is not a JSON object fails with the NAD client\'s wording', () => {
  const p = 'GetCNIConfig: err in GetCNIConfigFromSpec: failed to unmarshal Spec.Config: ';
  throwsCni(() => delegateConfFromSpec('asdf', 'n'), `${p}invalid character 'a' looking for beginning of value`);
  throwsCni(() => delegateConfFromSpec('[1]', 'n'), `${p}json: cannot unmarshal array into Go value of type map[string]interface {}`);
  throwsCni(() => delegateConfFromSpec('null', 'n'), `${p}json: cannot unmarshal null into Go value of type map[string]interface {}`);
});
