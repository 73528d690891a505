// cni.md §2.2 last paragraph: NetworkPluginConfFromBytes needs only a JSON object with a non-empty type.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePluginConf } from '../../../src/cni/config/index.ts';
import { cniErr, cniErrPrefix } from './helpers.ts';

test('a plugin object parses with its text kept whole', () => {
  const text = '{"type":"ptp","name":"p","cniVersion":"0.3.1","x":12345678901234567890}\n';
  const p = parsePluginConf(text);
  assert.equal(p.raw, text);
  assert.equal(p.type, 'ptp');
  assert.equal(p.name, 'p');
  assert.equal(p.cniVersion, '0.3.1');
});

test('errors use libcni wording and name the source', () => {
  assert.throws(() => parsePluginConf('{"name":"x"}'), cniErr('CONFIG_INVALID', "error parsing configuration: missing 'type'"));
  assert.throws(() => parsePluginConf('{"type":5}'), cniErrPrefix('CONFIG_PARSE', 'error parsing configuration: json: cannot unmarshal number into field type'));
  assert.throws(() => parsePluginConf('{"type":"a",'), cniErrPrefix('CONFIG_PARSE', 'error parsing configuration: '));
  assert.throws(() => parsePluginConf('[1]', '/d/a.conf'), cniErrPrefix('CONFIG_PARSE', '/d/a.conf: error parsing configuration: json: cannot unmarshal array'));
  assert.throws(() => parsePluginConf('{"type":"a","prevResult":"x"}'), cniErrPrefix('CONFIG_PARSE', 'error parsing configuration: json: cannot unmarshal string into field prevResult'));
  assert.throws(() => parsePluginConf('{"type":"a","cni.dev/valid-attachments":[{"containerID":1}]}'),
    cniErrPrefix('CONFIG_PARSE', 'error parsing configuration: json: cannot unmarshal number into field cni.dev/valid-attachments[0].containerID'));
  assert.throws(() => parsePluginConf('{}', '/d/a.conf'), cniErr('CONFIG_INVALID', "/d/a.conf: error parsing configuration: missing 'type'"));
});

test('a capability called __proto__ is an ordinary entry', () => {
  const p = parsePluginConf('{"type":"a","capabilities":{"__proto__":true}}');
  assert.ok(Object.hasOwn(p.capabilities, '__proto__'));
  assert.equal(p.capabilities['__proto__'], true);
});
