// API answers become catalogue errors that keep the API's own message, the HTTP status and the reason
// (against the shared fake kube-apiserver, which words its Status bodies as the real one does).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeApiServer } from '../support/fake-apiserver/index.ts';
import { KubeClient } from '../../src/k8s/client.ts';
import { KubeError } from '../../src/k8s/errors.ts';
import { testAccess } from './helpers.ts';

async function setup(t: any) {
  const fake = await startFakeApiServer();
  t.after(() => fake.close());
  const client = new KubeClient(testAccess(fake.url), { timeoutMs: 2000 });
  t.after(() => client.close());
  return { fake, client };
}

function is(id: string, status: number, reason: string, msg?: string | RegExp) {
  return (e: unknown) => {
    assert.ok(e instanceof KubeError, String(e));
    assert.equal(e.id, id);
    assert.equal(e.status, status);
    assert.equal(e.reason, reason);
    if (typeof msg === 'string') assert.equal(e.msg, msg);
    else if (msg) assert.match(e.msg, msg);
    return true;
  };
}

test('404 keeps the API message: pods "x" not found', async (t) => {
  const { client } = await setup(t);
  await assert.rejects(client.getPod('default', 'x'), is('K8S_NOT_FOUND', 404, 'NotFound', 'pods "x" not found'));
  await assert.rejects(
    client.getNad('default', 'macvlan'),
    is('K8S_NOT_FOUND', 404, 'NotFound', 'network-attachment-definitions.k8s.cni.cncf.io "macvlan" not found'),
  );
  const e = await client.getPod('default', 'x').catch((x) => x);
  assert.equal(e.code, 3); // the CNI code of K8S_NOT_FOUND
  assert.match(e.details, /^GET \/api\/v1\/namespaces\/default\/pods\/x: HTTP 404 NotFound$/);
});

test('409 from a stale resourceVersion is K8S_CONFLICT', async (t) => {
  const { fake, client } = await setup(t);
  fake.createPod({ metadata: { name: 'p', namespace: 'default' }, spec: { nodeName: 'node1' } });
  const p = await client.getPod('default', 'p');
  fake.patchPod('default', 'p', { metadata: { labels: { touched: 'yes' } } }); // someone else writes
  p.metadata.annotations = { a: 'b' };
  await assert.rejects(client.updatePodStatus(p), is('K8S_CONFLICT', 409, 'Conflict', /^Operation cannot be fulfilled on pods "p": the object has been modified/));
});

test('401/403 → K8S_FORBIDDEN, 429/500/503 → K8S_UNAVAILABLE, 410 → K8S_GONE, 400 → K8S_API', async (t) => {
  const { fake, client } = await setup(t);
  const cases: [number, string, string][] = [
    [401, 'K8S_FORBIDDEN', 'Unauthorized'],
    [403, 'K8S_FORBIDDEN', 'Forbidden'],
    [429, 'K8S_UNAVAILABLE', 'TooManyRequests'],
    [500, 'K8S_UNAVAILABLE', 'InternalError'],
    [503, 'K8S_UNAVAILABLE', 'ServiceUnavailable'],
    [410, 'K8S_GONE', 'Expired'],
    [400, 'K8S_API', 'BadRequest'],
  ];
  for (const [code, id, reason] of cases) {
    fake.failNext(1, { status: code, retryAfterSeconds: code === 429 ? 2 : undefined });
    const e = await client.getPod('default', 'p').catch((x) => x);
    is(id, code, reason)(e);
    if (code === 429) assert.equal(e.retryAfterMs, 2000);
  }
  // a load-shedding 429 in plain text (no Status): the generic reason and the body in the message
  fake.failNext(1, { status: 429, plainText: true });
  await assert.rejects(client.getPod('default', 'p'), is('K8S_UNAVAILABLE', 429, 'TooManyRequests', /HTTP 429: Too many requests/));
});

test('connection refused and reset are K8S_UNAVAILABLE with the network code as reason', async (t) => {
  const { fake, client } = await setup(t);
  fake.dropConnections(1);
  await assert.rejects(client.getPod('default', 'p'), is('K8S_UNAVAILABLE', 0, 'ECONNRESET'));
  await fake.down();
  await assert.rejects(client.getPod('default', 'p'), is('K8S_UNAVAILABLE', 0, 'ECONNREFUSED', /^GET \/api\/v1\/namespaces\/default\/pods\/p: connect ECONNREFUSED/));
});
