import assert from 'node:assert/strict';
import { CniError } from '../../src/errors/catalogue.ts';

/** Assert `fn` throws a CniError whose msg equals (or matches) `msg`. */
export function throwsCni(fn: () => unknown, msg: string | RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof CniError, `expected a CniError, got ${String(e)}`);
    if (typeof msg === 'string') assert.equal(e.msg, msg);
    else assert.match(e.msg, msg);
    return true;
  });
}
