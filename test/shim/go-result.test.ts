// Against Go Multus' daemon: a 200 ADD answer is {"Result": <result>} (and a Content-Type of
// application/json, or none); the shim prints the inner value and a newline.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildShim, cniEnv, CONFIG, fakeDaemon, runShim } from './helper.ts';

const skip = buildShim();

test('{"Result": X} is unwrapped to X plus a newline', { skip }, async (t) => {
  const result = {
    cniVersion: '1.1.0',
    interfaces: [{ name: 'eth0', mac: '0a:58:0a:01:02:03', sandbox: '/var/run/netns/x' }],
    ips: [{ address: '10.1.2.3/24', gateway: '10.1.2.1', interface: 0 }],
    dns: { nameservers: ['10.96.0.10'], search: ['a "quoted" }{ ] [ name\\'] },
  };
  const inner = JSON.stringify(result, null, 1);
  const bodies: [string | undefined, string, string][] = [
    ['application/json', `{"Result": ${inner}}`, inner],
    [undefined, `{"Result":${JSON.stringify(result)}}\n`, JSON.stringify(result)],
    // Go's decoder matches field names case-insensitively; the last duplicate wins.
    ['application/json', `{ "result" : [1, {"a": "}"}] , "other": 1}`, '[1, {"a": "}"}]'],
    ['application/json', '{"Result":{"x":1},"Result":{"y":2}}', '{"y":2}'],
    ['application/json', '{"Result":null}', 'null'],
  ];
  let i = 0;
  const d = await fakeDaemon(t, (_q, res) => {
    const [type, body] = bodies[i++];
    res.writeHead(200, type ? { 'Content-Type': type } : {});
    res.end(body);
  });
  for (const [, , want] of bodies) {
    const r = await runShim({ env: cniEnv(d.socket), stdin: CONFIG });
    assert.equal(r.code, 0, r.stdout);
    assert.equal(r.stdout, `${want}\n`);
  }
});

test('a 200 JSON body without Result is printed as it is', { skip }, async (t) => {
  const d = await fakeDaemon(t, (_q, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"cniVersion":"1.0.0"}');
  });
  const r = await runShim({ env: cniEnv(d.socket), stdin: CONFIG });
  assert.equal(r.code, 0);
  assert.equal(r.stdout, '{"cniVersion":"1.0.0"}');
});
