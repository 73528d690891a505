// cni.md §5.5 cases 29, 30, 32, 33 and §5.4 case 27: GetAsVersion on the doc's examples, exact JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convertResult, parseResultText, resultToJSON } from '../../../src/cni/result/index.ts';

const IN_29 = '{"cniVersion":"0.2.0","ip4":{"ip":"10.1.2.3/24","gateway":"10.1.2.1","routes":[{"dst":"0.0.0.0/0"}]},"dns":{"nameservers":["8.8.8.8"]}}';
const IN_30 = '{"cniVersion":"0.1.0","ip4":{"ip":"10.1.2.3/24","gateway":"10.1.2.1","routes":[{"dst":"0.0.0.0/0"},{"dst":"192.168.0.0/16","gw":"10.1.2.254"}]},"ip6":{"ip":"2001:db8::3/64","routes":[{"dst":"::/0","gw":"2001:db8::1"}]},"dns":{"nameservers":["8.8.8.8"],"domain":"example.com","search":["a.example.com"],"options":["ndots:5"]}}';
const IN_32 = '{"cniVersion":"1.0.0","interfaces":[{"name":"br0","mac":"00:11:22:33:44:00"},{"name":"eth0","mac":"00:11:22:33:44:55","mtu":1500,"sandbox":"/var/run/netns/x","socketPath":"/run/s.sock","pciID":"0000:00:01.0"}],"ips":[{"interface":1,"address":"10.1.2.3/24","gateway":"10.1.2.1"},{"address":"2001:db8::3/64"}],"routes":[{"dst":"0.0.0.0/0","gw":"10.1.2.1","mtu":1400,"advmss":1360,"priority":10,"table":100,"scope":0}],"dns":{}}';

const convert = (text: string, to: string): Record<string, unknown> => resultToJSON(convertResult(parseResultText(text, '1.0.0'), to));

test('29: 0.2.0 → 1.0.0', () => {
  assert.deepEqual(convert(IN_29, '1.0.0'), JSON.parse('{"cniVersion":"1.0.0","dns":{"nameservers":["8.8.8.8"]},"ips":[{"address":"10.1.2.3/24","gateway":"10.1.2.1"}],"routes":[{"dst":"0.0.0.0/0"}]}'));
});

test('30: 0.1.0 dual stack → 0.4.0 (ip4 first, then ip6; routes in order; dns copied)', () => {
  assert.deepEqual(convert(IN_30, '0.4.0'), JSON.parse('{"cniVersion":"0.4.0","ips":[{"version":"4","address":"10.1.2.3/24","gateway":"10.1.2.1"},{"version":"6","address":"2001:db8::3/64"}],"routes":[{"dst":"0.0.0.0/0"},{"dst":"192.168.0.0/16","gw":"10.1.2.254"},{"dst":"::/0","gw":"2001:db8::1"}],"dns":{"nameservers":["8.8.8.8"],"domain":"example.com","search":["a.example.com"],"options":["ndots:5"]}}'));
});

test('32: 1.0.0 → 0.4.0 (interface mtu/socketPath/pciID dropped, version computed, route extras kept)', () => {
  assert.deepEqual(convert(IN_32, '0.4.0'), JSON.parse('{"cniVersion":"0.4.0","interfaces":[{"name":"br0","mac":"00:11:22:33:44:00"},{"name":"eth0","mac":"00:11:22:33:44:55","sandbox":"/var/run/netns/x"}],"ips":[{"version":"4","interface":1,"address":"10.1.2.3/24","gateway":"10.1.2.1"},{"version":"6","address":"2001:db8::3/64"}],"routes":[{"dst":"0.0.0.0/0","gw":"10.1.2.1","mtu":1400,"advmss":1360,"priority":10,"table":100,"scope":0}],"dns":{}}'));
});

test('33: the same 1.0.0 input → 0.2.0 (route extras dropped, interfaces and indexes gone)', () => {
  assert.deepEqual(convert(IN_32, '0.2.0'), JSON.parse('{"cniVersion":"0.2.0","ip4":{"ip":"10.1.2.3/24","gateway":"10.1.2.1","routes":[{"dst":"0.0.0.0/0","gw":"10.1.2.1"}]},"ip6":{"ip":"2001:db8::3/64"},"dns":{}}'));
});

