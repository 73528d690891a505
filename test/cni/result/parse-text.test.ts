// cni.md §2.7 step 1, §6 item 3: stdout that is not a JSON object is a decode error with libcni's prefix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseResult, parseResultText } from '../../../src/cni/result/index.ts';
import { CniError } from '../../../src/errors/catalogue.ts';

function decodeFailure(f: () => unknown, msg: string | RegExp): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof CniError);
    assert.equal(e.id, 'RESULT_DECODE');
    assert.equal(e.code, 6);
    if (typeof msg === 'string') assert.equal(e.msg, msg);
    else assert.match(e.msg, msg);
    return true;
  });
}

test('empty or truncated stdout reads "unexpected end of JSON input", as Go says it', () => {
  for (const s of ['', ' \n', '{"cniVersion":"1.0.0",', '[']) {
    decodeFailure(() => parseResultText(s, '1.0.0'), 'failed to unmarshal raw result: unexpected end of JSON input');
  }
});

test('other syntax errors keep the prefix', () => {
  decodeFailure(() => parseResultText('not json', '1.0.0'), /^failed to unmarshal raw result: .+/);
  decodeFailure(() => parseResultText('{}{}', '1.0.0'), /^failed to unmarshal raw result: .+/);
});

test('JSON that is not an object is refused with Go\'s map-decoding wording', () => {
  for (const [s, t] of [['[]', 'array'], ['5', 'number'], ['"x"', 'string'], ['true', 'bool']]) {
    const msg = `failed to unmarshal raw result: json: cannot unmarshal ${t} into Go value of type map[string]interface {}`;
    decodeFailure(() => parseResultText(s, '1.0.0'), msg);
    decodeFailure(() => parseResult(JSON.parse(s), '1.0.0'), msg);
  }
});
