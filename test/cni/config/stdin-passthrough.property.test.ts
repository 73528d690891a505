// Design rule (cni.md §1.2 "MUST pass unknown fields through unchanged", §2.4): every member of a
// plugin object that the runtime does not set reaches the plugin with exactly the text it was written
// with — big integers, number spellings, escapes, nesting, whitespace inside values, key order and
// duplicates included — for ADD, CHECK, DEL and GC.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildPluginStdin, parseConfList, type StdinOp } from '../../../src/cni/config/index.ts';
import { objectMembers } from '../../../src/cni/raw-json.ts';

const ws = fc.constantFrom('', ' ', '\n', '\t', '\r\n  ');

/** A JSON string literal for `s`, each code unit written literally or escaped as chosen. */
function encodeString(s: string, choices: readonly number[]): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const choice = choices[i % choices.length];
    const hex = c.toString(16).padStart(4, '0');
    const mustEscape = c < 0x20 || c === 0x22 || c === 0x5c;
    if (choice === 1 || (mustEscape && choice !== 2)) out += `\\u${hex}`;
    else if (choice === 2 && (mustEscape || c === 0x2f)) out += JSON.stringify(s[i]).slice(1, -1).replace('/', '\\/') || `\\u${hex}`;
    else if (choice === 3) out += `\\u${hex.toUpperCase()}`;
    else out += s[i];
  }
  return `${out}"`;
}

const rawString = fc
  .tuple(fc.oneof(fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 8 })), fc.array(fc.nat(3), { minLength: 1, maxLength: 8 }))
  .map(([s, choices]) => encodeString(s, choices));

const rawNumber = fc.oneof(
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.constantFrom('12345678901234567890', '-0', '1.0', '1.50', '1E+2', '0.5e-3', '1e400', '9007199254740993'),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String).filter((s) => /^-?\d/.test(s) && !s.includes('Infinity')),
);

const { value: rawValue } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true },
    rawNumber, rawString, fc.constantFrom('true', 'false', 'null'), tie('array'), tie('object')),
  array: fc.tuple(fc.array(fc.tuple(ws, tie('value'), ws), { maxLength: 3 }), ws)
    .map(([els, w]) => (els.length ? `[${els.map(([a, v, b]) => a + v + b).join(',')}]` : `[${w}]`)),
  object: fc.tuple(fc.array(fc.tuple(rawString, ws, tie('value')), { maxLength: 3 }), ws)
    .map(([ms, w]) => (ms.length ? `{${ms.map(([k, s, v]) => `${k}${s}:${s}${v}`).join(',')}}` : `{${w}}`)),
}));

// Keys the parser types or the runtime owns; random members avoid them, and they are added below with
// values of the right shape so the object stays a valid plugin config.
const RESERVED = new Set(['type', 'name', 'cniVersion', 'capabilities', 'ipam', 'dns', 'prevResult', 'runtimeConfig',
  'cni.dev/valid-attachments', 'cni.dev/attachments']);
const CAPS = ['mac', 'ips', 'portMappings', 'bandwidth', '__proto__'];

const member = fc.tuple(rawString, ws, rawValue).filter(([k]) => !RESERVED.has(JSON.parse(k) as string));
const reservedMembers = fc.record({
  name: fc.option(rawString, { nil: undefined }),
  cniVersion: fc.option(fc.constantFrom('"0.4.0"', '"1.0.0"', '""'), { nil: undefined }),
  capabilities: fc.option(fc.dictionary(fc.constantFrom(...CAPS), fc.boolean()).map((d) => JSON.stringify(d)), { nil: undefined }),
  prevResult: fc.option(rawValue.map((v) => `{"file":${v}}`), { nil: undefined }),
  runtimeConfig: fc.option(rawValue, { nil: undefined }),
  'cni.dev/attachments': fc.option(rawValue, { nil: undefined }),
}, { requiredKeys: [] });

const pluginText = fc
  .tuple(fc.array(member, { maxLength: 8 }), reservedMembers, fc.nat(), fc.boolean(), ws, fc.array(fc.nat(3), { minLength: 1, maxLength: 5 }))
  .chain(([randoms, reserved, seed, dup, w, choices]) => {
    const parts = randoms.map(([k, s, v]) => `${k}${s}:${v}`);
    if (dup && randoms.length) parts.push(`${randoms[0][0]}:${randoms[0][2]}`); // a repeated unknown key
    // Reserved keys may be written with escapes ("n\u0061me"): ownership goes by the decoded key.
    for (const [k, v] of Object.entries(reserved)) if (v !== undefined) parts.push(`${encodeString(k, choices)}:${v}`);
    parts.push('"type":"plug"');
    return fc.shuffledSubarray(parts, { minLength: parts.length, maxLength: parts.length })
      .map((shuffled) => `${w}{${w}${shuffled.join(`,${w}`)}${w}}${w}`)
      .map((t) => (seed % 2 ? t : t.trim()));
  });

const capabilityArgs = fc.dictionary(fc.constantFrom(...CAPS), fc.jsonValue({ maxDepth: 2 }), { noNullPrototype: false });
const attachments = fc.option(fc.array(fc.record({ containerID: fc.string(), ifname: fc.string() }), { maxLength: 3 }), { nil: undefined });

test('property: members the runtime does not set pass through byte-for-byte', () => {
  fc.assert(fc.property(
    pluginText, fc.constantFrom<StdinOp>('ADD', 'CHECK', 'DEL', 'GC'), capabilityArgs,
    fc.option(fc.constantFrom('{"cniVersion":"1.0.0","ips":[]}', '{ "big": 12345678901234567890 }'), { nil: undefined }), attachments,
    (text, op, caps, prevResult, validAttachments) => {
      const list = parseConfList(`{"cniVersion":"1.0.0","name":"net","plugins":[${text}]}`);
      const plugin = list.plugins[0];
      const out = buildPluginStdin(list, plugin, op, {
        capabilityArgs: caps, ...(prevResult ? { prevResult } : {}), ...(validAttachments ? { validAttachments } : {}),
      });

      // What the runtime sets for this call.
      const owned = new Set(['name', 'cniVersion']);
      if (op === 'GC') {
        if (validAttachments) owned.add('cni.dev/valid-attachments').add('cni.dev/attachments');
      } else {
        if (prevResult) owned.add('prevResult');
        if (Object.entries(plugin.capabilities).some(([c, on]) => on && Object.hasOwn(caps, c))) owned.add('runtimeConfig');
      }

      const kept = (t: string) => objectMembers(t).filter((m) => !owned.has(m.key)).map((m) => [m.rawKey, m.raw]);
      assert.deepEqual(kept(out), kept(text));
      const outMembers = objectMembers(out);
      for (const k of owned) assert.equal(outMembers.filter((m) => m.key === k).length, 1, `owned key ${k} set once`);

      // And semantically it is libcni's stdin: the object with the owned keys overwritten.
      const got = JSON.parse(out) as Record<string, unknown>;
      assert.equal(got.name, 'net');
      assert.equal(got.cniVersion, '1.0.0');
      const orig = JSON.parse(text) as Record<string, unknown>;
      for (const k of Object.keys(orig)) if (!owned.has(k)) assert.deepEqual(got[k], orig[k]);
    },
  ), { numRuns: 300 });
});
