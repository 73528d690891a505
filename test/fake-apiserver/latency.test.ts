// setLatency delays answers, globally or per request, which is how the thin plugin's 250 ms
// context timeout on pod GETs gets exercised.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, fake } from './client.ts';

test('a fixed latency delays every request', async (t) => {
  const api = await fake(t);
  api.setLatency(120);
  const t0 = performance.now();
  assert.equal((await call(api, 'GET', '/version')).status, 200);
  assert.ok(performance.now() - t0 >= 115);
  assert.ok(api.requests[0].ms >= 115);
  api.setLatency(0);
  await call(api, 'GET', '/version');
  assert.ok(api.requests[1].ms < 100, 'server-side time, robust to a loaded test machine');
});

test('a latency function picks requests', async (t) => {
  const api = await fake(t);
  api.setLatency((req) => (req.resource === 'pods' ? 150 : 0));
  await call(api, 'GET', '/healthz');
  assert.ok(api.requests[0].ms < 100);
  const slow = await Promise.race([
    call(api, 'GET', '/api/v1/namespaces/default/pods/x').then(() => 'answered', () => 'failed'),
    new Promise((r) => setTimeout(r, 60, 'timeout')),
  ]);
  assert.equal(slow, 'timeout', 'a 60 ms client deadline misses a 150 ms pod GET');
});
