// cni.md §5.1 case 6, §2.2 rules 7–8: `plugins` must be a non-empty array of valid plugin objects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfList } from '../../../src/cni/config/index.ts';
import { cniErr, cniErrPrefix } from './helpers.ts';

const list = (plugins: string) => () => parseConfList(`{"cniVersion":"1.0.0","name":"n","plugins":${plugins}}`);

test('plugins must be a non-empty array', () => {
  assert.throws(list('[]'), cniErr('CONFIG_INVALID', 'error parsing configuration list: no plugins in list'));
  assert.throws(list('{}'), cniErr('CONFIG_PARSE', "error parsing configuration list: invalid 'plugins' type object"));
  assert.throws(list('null'), cniErr('CONFIG_PARSE', "error parsing configuration list: invalid 'plugins' type null"));
});

test('each plugin needs a non-empty string type; the failing index is named', () => {
  const missing = "failed to parse plugin config 0: error parsing configuration: missing 'type'";
  assert.throws(list('[{"name":"x"}]'), cniErr('CONFIG_INVALID', missing));
  assert.throws(list('[{"type":""}]'), cniErr('CONFIG_INVALID', missing));
  assert.throws(list('[null]'), cniErr('CONFIG_INVALID', missing));
  assert.throws(list('[{"type":"a"},{"type":"b"},{}]'),
    cniErr('CONFIG_INVALID', "failed to parse plugin config 2: error parsing configuration: missing 'type'"));
  assert.throws(list('["a"]'), cniErrPrefix('CONFIG_PARSE', 'failed to parse plugin config 0: error parsing configuration: json: cannot unmarshal string'));
});

test('typed plugin fields with the wrong JSON type are decode errors', () => {
  assert.throws(list('[{"type":"a","capabilities":{"x":"yes"}}]'), cniErr('CONFIG_PARSE',
    'failed to parse plugin config 0: error parsing configuration: json: cannot unmarshal string into field capabilities.x of type bool'));
  assert.throws(list('[{"type":"a","ipam":"host-local"}]'), cniErrPrefix('CONFIG_PARSE', 'failed to parse plugin config 0: error parsing configuration: json: cannot unmarshal string into field ipam'));
  assert.throws(list('[{"type":"a","ipam":{"type":7}}]'), cniErrPrefix('CONFIG_PARSE', 'failed to parse plugin config 0: error parsing configuration: json: cannot unmarshal number into field ipam.type'));
  assert.throws(list('[{"type":"a","dns":{"nameservers":"8.8.8.8"}}]'), cniErrPrefix('CONFIG_PARSE', 'failed to parse plugin config 0: error parsing configuration: json: cannot unmarshal string into field dns.nameservers'));
  // A type error wins over a missing type, as in Go (decode first, then check).
  assert.throws(list('[{"capabilities":[]}]'), cniErrPrefix('CONFIG_PARSE', 'failed to parse plugin config 0: error parsing configuration: json: cannot unmarshal array into field capabilities'));
});

test('the typed view of each plugin', () => {
  const l = parseConfList('{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"bridge","name":"inner","cniVersion":"0.4.0","capabilities":{"mac":true,"ips":false,"x":null},"ipam":{"type":"host-local"}},{"type":"tuning","ipam":null}]}');
  const [b, t] = l.plugins;
  assert.equal(b.type, 'bridge');
  assert.equal(b.name, 'inner');
  assert.equal(b.cniVersion, '0.4.0');
  assert.deepEqual({ ...b.capabilities }, { mac: true, ips: false, x: false });
  assert.equal(b.ipamType, 'host-local');
  assert.equal(t.name, undefined);
  assert.equal(t.ipamType, undefined);
  assert.deepEqual({ ...t.capabilities }, {});
});
