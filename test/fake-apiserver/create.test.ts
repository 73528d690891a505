// POST of pods over HTTP follows the registry: the server owns uid, creationTimestamp and status,
// generateName picks a name, and invalid input is refused with the apiserver's errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, fake, pod } from './client.ts';

const PODS = '/api/v1/namespaces/default/pods';

test('POST sets uid, creationTimestamp, resourceVersion and a Pending status', async (t) => {
  const api = await fake(t);
  const body = { ...pod('p1', { uid: 'mine' }), status: { phase: 'Running' } };
  const r = await call(api, 'POST', PODS, { body });
  assert.equal(r.status, 201);
  assert.notEqual(r.json.metadata.uid, 'mine', 'the server generates the uid');
  assert.match(r.json.metadata.uid, /^[0-9a-f]{8}-[0-9a-f]{4}-/);
  assert.equal(r.json.metadata.resourceVersion, api.resourceVersion);
  assert.deepEqual(r.json.status, { phase: 'Pending' });
  const gen = await call(api, 'POST', PODS, { body: { metadata: { generateName: 'web-' }, spec: {} } });
  assert.match(gen.json.metadata.name, /^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  assert.equal(api.createPod(pod('helper', { uid: 'kept' })).metadata.uid, 'kept', 'the in-process helper keeps a given uid');
});

test('invalid creates: no name, bad name, namespace mismatch, resourceVersion set, bad JSON', async (t) => {
  const api = await fake(t);
  const noName = await call(api, 'POST', PODS, { body: { metadata: {} } });
  assert.equal(noName.status, 422);
  assert.equal(noName.json.message, 'Pod "" is invalid: metadata.name: Required value: name or generateName is required');
  const bad = await call(api, 'POST', PODS, { body: { metadata: { name: 'Bad_Name' } } });
  assert.equal(bad.status, 422);
  assert.match(bad.json.message, /^Pod "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/);
  const ns = await call(api, 'POST', PODS, { body: { metadata: { name: 'p', namespace: 'other' } } });
  assert.equal(ns.status, 400);
  assert.equal(ns.json.message, 'the namespace of the provided object does not match the namespace sent on the request');
  const rv = await call(api, 'POST', PODS, { body: { metadata: { name: 'p', resourceVersion: '5' } } });
  assert.equal(rv.status, 500);
  assert.equal(rv.json.message, 'Internal error occurred: resourceVersion should not be set on objects to be created');
  const json = await call(api, 'POST', PODS, { raw: '{nope' });
  assert.equal(json.status, 400);
  assert.equal(json.json.reason, 'BadRequest');
});
