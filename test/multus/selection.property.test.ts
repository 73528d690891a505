import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CniError } from '../../src/errors/catalogue.ts';
import { parseDefaultNetwork, parseNetworkSelection } from '../../src/multus/selection.ts';

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function check(run: () => unknown): void {
  let out: unknown;
  try {
    out = run();
  } catch (e) {
    assert.ok(e instanceof CniError, `non-CniError thrown: ${String(e)}`);
    return;
  }
  const list = Array.isArray(out) ? out : [out];
  for (const n of list as { name: string; namespace: string }[]) {
    assert.ok(n.name.length <= 253 && SUBDOMAIN.test(n.name), `bad name ${JSON.stringify(n.name)}`);
    assert.ok(n.namespace.length <= 63 && LABEL.test(n.namespace), `bad namespace ${JSON.stringify(n.namespace)}`);
  }
}

// Pieces an annotation is made of, so random strings hit the interesting paths, not only garbage.
const piece = fc.oneof(
  fc.constantFrom('net1', 'a', 'ns', '/', '@', ',', ' ', '[', ']', '{', '}', '"', ':', 'null', '..', 'Net', '-', '.', '\u0085', 'eth0'),
  fc.string({ maxLength: 4 }),
);
const annotation = fc.array(piece, { maxLength: 12 }).map((p) => p.join(''));

const element = fc.record({
  name: fc.oneof(fc.constantFrom('net1', '', 'A', 'a.b', '../x'), fc.string({ maxLength: 6 }), fc.integer()),
  namespace: fc.oneof(fc.constantFrom('ns', '', 'a.b'), fc.string({ maxLength: 6 })),
  interface: fc.oneof(fc.constantFrom('eth1', '', 'a/b', 'x'.repeat(16)), fc.string({ maxLength: 6 })),
  ips: fc.array(fc.oneof(fc.constantFrom('10.0.0.1', '10.0.0.1/24', 'fd00::1', 'x'), fc.string({ maxLength: 4 })), { maxLength: 2 }),
  mac: fc.constantFrom('c2:11:22:33:44:55', 'x', ''),
  'default-route': fc.array(fc.oneof(fc.constantFrom('10.0.0.1', 'fd00::1', '', 'x'), fc.jsonValue()), { maxLength: 2 }),
  portMappings: fc.oneof(fc.constant([{ hostPort: 1, containerPort: 2 }]), fc.jsonValue()),
  'cni-args': fc.oneof(fc.constant({ a: 1 }), fc.jsonValue()),
}, { requiredKeys: [] });

test('property: any string parses into valid names/namespaces or throws a CniError', () => {
  fc.assert(fc.property(fc.oneof(annotation, fc.string(), fc.json()), (s) => {
    check(() => parseNetworkSelection(s, 'pod-ns'));
    check(() => parseDefaultNetwork(s, 'kube-system'));
  }), { numRuns: 2000 });
});

test('property: any JSON selection list parses into valid names/namespaces or throws a CniError', () => {
  fc.assert(fc.property(fc.array(fc.oneof(element, fc.jsonValue()), { maxLength: 3 }), (els) => {
    check(() => parseNetworkSelection(JSON.stringify(els), 'pod-ns'));
  }), { numRuns: 1000 });
});
