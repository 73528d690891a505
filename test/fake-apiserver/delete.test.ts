// DELETE returns the object stamped with the deletion's resourceVersion, watchers get the same
// DELETED, and preconditions in DeleteOptions are 409s.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, fake, pod, watch } from './client.ts';

const P = '/api/v1/namespaces/default/pods/p1';

test('DELETE returns the pod with a new resourceVersion; a watcher gets DELETED with it', async (t) => {
  const api = await fake(t);
  const p = api.createPod(pod('p1'));
  const w = watch(api, `/api/v1/pods?watch=1&resourceVersion=${p.metadata.resourceVersion}`);
  t.after(() => w.close());
  await w.status;
  const r = await call(api, 'DELETE', P);
  assert.equal(r.status, 200);
  assert.equal(r.json.kind, 'Pod');
  assert.equal(r.json.metadata.uid, p.metadata.uid);
  assert.equal(r.json.metadata.resourceVersion, api.resourceVersion);
  const ev = await w.next();
  assert.equal(ev.type, 'DELETED');
  assert.deepEqual(ev.object, r.json);
  assert.equal((await call(api, 'DELETE', P)).status, 404);
});

test('preconditions: a wrong uid or resourceVersion is a 409 and deletes nothing', async (t) => {
  const api = await fake(t);
  const p = api.createPod(pod('p1'));
  const uid = await call(api, 'DELETE', P, { body: { kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { uid: 'other' } } });
  assert.equal(uid.status, 409);
  assert.equal(uid.json.message, `Operation cannot be fulfilled on pods "p1": Precondition failed: UID in precondition: other, UID in object meta: ${p.metadata.uid}`);
  const rv = await call(api, 'DELETE', P, { body: { preconditions: { resourceVersion: '1' } } });
  assert.equal(rv.status, 409);
  assert.ok(api.getPod('default', 'p1'));
  assert.equal((await call(api, 'DELETE', P, { body: { preconditions: { uid: p.metadata.uid } } })).status, 200);
});

test('helpers: deletePod feeds watchers like the HTTP delete', async (t) => {
  const api = await fake(t);
  api.createPod(pod('p1'));
  const w = watch(api, '/api/v1/namespaces/default/pods?watch=1');
  t.after(() => w.close());
  assert.equal((await w.next()).type, 'ADDED');
  api.deletePod('default', 'p1');
  assert.equal((await w.next()).type, 'DELETED');
  assert.throws(() => api.deletePod('default', 'p1'), { message: 'pods "p1" not found' });
});
