// How watches end: timeoutSeconds (a clean end of the chunked stream), closeWatches() as an
// apiserver restart does (clean or abrupt), a future resourceVersion (504 ERROR), and close().
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fake, pod, watch } from './client.ts';
import { startFakeApiServer } from '../support/fake-apiserver/index.ts';

test('timeoutSeconds ends the stream cleanly', async (t) => {
  const api = await fake(t);
  const t0 = Date.now();
  // fractional seconds are a fake-only convenience to keep the test fast; the real server wants an integer
  const w = watch(api, '/api/v1/pods?watch=1&timeoutSeconds=0.15');
  assert.equal(await w.ended, 'end');
  assert.ok(Date.now() - t0 >= 140);
  assert.equal(api.openWatches, 0);
});

test('closeWatches ends every open watch, cleanly or by dropping the connection', async (t) => {
  const api = await fake(t);
  const a = watch(api, '/api/v1/pods?watch=1');
  const b = watch(api, '/apis/k8s.cni.cncf.io/v1/network-attachment-definitions?watch=1');
  await Promise.all([a.status, b.status]);
  assert.equal(api.openWatches, 2);
  assert.equal(api.closeWatches(), 2);
  assert.deepEqual(await Promise.all([a.ended, b.ended]), ['end', 'end']);
  const c = watch(api, '/api/v1/pods?watch=1');
  await c.status;
  api.closeWatches({ abrupt: true });
  assert.equal(await c.ended, 'aborted');
});

test('a future resourceVersion waits, then gets a 504 ERROR event', async (t) => {
  const api = await fake(t, { tooLargeResourceVersionWaitMs: 50 });
  const future = Number(api.resourceVersion) + 5;
  const w = watch(api, `/api/v1/pods?watch=1&resourceVersion=${future}`);
  const e = await w.next();
  assert.equal(e.type, 'ERROR');
  assert.equal((e.object as { code: number }).code, 504);
  assert.equal(await w.ended, 'end');
  const soon = watch(api, `/api/v1/pods?watch=1&resourceVersion=${Number(api.resourceVersion) + 1}`);
  t.after(() => soon.close());
  await soon.status; // headers first, then the wait
  api.createPod(pod('p')); // reaches the requested version: the watch starts after it
  api.createPod(pod('q'));
  const e2 = await soon.next();
  assert.equal(e2.type, 'ADDED');
  assert.equal((e2.object as { metadata: { name: string } }).metadata.name, 'q');
});

test('close() ends open watches and held requests without hanging', async () => {
  const api = await startFakeApiServer();
  const w = watch(api, '/api/v1/pods?watch=1&allowWatchBookmarks=true');
  await w.status;
  api.pause();
  const held = fetch(`${api.url}/version`).catch((e: Error) => e);
  await api.close();
  assert.equal(await w.ended, 'aborted');
  assert.ok((await held) instanceof Error);
  await api.close();
});
