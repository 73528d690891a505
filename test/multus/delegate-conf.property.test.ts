import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { objectMembers } from '../../src/cni/raw-json.ts';
import { delegateConfFromSpec, injectCniArgs } from '../../src/multus/delegate-conf.ts';

const key = fc.string({ maxLength: 5 }).filter((k) => k !== 'args' && k !== 'name' && k !== 'type' && k !== 'plugins');

test('property: injecting cni-args changes nothing but args.cni, and cni-args win there', () => {
  fc.assert(fc.property(fc.dictionary(key, fc.jsonValue()), fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue()),
    fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue()), (other, existing, cniArgs) => {
      const text = JSON.stringify({ type: 'bridge', ...other, args: { keep: 1, cni: existing } }, null, 1);
      const out = injectCniArgs(text, JSON.stringify(cniArgs));
      const before = new Map(objectMembers(text).map((m) => [m.key, m.raw]));
      for (const m of objectMembers(out)) if (m.key !== 'args') assert.equal(m.raw, before.get(m.key));
      const doc = JSON.parse(out);
      assert.equal(doc.args.keep, 1);
      assert.deepEqual(doc.args.cni, JSON.parse(JSON.stringify({ ...existing, ...cniArgs })));
    }));
});

test('property: a spec with a non-empty name is returned unchanged; otherwise only name is added', () => {
  fc.assert(fc.property(fc.dictionary(key, fc.jsonValue()), fc.option(fc.string({ maxLength: 5 })), (other, name) => {
    const text = JSON.stringify(name === null ? other : { ...other, name });
    const out = delegateConfFromSpec(text, 'nad1');
    if (name) assert.equal(out, text);
    else assert.deepEqual(JSON.parse(out), { ...JSON.parse(text), name: 'nad1' });
  }));
});