test('27: a 0.2.0 result in a 1.0.0 list stays 0.2.0 until it is read back from the cache as 1.0.0', () => {
  const r = parseResultText(IN_29, '1.0.0');
  assert.equal(r.cniVersion, '0.2.0');
  assert.deepEqual(resultToJSON(r), JSON.parse('{"cniVersion":"0.2.0","dns":{"nameservers":["8.8.8.8"]},"ip4":{"gateway":"10.1.2.1","ip":"10.1.2.3/24","routes":[{"dst":"0.0.0.0/0"}]}}'));
  const cached = convertResult(parseResultText(JSON.stringify(resultToJSON(r)), '1.0.0'), '1.0.0');
  assert.deepEqual(resultToJSON(cached), JSON.parse('{"cniVersion":"1.0.0","dns":{"nameservers":["8.8.8.8"]},"ips":[{"address":"10.1.2.3/24","gateway":"10.1.2.1"}],"routes":[{"dst":"0.0.0.0/0"}]}'));
});

test('0.4 → legacy keeps the first address per family, ignores other labels, files routes by dst family', () => {
  const r = parseResultText(JSON.stringify({
    cniVersion: '0.4.0',
    interfaces: [{ name: 'eth0' }],
    ips: [
      { version: '', address: '10.9.9.9/8' },
      { version: '6', interface: 0, address: '2001:db8::3/64', gateway: '2001:db8::1' },
      { version: '4', interface: 0, address: '10.1.2.3/24' },
      { version: '4', address: '10.1.2.4/24' },
      { version: '6', address: '2001:db8::4/64' },
    ],
    routes: [{ dst: '::/0', mtu: 9 }, { dst: '0.0.0.0/0', gw: '10.1.2.1', table: 1 }, { dst: '::ffff:0.0.0.0/96' }],
    dns: { domain: 'x' },
  }), '');
  assert.deepEqual(resultToJSON(convertResult(r, '0.1.0')), {
    cniVersion: '0.1.0',
    ip4: { ip: '10.1.2.3/24', routes: [{ dst: '0.0.0.0/0', gw: '10.1.2.1' }, { dst: '0.0.0.0/0' }] },
    ip6: { ip: '2001:db8::3/64', gateway: '2001:db8::1', routes: [{ dst: '::/0' }] },
    dns: { domain: 'x' },
  });
  // with only one family, the other family's routes have nowhere to go
  const v4only = parseResultText('{"cniVersion":"0.3.1","ips":[{"version":"4","address":"10.1.2.3/24"}],"routes":[{"dst":"::/0"},{"dst":"10.0.0.0/8"}]}', '');
  assert.deepEqual(resultToJSON(convertResult(v4only, '0.2.0')), { cniVersion: '0.2.0', ip4: { ip: '10.1.2.3/24', routes: [{ dst: '10.0.0.0/8' }] }, dns: {} });
});

test('legacy → 1.x goes through 0.4: legacy route extras survive, no interfaces, no indexes', () => {
  const r = parseResultText('{"cniVersion":"0.2.0","ip6":{"ip":"2001:db8::3/64","routes":[{"dst":"::/0","mtu":1280,"scope":0}]}}', '');
  assert.deepEqual(resultToJSON(convertResult(r, '1.1.0')), { cniVersion: '1.1.0', ips: [{ address: '2001:db8::3/64' }], routes: [{ dst: '::/0', mtu: 1280, scope: 0 }] });
});

test('1.x → 0.4 labels IPv4-mapped addresses "4" (Go tests To4)', () => {
  const r = parseResultText('{"cniVersion":"1.1.0","ips":[{"address":"::ffff:10.1.2.3/120"},{"address":"::10.1.2.3/120"}]}', '');
  assert.deepEqual(resultToJSON(convertResult(r, '0.3.0')), { cniVersion: '0.3.0', ips: [{ version: '4', address: '10.1.2.3/24' }, { version: '6', address: '::a01:203/120' }], dns: {} });
});
