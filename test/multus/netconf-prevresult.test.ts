import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CniError } from '../../src/errors/catalogue.ts';
import { parseMultusConf } from '../../src/multus/netconf.ts';

test('S7: a prevResult without cniVersion loads', () => {
  const c = parseMultusConf('{"name":"n","delegates":[{"type":"a"}],"prevResult":{"ips":[{"version":"4","address":"10.0.0.5/32","interface":2}]}}');
  assert.ok(c.prevResult);
});

test('a prevResult that is no result of the config version is an error', () => {
  assert.throws(
    () => parseMultusConf('{"name":"n","cniVersion":"1.0.0","delegates":[{"type":"a"}],"prevResult":{"ips":[{"address":"nope"}]}}'),
    (e: unknown) => e instanceof CniError && e.msg.startsWith('LoadNetConf: could not parse prevResult: '),
  );
  assert.throws(
    () => parseMultusConf('{"name":"n","delegates":[{"type":"a"}],"prevResult":[1]}'),
    (e: unknown) => e instanceof CniError && /NetConf\.prevResult of type map\[string\]interface \{\}/.test(e.msg),
  );
});
