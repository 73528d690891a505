// Multus' rule for where Kubernetes is: a kubeconfig path wins; without one, in-cluster only when both
// KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are set; otherwise no Kubernetes at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadInCluster, resolveKubeAccess } from '../../src/k8s/kubeconfig.ts';
import { KubeClient } from '../../src/k8s/client.ts';
import { TokenFileCredentials } from '../../src/k8s/credentials.ts';
import { tempDir } from '../support/tmp.ts';
import { json, kubeconfigText, makePki, pod, startServer } from './helpers.ts';

function serviceAccount(t: any, files: Record<string, string | Buffer>): string {
  const dir = tempDir(t);
  for (const [k, v] of Object.entries(files)) writeFileSync(path.join(dir, k), v);
  return dir;
}

test('empty kubeconfig: in-cluster only with both variables set, else null (no Kubernetes)', async (t) => {
  const sa = serviceAccount(t, { token: 'sa-token\n', namespace: 'kube-system' });
  const both = { KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443' };
  const a = await resolveKubeAccess('', { env: both, serviceAccountDir: sa });
  assert.ok(a);
  assert.equal(a.source, 'in-cluster');
  assert.equal(a.server, 'https://10.96.0.1'); // the default port is implied, as URL writes it
  assert.equal(a.namespace, 'kube-system');
  assert.equal(a.ca, undefined); // no ca.crt: the system roots, as client-go
  assert.ok(a.credentials instanceof TokenFileCredentials);
  assert.deepEqual(await a.credentials.get(), { authorization: 'Bearer sa-token' });

  assert.equal(await resolveKubeAccess('', { env: { KUBERNETES_SERVICE_HOST: '10.96.0.1' }, serviceAccountDir: sa }), null);
  assert.equal(await resolveKubeAccess(undefined, { env: { KUBERNETES_SERVICE_PORT: '443' }, serviceAccountDir: sa }), null);
  assert.equal(await resolveKubeAccess('', { env: { KUBERNETES_SERVICE_HOST: '', KUBERNETES_SERVICE_PORT: '443' }, serviceAccountDir: sa }), null);
  assert.equal(await resolveKubeAccess('', { env: {}, serviceAccountDir: sa }), null);
});

test('a kubeconfig path wins over the in-cluster variables', async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'kc');
  writeFileSync(file, kubeconfigText({ server: 'https://192.0.2.1:6443', user: { token: 't' } }));
  const a = await resolveKubeAccess(file, { env: { KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443' } });
  assert.equal(a?.server, 'https://192.0.2.1:6443');
});

test('IPv6 service host is bracketed; a missing token is a K8S_CONFIG error', async (t) => {
  const sa = serviceAccount(t, { token: 'x' });
  const a = await loadInCluster({ env: { KUBERNETES_SERVICE_HOST: 'fd00::1', KUBERNETES_SERVICE_PORT: '6443' }, serviceAccountDir: sa });
  assert.equal(a.server, 'https://[fd00::1]:6443');
  const empty = serviceAccount(t, {});
  await assert.rejects(
    loadInCluster({ env: { KUBERNETES_SERVICE_HOST: 'h', KUBERNETES_SERVICE_PORT: '1' }, serviceAccountDir: empty }),
    (e: any) => e.id === 'K8S_CONFIG' && e.message.startsWith(`in-cluster: cannot read the token file ${empty}/token`),
  );
});

test('in-cluster end to end: ca.crt verifies the server, the service-account token authenticates', async (t) => {
  const dir = tempDir(t);
  const pki = makePki(dir);
  const srv = await startServer(t, (req, res) => json(res, 200, pod('p')), { key: pki.serverKey, cert: pki.serverCert });
  const sa = serviceAccount(t, { token: 'bound-token', 'ca.crt': pki.ca });
  const a = await loadInCluster({ env: { KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: String(srv.port) }, serviceAccountDir: sa });
  const client = new KubeClient(a);
  t.after(() => client.close());
  await client.getPod('default', 'p');
  assert.equal(srv.seen[0].headers.authorization, 'Bearer bound-token');
});
