// tokenFile users (and bound service-account tokens): the file is re-read once the cached token is a
// refresh period old, and at once after a 401, after which the request is sent again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadKubeconfig } from '../../src/k8s/kubeconfig.ts';
import { KubeClient } from '../../src/k8s/client.ts';
import { TokenFileCredentials } from '../../src/k8s/credentials.ts';
import { tempDir } from '../support/tmp.ts';
import { json, kubeconfigText, pod, startServer, status } from './helpers.ts';

test('tokenFile (relative to the kubeconfig) is re-read after the refresh period', async (t) => {
  const srv = await startServer(t, (req, res) => json(res, 200, pod('p')));
  const dir = tempDir(t);
  writeFileSync(path.join(dir, 'token'), 'token-one\n');
  const file = path.join(dir, 'kubeconfig');
  writeFileSync(file, kubeconfigText({ server: srv.url, user: { tokenFile: 'token' } }));
  const access = await loadKubeconfig(file, { tokenRefreshMs: 150 });
  const client = new KubeClient(access);
  t.after(() => client.close());

  await client.getPod('default', 'p');
  writeFileSync(path.join(dir, 'token'), 'token-two\n'); // the kubelet rotated it
  await client.getPod('default', 'p'); // still within the period: the cached token
  await new Promise((r) => setTimeout(r, 200));
  await client.getPod('default', 'p');
  assert.deepEqual(
    srv.seen.map((s) => s.headers.authorization),
    ['Bearer token-one', 'Bearer token-one', 'Bearer token-two'],
  );
});

test('a 401 re-reads the token file at once and retries the request once', async (t) => {
  const srv = await startServer(t, (req, res) => {
    if (req.headers.authorization === 'Bearer fresh') json(res, 200, pod('p'));
    else json(res, 401, status(401, 'Unauthorized', 'Unauthorized'));
  });
  const dir = tempDir(t);
  const tokenPath = path.join(dir, 'token');
  writeFileSync(tokenPath, 'expired');
  const file = path.join(dir, 'kubeconfig');
  writeFileSync(file, kubeconfigText({ server: srv.url, user: { tokenFile: tokenPath } }));
  const client = new KubeClient(await loadKubeconfig(file)); // default period: one minute
  t.after(() => client.close());

  writeFileSync(tokenPath, 'fresh');
  const p = await client.getPod('default', 'p');
  assert.equal(p.metadata.name, 'p');
  assert.deepEqual(srv.seen.map((s) => s.headers.authorization), ['Bearer expired', 'Bearer fresh']);

  // still refused after the re-read: one retry only, then K8S_FORBIDDEN with the API's message
  writeFileSync(tokenPath, 'also-bad');
  srv.handle((req, res) => json(res, 401, status(401, 'Unauthorized', 'Unauthorized')));
  await assert.rejects(client.getPod('default', 'p'), (e: any) => e.id === 'K8S_FORBIDDEN' && e.status === 401 && e.msg === 'Unauthorized');
  assert.equal(srv.seen.length, 4);
});

test('a failed re-read keeps the last good token; a missing file at load is a K8S_CONFIG error', async (t) => {
  const dir = tempDir(t);
  const p = path.join(dir, 'token');
  let now = 0;
  writeFileSync(p, 'good');
  const c = new TokenFileCredentials(p, { refreshMs: 10, now: () => now });
  await c.load();
  writeFileSync(p, ''); // mid-rotation
  now = 100;
  assert.deepEqual(await c.get(), { authorization: 'Bearer good' });

  const missing = new TokenFileCredentials(path.join(dir, 'nope'), { where: 'in-cluster' });
  await assert.rejects(missing.load(), (e: any) => e.id === 'K8S_CONFIG' && /^in-cluster: cannot read the token file .*nope: ENOENT/.test(e.message));
});
