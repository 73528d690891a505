// Client-certificate users against a real TLS server that requires them, with a CA made by openssl
// for this test: files (relative paths), inline -data, tls-server-name, and a CA that does not match.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { loadKubeconfig } from '../../src/k8s/kubeconfig.ts';
import { KubeClient } from '../../src/k8s/client.ts';
import { tempDir } from '../support/tmp.ts';
import { json, kubeconfigText, makePki, pod, startServer } from './helpers.ts';

async function certServer(t: any, pki: ReturnType<typeof makePki>, cert = pki.serverCert) {
  return startServer(
    t,
    (req, res) => {
      // what the API server's x509 authenticator would read: the verified peer certificate's subject
      const peer = (res.socket as TLSSocket).getPeerCertificate();
      json(res, 200, { ...pod('p'), seenBy: `${peer.subject.O}/${peer.subject.CN}` });
    },
    { key: pki.serverKey, cert, ca: pki.ca, requestCert: true },
  );
}

test('client-certificate / client-key / certificate-authority files, relative to the kubeconfig', async (t) => {
  const dir = tempDir(t);
  const pki = makePki(dir);
  const srv = await certServer(t, pki);
  const file = path.join(dir, 'kubeconfig');
  writeFileSync(
    file,
    kubeconfigText({
      server: srv.url,
      cluster: { 'certificate-authority': 'ca.crt' },
      user: { 'client-certificate': 'client.crt', 'client-key': './client.key' },
    }),
  );
  const client = new KubeClient(await loadKubeconfig(file));
  t.after(() => client.close());
  const p = (await client.getPod('default', 'p')) as any;
  assert.equal(p.seenBy, 'system:nodes/system:node:node1');
});

test('-data fields, and tls-server-name when the server certificate does not name the address', async (t) => {
  const dir = tempDir(t);
  const pki = makePki(dir);
  // this server's certificate names only kube.test: reaching it at 127.0.0.1 needs tls-server-name
  const srv = await certServer(t, pki, pki.kubeTestCert);
  const b64 = (f: string) => readFileSync(f).toString('base64');
  const file = path.join(dir, 'kubeconfig');
  const without = kubeconfigText({
    server: srv.url,
    cluster: { 'certificate-authority-data': b64(pki.caPath) },
    user: { 'client-certificate-data': b64(pki.clientCertPath), 'client-key-data': b64(pki.clientKeyPath) },
  });
  writeFileSync(file, without);
  const mismatch = new KubeClient(await loadKubeconfig(file));
  t.after(() => mismatch.close());
  await assert.rejects(mismatch.getPod('default', 'p'), (e: any) => e.status === 0 && e.reason === 'ERR_TLS_CERT_ALTNAME_INVALID');
  writeFileSync(
    file,
    kubeconfigText({
      server: srv.url,
      cluster: { 'certificate-authority-data': b64(pki.caPath), 'tls-server-name': 'kube.test' },
      user: { 'client-certificate-data': b64(pki.clientCertPath), 'client-key-data': b64(pki.clientKeyPath) },
    }),
  );
  const access = await loadKubeconfig(file);
  assert.equal(access.tlsServerName, 'kube.test');
  const client = new KubeClient(access);
  t.after(() => client.close());
  const p = (await client.getPod('default', 'p')) as any;
  assert.equal(p.seenBy, 'system:nodes/system:node:node1');
});

test('a CA that did not sign the server certificate fails the call; insecure-skip-tls-verify does not check', async (t) => {
  const dir = tempDir(t);
  const pki = makePki(dir);
  const srv = await certServer(t, pki);
  const file = path.join(dir, 'kubeconfig');
  writeFileSync(
    file,
    kubeconfigText({
      server: srv.url,
      cluster: { 'certificate-authority': pki.otherCaPath },
      user: { 'client-certificate': pki.clientCertPath, 'client-key': pki.clientKeyPath },
    }),
  );
  const bad = new KubeClient(await loadKubeconfig(file));
  t.after(() => bad.close());
  await assert.rejects(bad.getPod('default', 'p'), (e: any) => e.id === 'K8S_API' && e.status === 0 && /self[- ]signed|unable to verify|SELF_SIGNED|certificate/i.test(e.message));

  writeFileSync(
    file,
    kubeconfigText({
      server: srv.url,
      cluster: { 'insecure-skip-tls-verify': true },
      user: { 'client-certificate': pki.clientCertPath, 'client-key': pki.clientKeyPath },
    }),
  );
  const insecure = new KubeClient(await loadKubeconfig(file));
  t.after(() => insecure.close());
  assert.equal(((await insecure.getPod('default', 'p')) as any).seenBy, 'system:nodes/system:node:node1');
});
