// Ours: metricsAddress (default loopback); Multus' metricsPort still honoured as 127.0.0.1:<port>.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDaemonConfig } from '../../../src/daemon/config/daemon-config.ts';

const parse = (extra: string) => parseDaemonConfig(`{"cniVersion":"0.3.1"${extra}}`, { env: {} });

test('metricsPort alone listens on loopback at that port', () => {
  const c = parse(',"metricsPort":9100');
  assert.equal(c.metricsAddress, '127.0.0.1:9100');
  assert.deepEqual(c.metrics, { host: '127.0.0.1', port: 9100 });
});

test('metricsAddress wins over metricsPort, IPv6 in brackets', () => {
  const c = parse(',"metricsPort":9100,"metricsAddress":"[::1]:9200"');
  assert.equal(c.metricsAddress, '[::1]:9200');
  assert.deepEqual(c.metrics, { host: '::1', port: 9200 });
  assert.deepEqual(parse(',"metricsAddress":"0.0.0.0:9091"').metrics, { host: '0.0.0.0', port: 9091 });
});

test('metricsAddress "" turns metrics off', () => {
  const c = parse(',"metricsAddress":""');
  assert.equal(c.metricsAddress, '');
  assert.equal(c.metrics, undefined);
});

test('a bad address or port names the key', () => {
  assert.throws(() => parse(',"metricsAddress":"9091"'), /"metricsAddress" is not host:port/);
  assert.throws(() => parse(',"metricsAddress":"127.0.0.1:70000"'), /"metricsAddress" is not host:port/);
  assert.throws(() => parse(',"metricsPort":0'), /"metricsPort" must be between 1 and 65535/);
});
