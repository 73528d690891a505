// dropConnections: matching requests lose their connection without any answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, fake } from './client.ts';

test('the next matching request is dropped, others and later ones are answered', async (t) => {
  const api = await fake(t);
  api.dropConnections(1, { pathRegex: '^/api/v1/' });
  assert.equal((await call(api, 'GET', '/version')).status, 200);
  await assert.rejects(call(api, 'GET', '/api/v1/pods'), { code: 'ECONNRESET' });
  assert.equal((await call(api, 'GET', '/api/v1/pods')).status, 200);
  const dropped = api.requests.filter((r) => r.dropped);
  assert.equal(dropped.length, 1);
  assert.equal(dropped[0].status, 0);
});
