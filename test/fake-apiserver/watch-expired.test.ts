// A watch from a resourceVersion older than the kept history: a 200 stream with one ERROR event
// carrying the 410 Expired Status ("too old resource version: <rv> (<oldest usable>)"), then the end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fake, pod, watch } from './client.ts';

test('after compaction an old resourceVersion gets one 410 ERROR event and the stream ends', async (t) => {
  const api = await fake(t);
  api.createPod(pod('p1'));
  const old = api.resourceVersion;
  api.createPod(pod('p2'));
  api.compactHistory();
  const w = watch(api, `/api/v1/pods?watch=1&resourceVersion=${old}`);
  t.after(() => w.close());
  assert.equal(await w.status, 200);
  assert.equal(await w.ended, 'end');
  assert.equal(w.lines.length, 1);
  assert.equal(w.lines[0], `{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: ${old} (${api.resourceVersion})","reason":"Expired","code":410}}`);
  const fresh = watch(api, `/api/v1/pods?watch=1&resourceVersion=${api.resourceVersion}`);
  t.after(() => fresh.close());
  api.createPod(pod('p3'));
  assert.equal((await fresh.next()).type, 'ADDED', 'the current resourceVersion is still resumable');
});

test('historyLimit: events beyond the limit are forgotten, per resource', async (t) => {
  const api = await fake(t, { historyLimit: 2 });
  const start = api.resourceVersion;
  for (const n of ['a', 'b', 'c']) api.createPod(pod(n));
  api.createNad('default', 'n1', undefined); // a NAD event does not push pod events out
  const w = watch(api, `/api/v1/pods?watch=1&resourceVersion=${start}`);
  const e = await w.next();
  assert.equal(e.type, 'ERROR');
  assert.equal((e.object as { code: number }).code, 410);
  assert.equal((e.object as { message: string }).message, `too old resource version: ${start} (${Number(start) + 1})`);
  const ok = watch(api, `/api/v1/pods?watch=1&resourceVersion=${Number(start) + 1}`);
  t.after(() => ok.close());
  assert.deepEqual([(await ok.next()).type, (await ok.next()).type], ['ADDED', 'ADDED']);
});
