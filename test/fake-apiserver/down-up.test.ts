// down()/up(): the listener goes away (connections refused, watches cut) and comes back on the same
// port with the same objects, as an apiserver restart looks to a client.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, fake, pod, watch } from './client.ts';

test('down refuses connections and cuts watches; up serves the same data on the same port', async (t) => {
  const api = await fake(t);
  api.createPod(pod('p1'));
  const url = api.url;
  const w = watch(api, '/api/v1/pods?watch=1');
  await w.next();
  await api.down();
  assert.equal(await w.ended, 'aborted');
  await assert.rejects(call(api, 'GET', '/version'), { code: 'ECONNREFUSED' });
  await api.up();
  assert.equal(api.url, url);
  const r = await call(api, 'GET', '/api/v1/namespaces/default/pods/p1');
  assert.equal(r.status, 200);
});
