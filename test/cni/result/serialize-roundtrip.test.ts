// The printed JSON of a typed result parses back to the same typed result, in every version: what
// libcni hands the next plugin as prevResult is a fixed point of the typed parse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseResult, parseResultText, resultToJSON } from '../../../src/cni/result/index.ts';
import { anyResult } from './arbitraries.ts';

test('property: parse(print(r)) = r for arbitrary results of every kind', () => {
  fc.assert(fc.property(anyResult, fc.constantFrom('', '0.4.0', '1.1.0'), (r, conf) => {
    assert.deepEqual(parseResult(resultToJSON(r), conf), r);
    assert.deepEqual(parseResultText(JSON.stringify(resultToJSON(r)), conf), r);
  }), { numRuns: 300 });
});

test('property: printing is stable: print(parse(print(r))) = print(r)', () => {
  fc.assert(fc.property(anyResult, (r) => {
    const once = resultToJSON(r);
    assert.deepEqual(resultToJSON(parseResult(once, '')), once);
  }), { numRuns: 300 });
});
