// Every call has a timeout (the client's, or the call's own): past it the call fails with K8S_TIMEOUT
// and leaves no timer behind; the caller's AbortSignal ends a call with its own reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeApiServer } from '../support/fake-apiserver/index.ts';
import { KubeClient } from '../../src/k8s/client.ts';
import { testAccess } from './helpers.ts';

test('a slow API server: K8S_TIMEOUT after the configured time, per-call override wins', async (t) => {
  const fake = await startFakeApiServer();
  t.after(() => fake.close());
  fake.createPod({ metadata: { name: 'p', namespace: 'default' } });
  const client = new KubeClient(testAccess(fake.url), { timeoutMs: 150 });
  t.after(() => client.close());

  fake.setLatency(400);
  const t0 = performance.now();
  await assert.rejects(client.getPod('default', 'p'), (e: any) => {
    assert.equal(e.id, 'K8S_TIMEOUT');
    assert.equal(e.code, 11);
    assert.equal(e.status, 0);
    assert.equal(e.reason, 'Timeout');
    assert.equal(e.msg, 'GET /api/v1/namespaces/default/pods/p: timed out after 150 ms');
    return true;
  });
  // an error at all proves the timer beat the 400 ms answer; it must not fire early either
  const took = performance.now() - t0;
  assert.ok(took >= 140, `took ${took} ms`);

  // Multus thin polls with a 250 ms per-attempt timeout: a call may shorten or lengthen the default
  await assert.rejects(client.getPod('default', 'p', { timeoutMs: 50 }), /timed out after 50 ms/);
  const p = await client.getPod('default', 'p', { timeoutMs: 2000 });
  assert.equal(p.metadata.name, 'p');
});

test('the caller aborting ends the call with its reason; no timer is left', async (t) => {
  const fake = await startFakeApiServer();
  t.after(() => fake.close());
  fake.pause(); // accepts, never answers
  const client = new KubeClient(testAccess(fake.url), { timeoutMs: 60_000 });
  t.after(() => client.close());
  const before = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
  const ac = new AbortController();
  const call = client.getPod('default', 'p', { signal: ac.signal });
  setTimeout(() => ac.abort(new Error('CNI DEL gave up')), 30);
  await assert.rejects(call, /CNI DEL gave up/);
  await new Promise((r) => setImmediate(r));
  const after = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
  assert.equal(after, before, 'the 60 s timer was cleared');
});
