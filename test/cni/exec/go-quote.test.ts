// libcni quotes plugin stderr and stdout with Go's %q (cni.md §2.6 cases 2 and 4).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goQuote } from '../../../src/cni/exec/index.ts';

test('goQuote renders strings exactly as strconv.Quote', () => {
  assert.equal(goQuote('boom\nline2\n'), '"boom\\nline2\\n"');
  assert.equal(goQuote('tab\there "q" back\\slash \'s\''), '"tab\\there \\"q\\" back\\\\slash \'s\'"');
  assert.equal(goQuote('\x07\b\f\r\v'), '"\\a\\b\\f\\r\\v"');
  assert.equal(goQuote('\x00\x1b\x7f'), '"\\x00\\x1b\\x7f"');
  // C1 controls, no-break space, soft hyphen and BOM are not printable in Go; letters of any script are.
  assert.equal(goQuote('\u0085\u00a0\u00ad\ufeff'), '"\\u0085\\u00a0\\u00ad\\ufeff"');
  assert.equal(goQuote('héllo Ω 日本 ✓'), '"héllo Ω 日本 ✓"');
  assert.equal(goQuote('\u{1F600}'), '"\u{1F600}"');
  assert.equal(goQuote('\u{E0001}'), '"\\U000e0001"');
  assert.equal(goQuote(''), '""');
});
