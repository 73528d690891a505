// cni.md §1.9 "Serialisation", §5.5 case 36, §6 item 12: the per-version printing rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseResultText, resultToJSON, type CniResult } from '../../../src/cni/result/index.ts';

test('36: the legacy default version is 0.1.0 and prints an empty dns', () => {
  const r = parseResultText('{}', '');
  assert.equal(r.cniVersion, '0.1.0');
  assert.deepEqual(resultToJSON(r), { cniVersion: '0.1.0', dns: {} });
});

test('36: a 0.3/0.4 ips[].version is always printed, even empty', () => {
  assert.deepEqual(resultToJSON(parseResultText('{"cniVersion":"0.4.0","ips":[{"address":"10.1.2.3/24"}]}', '1.0.0')), {
    cniVersion: '0.4.0', ips: [{ version: '', address: '10.1.2.3/24' }], dns: {},
  });
});

test('0.x types always print "dns", the 1.x type only when it has content', () => {
  for (const v of ['0.1.0', '0.2.0', '0.3.0', '0.3.1', '0.4.0']) {
    assert.deepEqual(resultToJSON(parseResultText(`{"cniVersion":"${v}","dns":{}}`, '')).dns, {}, v);
    assert.deepEqual(resultToJSON(parseResultText(`{"cniVersion":"${v}"}`, '')).dns, {}, v);
  }
  for (const v of ['1.0.0', '1.1.0']) {
    assert.equal('dns' in resultToJSON(parseResultText(`{"cniVersion":"${v}","dns":{}}`, '')), false, v);
    assert.deepEqual(resultToJSON(parseResultText(`{"cniVersion":"${v}","dns":{"options":["ndots:5"]}}`, '')).dns, { options: ['ndots:5'] });
  }
});

test('keys come out in the spec\'s order', () => {
  const text = '{"dns":{"options":["o"],"search":["s"],"domain":"d","nameservers":["n"]},"routes":[{"scope":0,"table":1,"priority":2,"advmss":3,"mtu":4,"gw":"10.0.0.1","dst":"0.0.0.0/0"}],"ips":[{"gateway":"10.0.0.1","address":"10.0.0.2/8","interface":0}],"interfaces":[{"pciID":"p","socketPath":"s","sandbox":"x","mtu":1,"mac":"m","name":"n"}],"cniVersion":"1.1.0"}';
  const out = resultToJSON(parseResultText(text, ''));
  assert.equal(JSON.stringify(out), '{"cniVersion":"1.1.0","interfaces":[{"name":"n","mac":"m","mtu":1,"sandbox":"x","socketPath":"s","pciID":"p"}],"ips":[{"interface":0,"address":"10.0.0.2/8","gateway":"10.0.0.1"}],"routes":[{"dst":"0.0.0.0/0","gw":"10.0.0.1","mtu":4,"advmss":3,"priority":2,"table":1,"scope":0}],"dns":{"nameservers":["n"],"domain":"d","search":["s"],"options":["o"]}}');
  const r04 = resultToJSON(parseResultText('{"dns":{},"ips":[{"gateway":"10.0.0.1","address":"10.0.0.2/8","interface":0,"version":"4"}],"interfaces":[{"sandbox":"x","mac":"m","name":"n"}],"cniVersion":"0.4.0"}', ''));
  assert.equal(JSON.stringify(r04), '{"cniVersion":"0.4.0","interfaces":[{"name":"n","mac":"m","sandbox":"x"}],"ips":[{"version":"4","interface":0,"address":"10.0.0.2/8","gateway":"10.0.0.1"}],"dns":{}}');
  const legacy = resultToJSON(parseResultText('{"dns":{},"ip6":{"ip":"::1/128"},"ip4":{"routes":[{"dst":"0.0.0.0/0"}],"gateway":"10.0.0.1","ip":"10.0.0.2/8"},"cniVersion":"0.2.0"}', ''));
  assert.equal(JSON.stringify(legacy), '{"cniVersion":"0.2.0","ip4":{"ip":"10.0.0.2/8","gateway":"10.0.0.1","routes":[{"dst":"0.0.0.0/0"}]},"ip6":{"ip":"::1/128"},"dns":{}}');
});

test('a hand-built result with Go zero values prints as Go would (omitempty)', () => {
  const r: CniResult = {
    kind: '1.x', cniVersion: '1.1.0',
    interfaces: [{ name: 'eth0', mac: '', mtu: 0, socketPath: '' }],
    ips: [{ address: '10.1.2.3/24', gateway: '', interface: 0 }],
    routes: [{ dst: '0.0.0.0/0', gw: '', mtu: 0, table: 0 }, { dst: '::/0', scope: 253 }],
    dns: { nameservers: [], domain: '', search: [] },
  };
  assert.deepEqual(resultToJSON(r), {
    cniVersion: '1.1.0',
    interfaces: [{ name: 'eth0' }],
    ips: [{ interface: 0, address: '10.1.2.3/24' }],
    routes: [{ dst: '0.0.0.0/0', table: 0 }, { dst: '::/0', scope: 253 }],
  });
  assert.deepEqual(resultToJSON({ kind: '0.4', cniVersion: '0.4.0', interfaces: [], ips: [], routes: [] }), { cniVersion: '0.4.0', dns: {} });
});

test('the printed object is a fresh value: editing it leaves the result alone', () => {
  const r = parseResultText('{"cniVersion":"1.0.0","ips":[{"address":"10.1.2.3/24"}],"dns":{"nameservers":["a"]}}', '');
  const out = resultToJSON(r) as { ips: { address: string }[]; dns: { nameservers: string[] } };
  out.ips[0].address = 'x';
  out.dns.nameservers.push('b');
  assert.deepEqual(resultToJSON(r), { cniVersion: '1.0.0', ips: [{ address: '10.1.2.3/24' }], dns: { nameservers: ['a'] } });
});
