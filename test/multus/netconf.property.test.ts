import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CniError } from '../../src/errors/catalogue.ts';
import { parseMultusConf } from '../../src/multus/netconf.ts';

const KEYS = ['name', 'cniVersion', 'clusterNetwork', 'delegates', 'defaultNetworks', 'runtimeConfig', 'prevResult', 'logOptions',
  'systemNamespaces', 'globalNamespaces', 'capabilities', 'logToStderr', 'apiTimeoutMs', 'CNIDIR', 'plugins', 'type'];
const value = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constant([{ type: 'a' }]), fc.constant([{ name: 'l', plugins: [] }]), fc.constant({ portMappings: [{ hostPort: 1 }] }),
);

test('property: any stdin gives a frozen config or a CniError, never another exception', () => {
  fc.assert(fc.property(fc.oneof(fc.dictionary(fc.constantFrom(...KEYS), value).map((o) => JSON.stringify(o)), fc.string(), fc.json()), (text) => {
    try {
      const c = parseMultusConf(text);
      assert.ok(Object.isFrozen(c));
      assert.ok(c.clusterNetwork !== '' || c.delegates.length > 0);
    } catch (e) {
      assert.ok(e instanceof CniError, `non-CniError: ${String(e)}`);
    }
  }), { numRuns: 1500 });
});
