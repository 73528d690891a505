// Every kubeconfig problem is a K8S_CONFIG error naming the file and the field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadKubeconfig } from '../../src/k8s/kubeconfig.ts';
import { tempDir } from '../support/tmp.ts';
import { kubeconfigText } from './helpers.ts';

async function fails(t: any, text: string, expected: string | RegExp, opts = {}) {
  const dir = tempDir(t);
  const file = path.join(dir, 'kc');
  writeFileSync(file, text);
  await assert.rejects(loadKubeconfig(file, opts), (e: any) => {
    assert.equal(e.id, 'K8S_CONFIG');
    assert.equal(e.code, 7);
    const want = typeof expected === 'string' ? expected.replaceAll('FILE', file) : expected;
    if (typeof want === 'string') assert.equal(e.message, want);
    else assert.match(e.message, want);
    return true;
  });
}

const base = { server: 'https://10.0.0.1:6443' };

test('missing context, cluster, user, current-context', async (t) => {
  await fails(t, kubeconfigText(base), 'kubeconfig FILE: context "a" not found', { context: 'a' });
  await fails(t, kubeconfigText(base).replace('cluster: c1', 'cluster: zz'), 'kubeconfig FILE: cluster "zz" (of context "test") not found');
  await fails(t, kubeconfigText(base).replace('user: u1', 'user: zz'), 'kubeconfig FILE: user "zz" (of context "test") not found');
  await fails(t, kubeconfigText(base).replace('current-context: test', ''), 'kubeconfig FILE: current-context is not set and no context was given');
});

test('unreadable file, bad YAML, not a mapping', async (t) => {
  await assert.rejects(loadKubeconfig('/nonexistent/kc'), /^CniError: kubeconfig \/nonexistent\/kc: cannot read: ENOENT/);
  await assert.rejects(loadKubeconfig('/nonexistent/kc'), (e: any) => e.id === 'K8S_CONFIG');
  await fails(t, 'clusters: [\n', /^kubeconfig .*\/kc: invalid YAML: /);
  await fails(t, '- a\n- b\n', 'kubeconfig FILE: not a kubeconfig (the top level is not a mapping)');
});

test('field problems name the field', async (t) => {
  await fails(t, kubeconfigText({ server: '' }), 'kubeconfig FILE: clusters["c1"].cluster.server is not set');
  await fails(t, kubeconfigText({ server: 'ftp://x' }), 'kubeconfig FILE: clusters["c1"].cluster.server: server URL "ftp://x" must be http or https');
  await fails(t, kubeconfigText({ ...base, cluster: { 'certificate-authority': 'missing-ca.crt' } }), /^kubeconfig .*: clusters\["c1"\]\.cluster\.certificate-authority: cannot read .*missing-ca\.crt: ENOENT/);
  await fails(t, kubeconfigText({ ...base, cluster: { 'certificate-authority': 'a', 'certificate-authority-data': 'Zm9v' } }), 'kubeconfig FILE: clusters["c1"].cluster: certificate-authority and certificate-authority-data are both set');
  await fails(t, kubeconfigText({ ...base, cluster: { 'insecure-skip-tls-verify': 'yes' } }), 'kubeconfig FILE: clusters["c1"].cluster.insecure-skip-tls-verify must be true or false');
  await fails(t, kubeconfigText({ ...base, cluster: { 'proxy-url': 'http://proxy:3128' } }), 'kubeconfig FILE: clusters["c1"].cluster.proxy-url is not supported (connect to the API server directly)');
  await fails(t, kubeconfigText({ ...base, user: { token: 42 } }), 'kubeconfig FILE: users["u1"].user.token must be a string');
  await fails(t, kubeconfigText({ ...base, user: { token: 't', username: 'u', password: 'p' } }), 'kubeconfig FILE: users["u1"].user: username/password and a bearer token cannot both be set');
  await fails(t, kubeconfigText({ ...base, user: { 'client-certificate-data': 'Zm9v' } }), 'kubeconfig FILE: users["u1"].user: client-certificate and client-key must be set together');
  await fails(t, kubeconfigText({ ...base, user: { tokn: 'typo' } }), 'kubeconfig FILE: users["u1"].user.tokn is not supported');
});

test('exec and auth-provider users are refused by name when client-node may not be loaded', async (t) => {
  await fails(
    t,
    kubeconfigText({ ...base, user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: 'aws' } } }),
    'kubeconfig FILE: users["u1"].user.exec credentials are not supported here (only token, tokenFile, client certificates and basic auth)',
    { allowClientNode: false },
  );
  await fails(
    t,
    kubeconfigText({ ...base, user: { 'auth-provider': { name: 'oidc', config: {} } } }),
    /users\["u1"\]\.user\.auth-provider credentials are not supported here/,
    { allowClientNode: false },
  );
});
