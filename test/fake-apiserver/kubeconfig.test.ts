// writeKubeconfig: a real kubeconfig that @kubernetes/client-node loads and uses over HTTPS with the
// bearer token, inline or from a token file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { fake, pod } from './client.ts';
import { tempDir } from '../support/tmp.ts';

test('client-node reads a pod through the written kubeconfig (HTTPS, token)', async (t) => {
  const api = await fake(t, { https: true, token: 'tok-1' });
  api.createPod(pod('p1'));
  const file = await api.writeKubeconfig(path.join(tempDir(t), 'kubeconfig'));
  const doc = parse(await readFile(file, 'utf8'));
  assert.equal(doc.clusters[0].cluster.server, api.url);
  assert.equal(Buffer.from(doc.clusters[0].cluster['certificate-authority-data'], 'base64').toString(), api.caPem);
  assert.equal(doc.users[0].user.token, 'tok-1');
  const kc = new KubeConfig();
  kc.loadFromFile(file);
  const core = kc.makeApiClient(CoreV1Api);
  const got = await core.readNamespacedPod({ name: 'p1', namespace: 'default' });
  assert.equal(got.metadata?.name, 'p1');
  assert.equal(api.countRequests({ verb: 'get', resource: 'pods' }), 1);
});

test('tokenFile and caFile variants write the files they reference', async (t) => {
  const api = await fake(t, { https: true, token: 'tok-2' });
  const dir = tempDir(t);
  const file = await api.writeKubeconfig(path.join(dir, 'kc'), { tokenFile: path.join(dir, 'token'), caFile: path.join(dir, 'ca.crt'), namespace: 'kube-system' });
  const doc = parse(await readFile(file, 'utf8'));
  assert.equal(doc.users[0].user.tokenFile, path.join(dir, 'token'));
  assert.equal(await readFile(path.join(dir, 'token'), 'utf8'), 'tok-2');
  assert.equal(await readFile(doc.clusters[0].cluster['certificate-authority'], 'utf8'), api.caPem);
  assert.equal(doc.contexts[0].context.namespace, 'kube-system');
  assert.equal(doc['current-context'], 'fake-context');
});
