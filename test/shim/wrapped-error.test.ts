// A non-200 answer that is not a CNI error (Go's text/plain errors, an empty msg, broken JSON) becomes
// {"code":999,"msg":"CNI request failed with status <code>: '<body>'"} as in Multus' shim, the body
// cut to 4 KiB (never inside a UTF-8 sequence).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildShim, cniEnv, cniError, CONFIG, fakeDaemon, runShim } from './helper.ts';

const skip = buildShim();

test('a non-JSON 400 body is wrapped with code 999', { skip }, async (t) => {
  const goText = 'ContainerID:"c1" Netns:"/var/run/netns/x" IfName:"eth0" Args:"a=b" Path:"" ERRORED: error configuring pod [default/web-0] networking: boom\n';
  const cases: [number, string, string][] = [
    [400, goText, goText.trimEnd()],
    [400, '{"code":7,"msg":""}', '{"code":7,"msg":""}'],
    [400, '{"code":7,"msg":"x"', '{"code":7,"msg":"x"'],
    [400, '{"code":7,"msg":5}', '{"code":7,"msg":5}'],
    [404, '', ''],
    [500, 'quote " backslash \\ tab \t nul \0 end', 'quote " backslash \\ tab \t nul \0 end'],
  ];
  let i = 0;
  const d = await fakeDaemon(t, (_q, res) => {
    const [status, body] = cases[i++];
    res.writeHead(status, { 'Content-Type': 'text/plain' });
    res.end(body);
  });
  for (const [status, , quoted] of cases) {
    const r = await runShim({ env: cniEnv(d.socket), stdin: CONFIG });
    assert.equal(r.code, 1);
    assert.deepEqual(JSON.parse(r.stdout), { code: 999, msg: `CNI request failed with status ${status}: '${quoted}'` });
  }
});

test('a long error body is cut to 4 KiB on a UTF-8 boundary', { skip }, async (t) => {
  const body = `${'x'.repeat(4095)}é${'y'.repeat(10000)}`; // é straddles byte 4096
  const d = await fakeDaemon(t, (_q, res) => {
    res.writeHead(400);
    res.end(body);
  });
  const r = await runShim({ env: cniEnv(d.socket), stdin: CONFIG });
  assert.equal(r.code, 1);
  const e = cniError(r.stdout);
  assert.equal(e.code, 999);
  assert.equal(e.msg, `CNI request failed with status 400: '${'x'.repeat(4095)}...'`);
  assert.ok(!r.stdout.includes('\ufffd'));
});
