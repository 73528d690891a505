// The `<json error>` part of libcni's "error parsing its diagnostic message" is Go's encoding/json text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goJsonSyntaxError, goUnmarshalErrorObject } from '../../../src/cni/exec/index.ts';

test('syntax errors carry the messages of Go encoding/json', () => {
  const cases: Array<[string, string | undefined]> = [
    ['{"code":1}', undefined],
    [' [1, 2.5e-3, true, false, null, "\\u00e9"] ', undefined],
    ['-0', undefined],
    ['', 'unexpected end of JSON input'],
    ['   ', 'unexpected end of JSON input'],
    ['{"cniVersion":"1.0.0",', 'unexpected end of JSON input'],
    ['not json', "invalid character 'o' in literal null (expecting 'u')"],
    // at EOF Go feeds one more space to the scanner, so a cut literal or number names ' '
    ['tru', "invalid character ' ' in literal true (expecting 'e')"],
    ['-', "invalid character ' ' in numeric literal"],
    ['"abc', 'unexpected end of JSON input'],
    ['trux', "invalid character 'x' in literal true (expecting 'e')"],
    ['falsy', "invalid character 'y' in literal false (expecting 'e')"],
    ['x', "invalid character 'x' looking for beginning of value"],
    ['{"a":1}}', "invalid character '}' after top-level value"],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a":1 "b":2}', `invalid character '"' after object key:value pair`],
    ['{1:2}', "invalid character '1' looking for beginning of object key string"],
    ["{'a':1}", "invalid character '\\'' looking for beginning of object key string"],
    ['[1 2]', "invalid character '2' after array element"],
    ['[1,]', "invalid character ']' looking for beginning of value"],
    ['"a\tb"', "invalid character '\\t' in string literal"],
    ['"\\q"', "invalid character 'q' in string escape code"],
    ['"\\u12g4"', "invalid character 'g' in \\u hexadecimal character escape"],
    ['-a', "invalid character 'a' in numeric literal"],
    ['1.e5', "invalid character 'e' after decimal point in numeric literal"],
    ['1e+', "invalid character ' ' in exponent of numeric literal"],
    ['1ex', "invalid character 'x' in exponent of numeric literal"],
    ['01', "invalid character '1' after top-level value"],
    ['Ã', "invalid character 'Ã' looking for beginning of value"],
    ['[' .repeat(10001), "invalid character '[' exceeded max depth"],
  ];
  for (const [input, want] of cases) assert.equal(goJsonSyntaxError(input), want, JSON.stringify(input.slice(0, 20)));
});

test('decoding into types.Error follows json.Unmarshal', () => {
  assert.deepEqual(goUnmarshalErrorObject('{"cniVersion":"9","code":11,"msg":"try again","extra":[1]}'), { code: 11, msg: 'try again', details: '' });
  assert.deepEqual(goUnmarshalErrorObject('{"CODE":5,"Msg":"m","DeTaIlS":"d"}'), { code: 5, msg: 'm', details: 'd' });
  // exact-name match and folded match are both assignments; the last one written wins
  assert.deepEqual(goUnmarshalErrorObject('{"msg":"a","MSG":"b","code":null}'), { code: 0, msg: 'b', details: '' });
  assert.deepEqual(goUnmarshalErrorObject('null'), { code: 0, msg: '', details: '' });
  assert.deepEqual(goUnmarshalErrorObject('{"code":18446744073709551615}'), { code: 18446744073709551615, msg: '', details: '' });
  const errs: Array<[string, string]> = [
    ['[]', 'json: cannot unmarshal array into Go value of type types.Error'],
    ['"x"', 'json: cannot unmarshal string into Go value of type types.Error'],
    ['7', 'json: cannot unmarshal number into Go value of type types.Error'],
    ['true', 'json: cannot unmarshal bool into Go value of type types.Error'],
    ['{"code":"7"}', 'json: cannot unmarshal string into Go struct field Error.code of type uint'],
    ['{"code":-1}', 'json: cannot unmarshal number -1 into Go struct field Error.code of type uint'],
    ['{"code":1.5}', 'json: cannot unmarshal number 1.5 into Go struct field Error.code of type uint'],
    ['{"code":18446744073709551616}', 'json: cannot unmarshal number 18446744073709551616 into Go struct field Error.code of type uint'],
    ['{"msg":{"a":1},"code":"x"}', 'json: cannot unmarshal object into Go struct field Error.msg of type string'],
    ['{"details":3}', 'json: cannot unmarshal number into Go struct field Error.details of type string'],
    ['{"x":1', 'unexpected end of JSON input'],
  ];
  for (const [input, want] of errs) assert.deepEqual(goUnmarshalErrorObject(input), { error: want }, input);
});

test('Go and JSON.parse agree on which texts are valid JSON', async () => {
  const fc = (await import('fast-check')).default;
  const jsonish = fc.oneof(
    fc.json(),
    fc.string({ unit: fc.constantFrom(...'{}[]",:0123456789-+.eEtrufalsn \\/u\t\nx'.split('')) }),
    fc.json().map((j) => j.slice(0, Math.max(0, j.length - 1))),
  );
  fc.assert(
    fc.property(jsonish, (text) => {
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      return (goJsonSyntaxError(text) === undefined) === valid;
    }),
    { numRuns: 3000 },
  );
});
