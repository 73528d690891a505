// BOOKMARK events: sent periodically only when the client set allowWatchBookmarks=true, with an
// object that carries nothing but kind, apiVersion and the resourceVersion to resume from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { fake, pod, watch } from './client.ts';

test('bookmarks arrive when allowed, with only kind, apiVersion and metadata.resourceVersion', async (t) => {
  const api = await fake(t, { bookmarkIntervalMs: 40 });
  api.createPod(pod('p'));
  const w = watch(api, `/api/v1/pods?watch=1&resourceVersion=${api.resourceVersion}&allowWatchBookmarks=true`);
  t.after(() => w.close());
  api.createNad('default', 'n', undefined); // another resource moves the cluster revision
  const b = await w.next(500);
  assert.equal(b.type, 'BOOKMARK');
  assert.deepEqual(b.object, { kind: 'Pod', apiVersion: 'v1', metadata: { resourceVersion: api.resourceVersion } });
  const nads = watch(api, `/apis/k8s.cni.cncf.io/v1/network-attachment-definitions?watch=1&resourceVersion=${api.resourceVersion}&allowWatchBookmarks=1`);
  t.after(() => nads.close());
  assert.deepEqual((await nads.next(500)).object, { kind: 'NetworkAttachmentDefinition', apiVersion: 'k8s.cni.cncf.io/v1', metadata: { resourceVersion: api.resourceVersion } });
});

test('no bookmarks unless allowed', async (t) => {
  const api = await fake(t, { bookmarkIntervalMs: 20 });
  const w = watch(api, `/api/v1/pods?watch=1&resourceVersion=${api.resourceVersion}`);
  t.after(() => w.close());
  await w.status;
  await sleep(150);
  assert.deepEqual(w.events, []);
});

test('sendInitialEvents ends the initial ADDED list with the initial-events-end bookmark', async (t) => {
  const api = await fake(t, { bookmarkIntervalMs: 60_000 });
  api.createPod(pod('a'));
  const w = watch(api, '/api/v1/pods?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true');
  t.after(() => w.close());
  assert.equal((await w.next()).type, 'ADDED');
  const end = await w.next();
  assert.equal(end.type, 'BOOKMARK');
  assert.deepEqual(end.object.metadata, { resourceVersion: api.resourceVersion, annotations: { 'k8s.io/initial-events-end': 'true' } });
});
