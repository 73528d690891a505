// WATCH from a resourceVersion replays the history after it, in order, then streams live changes;
// without one it starts with the current objects as ADDED (the legacy "get state and start").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fake, pod, watch } from './client.ts';

test('ADDED, MODIFIED, DELETED in order from a given resourceVersion', async (t) => {
  const api = await fake(t);
  api.createPod(pod('before'));
  const rv = api.resourceVersion;
  api.createPod(pod('p1'));
  api.patchPod('default', 'p1', { metadata: { labels: { a: 'b' } } });
  const w = watch(api, `/api/v1/namespaces/default/pods?watch=1&resourceVersion=${rv}`);
  t.after(() => w.close());
  assert.equal(await w.status, 200);
  const added = await w.next();
  assert.equal(added.type, 'ADDED');
  assert.equal(added.object.kind, 'Pod');
  assert.equal(added.object.apiVersion, 'v1');
  const modified = await w.next();
  assert.equal(modified.type, 'MODIFIED');
  assert.deepEqual((modified.object as { metadata: { labels: object } }).metadata.labels, { a: 'b' });
  const deleted = api.deletePod('default', 'p1'); // live, after the replay
  const ev = await w.next();
  assert.equal(ev.type, 'DELETED');
  assert.equal((ev.object as { metadata: { resourceVersion: string } }).metadata.resourceVersion, deleted.metadata.resourceVersion);
  const rvs = w.events.map((e) => Number((e.object as { metadata: { resourceVersion: string } }).metadata.resourceVersion));
  assert.deepEqual(rvs, [...rvs].sort((a, b) => a - b));
  assert.ok(rvs[0] > Number(rv));
  assert.match(w.lines[0], /^\{"type":"ADDED","object":\{"kind":"Pod","apiVersion":"v1",/);
});

test('without a resourceVersion the current objects come first as ADDED', async (t) => {
  const api = await fake(t);
  api.createPod(pod('a'));
  api.createPod(pod('b'));
  api.createPod(pod('other', { namespace: 'ns2' }));
  const w = watch(api, '/api/v1/namespaces/default/pods?watch=true');
  t.after(() => w.close());
  const names = [(await w.next()).object, (await w.next()).object].map((o) => (o as { metadata: { name: string } }).metadata.name);
  assert.deepEqual(names, ['a', 'b']);
  api.createPod(pod('c'));
  const c = await w.next();
  assert.equal(c.type, 'ADDED');
  assert.equal((c.object as { metadata: { name: string } }).metadata.name, 'c');
});

test('a field-selected watch sees a pod leave as DELETED and arrive as ADDED', async (t) => {
  const api = await fake(t);
  api.createPod(pod('p', { nodeName: 'node1' }));
  const rv = api.resourceVersion;
  const w = watch(api, `/api/v1/pods?watch=1&resourceVersion=${rv}&fieldSelector=metadata.namespace%3Ddefault,spec.nodeName%3Dnode2`);
  t.after(() => w.close());
  await w.status;
  api.createPod(pod('q', { nodeName: 'node2' }));
  api.patchPod('default', 'q', { metadata: { labels: { x: 'y' } } });
  api.patchPod('default', 'q', { spec: { nodeName: 'node3' } });
  api.patchPod('default', 'p', { spec: { nodeName: 'node2' } });
  const got = [];
  for (let i = 0; i < 4; i++) {
    const e = await w.next();
    got.push(`${e.type} ${(e.object as { metadata: { name: string } }).metadata.name}`);
  }
  assert.deepEqual(got, ['ADDED q', 'MODIFIED q', 'DELETED q', 'ADDED p']);
  const gone = w.events[2].object as { spec: { nodeName: string }; metadata: { resourceVersion: string } };
  assert.equal(gone.spec.nodeName, 'node2', 'DELETED carries the last state that matched');
});
