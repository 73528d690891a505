// An exec credential plugin user: the only case that loads @kubernetes/client-node, lazily, to run the
// plugin; the token it prints is what our client sends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadKubeconfig } from '../../src/k8s/kubeconfig.ts';
import { KubeClient } from '../../src/k8s/client.ts';
import { tempDir, writeExecutable } from '../support/tmp.ts';
import { json, kubeconfigText, pod, startServer } from './helpers.ts';

test('exec user: the plugin runs through client-node and its token authenticates the call', async (t) => {
  const srv = await startServer(t, (req, res) => json(res, 200, pod('p')));
  const dir = tempDir(t);
  const plugin = writeExecutable(
    dir,
    'cred-plugin',
    `#!/bin/sh
echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"from-exec-'"$CRED_SUFFIX"'"}}'
`,
  );
  const file = path.join(dir, 'kubeconfig');
  writeFileSync(
    file,
    kubeconfigText({
      server: srv.url,
      user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: plugin, env: [{ name: 'CRED_SUFFIX', value: 'x1' }], interactiveMode: 'Never' } },
    }),
  );
  const access = await loadKubeconfig(file);
  assert.match(access.credentials.describe, /client-node credentials of kubeconfig .*users\["u1"\]\.user\.exec/);
  const client = new KubeClient(access);
  t.after(() => client.close());
  await client.getPod('default', 'p');
  assert.equal(srv.seen[0].headers.authorization, 'Bearer from-exec-x1');
});
