// username/password users send Basic auth; `as` / `as-groups` / `as-uid` / `as-user-extra` become the
// impersonation headers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadKubeconfig } from '../../src/k8s/kubeconfig.ts';
import { KubeClient } from '../../src/k8s/client.ts';
import { tempDir } from '../support/tmp.ts';
import { json, pod, startServer } from './helpers.ts';

test('basic auth and impersonation headers', async (t) => {
  const srv = await startServer(t, (req, res) => json(res, 200, pod('p')));
  const dir = tempDir(t);
  const file = path.join(dir, 'kubeconfig');
  writeFileSync(
    file,
    `apiVersion: v1
clusters:
- cluster:
    server: ${srv.url}
  name: c
contexts:
- context:
    cluster: c
    user: admin
  name: ctx
current-context: ctx
users:
- name: admin
  user:
    username: admin
    password: 'p@ss: word'
    as: system:serviceaccount:kube-system:multus
    as-groups:
    - system:serviceaccounts
    - system:authenticated
    as-uid: "1234"
    as-user-extra:
      scopes.example/x:
      - a
`,
  );
  const client = new KubeClient(await loadKubeconfig(file));
  t.after(() => client.close());
  await client.getPod('default', 'p');
  const h = srv.seen[0].headers;
  assert.equal(h.authorization, `Basic ${Buffer.from('admin:p@ss: word').toString('base64')}`);
  assert.equal(h['impersonate-user'], 'system:serviceaccount:kube-system:multus');
  assert.equal(h['impersonate-group'], 'system:serviceaccounts, system:authenticated');
  assert.equal(h['impersonate-uid'], '1234');
  assert.equal(h['impersonate-extra-scopes.example%2fx'], 'a');
});
