// cni.md §2.3 item 5: a single plugin object wrapped as a one-plugin list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { confListFromConf, parseConfList, parsePluginConf } from '../../../src/cni/config/index.ts';

test('the wrapper takes name and version from the object and ignores list-level keys in it', () => {
  const text = '{"cniVersion":"0.4.0","name":"single","type":"bridge","bridge":"br0","capabilities":{"mac":true},"disableCheck":true}\n';
  const p = parsePluginConf(text);
  const l = confListFromConf(p);
  assert.equal(l.name, 'single');
  assert.equal(l.cniVersion, '0.4.0');
  assert.equal(l.disableCheck, false);
  assert.equal(l.disableGC, false);
  assert.equal(l.loadOnlyInlinedPlugins, false);
  assert.equal(l.plugins.length, 1);
  assert.equal(l.plugins[0], p);
  assert.equal(l.raw, `{"cniVersion":"0.4.0","name":"single","plugins":[${text.trim()}]}`);
  // Semantically libcni's bytes (§2.3 example), and itself a valid list.
  assert.deepEqual(JSON.parse(l.raw), JSON.parse('{"cniVersion":"0.4.0","name":"single","plugins":[{"bridge":"br0","capabilities":{"mac":true},"cniVersion":"0.4.0","disableCheck":true,"name":"single","type":"bridge"}]}'));
  assert.equal(parseConfList(l.raw).plugins[0].raw, text.trim());
});

test('an object without name or version yields empty strings', () => {
  const l = confListFromConf(parsePluginConf('{"type":"a"}'));
  assert.equal(l.name, '');
  assert.equal(l.cniVersion, '');
  assert.equal(l.raw, '{"cniVersion":"","name":"","plugins":[{"type":"a"}]}');
});
