// The three "wrong path" answers of kube-apiserver: plain-text 404 outside the served group-versions,
// a 404 Status for an unknown resource inside one, and a 405 Status for a wrong method.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, fake } from './client.ts';

test('unknown paths and methods', async (t) => {
  const api = await fake(t);
  for (const p of ['/foo', '/apis/example.com/v1/widgets', '/api/v2/pods']) {
    const r = await call(api, 'GET', p);
    assert.equal(r.status, 404, p);
    assert.equal(r.text, '404 page not found\n');
  }
  for (const p of ['/api/v1/namespaces/default/widgets', '/api/v1/pods/p1', '/api/v1/namespaces/default/pods/p1/exec', '/apis/k8s.cni.cncf.io/v1/namespaces/default/network-attachment-definitions/n/status']) {
    const r = await call(api, 'GET', p);
    assert.equal(r.status, 404, p);
    assert.equal(r.text, '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server could not find the requested resource","reason":"NotFound","details":{},"code":404}\n', p);
  }
  for (const [m, p] of [['POST', '/api/v1/namespaces/default/pods/p1'], ['POST', '/api/v1/pods'], ['DELETE', '/api/v1/namespaces/default/pods/p1/status'], ['PUT', '/api/v1/namespaces/default/events']]) {
    const r = await call(api, m, p, { body: {} });
    assert.equal(r.status, 405, `${m} ${p}`);
    assert.equal(r.text, '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server does not allow this method on the requested resource","reason":"MethodNotAllowed","details":{},"code":405}\n');
  }
});
