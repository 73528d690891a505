// limit + continue pages over one consistent snapshot, remainingItemCount, and the resourceVersion /
// resourceVersionMatch rules of a LIST (including their 410, 422 and 504 answers).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, fake, pod } from './client.ts';

const names = (r: { json: { items: Array<{ metadata: { name: string } }> } }) => r.json.items.map((i) => i.metadata.name);

test('limit and continue walk a consistent snapshot', async (t) => {
  const api = await fake(t);
  for (const n of ['p1', 'p2', 'p3', 'p4', 'p5']) api.createPod(pod(n));
  const first = await call(api, 'GET', '/api/v1/namespaces/default/pods?limit=2');
  assert.deepEqual(names(first), ['p1', 'p2']);
  assert.equal(first.json.metadata.remainingItemCount, 3);
  const snapshotRv = first.json.metadata.resourceVersion;
  api.deletePod('default', 'p4');
  api.createPod(pod('p6'));
  const second = await call(api, 'GET', `/api/v1/namespaces/default/pods?limit=2&continue=${first.json.metadata.continue}`);
  assert.deepEqual(names(second), ['p3', 'p4'], 'the deletion after the first page is not seen');
  assert.equal(second.json.metadata.resourceVersion, snapshotRv);
  const third = await call(api, 'GET', `/api/v1/namespaces/default/pods?limit=2&continue=${second.json.metadata.continue}`);
  assert.deepEqual(names(third), ['p5']);
  assert.equal(third.json.metadata.continue, undefined);
  assert.equal(third.json.metadata.remainingItemCount, undefined);
});

test('a continue token older than the compacted history is 410 Expired', async (t) => {
  const api = await fake(t);
  for (const n of ['p1', 'p2', 'p3']) api.createPod(pod(n));
  const first = await call(api, 'GET', '/api/v1/pods?limit=1');
  api.createPod(pod('p4'));
  api.compactHistory();
  const r = await call(api, 'GET', `/api/v1/pods?limit=1&continue=${first.json.metadata.continue}`);
  assert.equal(r.status, 410);
  assert.equal(r.json.reason, 'Expired');
  assert.match(r.json.message, /^The provided continue parameter is too old/);
  assert.equal((await call(api, 'GET', '/api/v1/pods?continue=garbage')).status, 400);
});

test('resourceVersionMatch=Exact returns the past state; NotOlderThan the current one', async (t) => {
  const api = await fake(t);
  api.createPod(pod('p1'));
  const rv = api.resourceVersion;
  api.createPod(pod('p2'));
  api.deletePod('default', 'p1');
  const exact = await call(api, 'GET', `/api/v1/pods?resourceVersion=${rv}&resourceVersionMatch=Exact`);
  assert.deepEqual(names(exact), ['p1']);
  assert.equal(exact.json.metadata.resourceVersion, rv);
  const newer = await call(api, 'GET', `/api/v1/pods?resourceVersion=${rv}&resourceVersionMatch=NotOlderThan`);
  assert.deepEqual(names(newer), ['p2']);
  assert.equal(newer.json.metadata.resourceVersion, api.resourceVersion);
  assert.deepEqual(names(await call(api, 'GET', '/api/v1/pods?resourceVersion=0')), ['p2']);
  api.compactHistory();
  const gone = await call(api, 'GET', `/api/v1/pods?resourceVersion=${rv}&resourceVersionMatch=Exact`);
  assert.equal(gone.status, 410);
  assert.equal(gone.json.message, 'The resourceVersion for the provided list is too old.');
});

test('invalid list options are a 422 on ListOptions; a future resourceVersion a 504 after the wait', async (t) => {
  const api = await fake(t, { tooLargeResourceVersionWaitMs: 50 });
  const noRv = await call(api, 'GET', '/api/v1/pods?resourceVersionMatch=Exact');
  assert.equal(noRv.status, 422);
  assert.equal(noRv.json.message, 'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided');
  const zero = await call(api, 'GET', '/api/v1/pods?resourceVersion=0&resourceVersionMatch=Exact');
  assert.equal(zero.json.message, 'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch "exact" is forbidden for resourceVersion "0"');
  const future = Number(api.resourceVersion) + 10;
  const tooLarge = await call(api, 'GET', `/api/v1/pods?resourceVersion=${future}&resourceVersionMatch=NotOlderThan`);
  assert.equal(tooLarge.status, 504);
  assert.equal(tooLarge.json.reason, 'Timeout');
  assert.equal(tooLarge.json.message, `Timeout: Too large resource version: ${future}, current: ${api.resourceVersion}`);
  assert.deepEqual(tooLarge.json.details, { causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }], retryAfterSeconds: 1 });
});
