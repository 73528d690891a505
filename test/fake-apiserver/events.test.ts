// Events posted through core v1 and events.k8s.io/v1 land in one store (as on a real cluster, where
// both are views of the same objects) and can be read back in either form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, fake } from './client.ts';

test('POST events through both APIs; events() returns them in order; GET lists them', async (t) => {
  const api = await fake(t);
  const core = {
    metadata: { name: 'p1.17f0' },
    involvedObject: { kind: 'Pod', namespace: 'default', name: 'p1', uid: 'u1' },
    reason: 'AddedInterface', message: 'Add eth0 [10.0.0.5/24] from cbr0', type: 'Normal', source: { component: 'multus' }, count: 1,
  };
  const r1 = await call(api, 'POST', '/api/v1/namespaces/default/events', { body: core });
  assert.equal(r1.status, 201);
  assert.equal(r1.json.kind, 'Event');
  assert.equal(r1.json.apiVersion, 'v1');
  const v1 = {
    metadata: { name: 'p1.17f1' }, regarding: { kind: 'Pod', namespace: 'default', name: 'p1' }, note: 'second',
    reason: 'AddedInterface', type: 'Normal', reportingController: 'multus', reportingInstance: 'node1', action: 'Add', eventTime: '2025-01-01T00:00:00.000000Z',
  };
  const r2 = await call(api, 'POST', '/apis/events.k8s.io/v1/namespaces/default/events', { body: v1 });
  assert.equal(r2.status, 201);
  assert.equal(r2.json.apiVersion, 'events.k8s.io/v1');
  assert.equal(r2.json.note, 'second');
  const all = api.events();
  assert.deepEqual(all.map((e) => e.message), ['Add eth0 [10.0.0.5/24] from cbr0', 'second']);
  assert.equal(all[1].reportingComponent, 'multus', 'the events.k8s.io names map to the core ones');
  assert.equal(api.events({ apiVersion: 'events.k8s.io/v1' })[0].note, 'Add eth0 [10.0.0.5/24] from cbr0');
  const listed = await call(api, 'GET', '/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dp1,reason%3DAddedInterface');
  assert.equal(listed.json.kind, 'EventList');
  assert.equal(listed.json.items.length, 2);
  const count = await call(api, 'PATCH', '/api/v1/namespaces/default/events/p1.17f0', { body: { count: 2 }, contentType: 'application/strategic-merge-patch+json' });
  assert.equal(count.json.count, 2, 'the recorder bumps count with a patch');
});
