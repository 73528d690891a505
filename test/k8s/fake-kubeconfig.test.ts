// End to end with the shared fake over HTTPS: the kubeconfig it writes (the Multus thin entrypoint's
// shape) loads through our fast YAML path; a token rotated on the server and in the tokenFile is
// picked up after the 401 without a restart (multus.md §7.5: "error waiting for pod: Unauthorized").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startFakeApiServer } from '../support/fake-apiserver/index.ts';
import { loadKubeconfig } from '../../src/k8s/kubeconfig.ts';
import { KubeClient } from '../../src/k8s/client.ts';
import { parseYamlLite, UNSUPPORTED } from '../../src/k8s/yaml-lite.ts';
import { tempDir } from '../support/tmp.ts';

test('HTTPS + CA data + token; then tokenFile rotation', async (t) => {
  const fake = await startFakeApiServer({ https: true, token: 'token-1' });
  t.after(() => fake.close());
  fake.createPod({ metadata: { name: 'p', namespace: 'default' } });
  const dir = tempDir(t);

  const inline = await fake.writeKubeconfig(path.join(dir, 'inline.kubeconfig'));
  assert.notEqual(parseYamlLite(readFileSync(inline, 'utf8')), UNSUPPORTED, 'the fast path reads it');
  const c1 = new KubeClient(await loadKubeconfig(inline));
  t.after(() => c1.close());
  assert.equal((await c1.getPod('default', 'p')).metadata.name, 'p');

  const tokenFile = path.join(dir, 'token');
  const byFile = await fake.writeKubeconfig(path.join(dir, 'file.kubeconfig'), { tokenFile, caFile: path.join(dir, 'ca.crt') });
  const c2 = new KubeClient(await loadKubeconfig(byFile));
  t.after(() => c2.close());
  await c2.getPod('default', 'p');

  // the token is rotated: the server accepts only the new one, and the file already holds it
  fake.setToken('token-2');
  writeFileSync(tokenFile, 'token-2');
  fake.clearRequests();
  assert.equal((await c2.getPod('default', 'p')).metadata.name, 'p');
  assert.deepEqual(fake.requests.map((r) => r.status), [401, 200]);
  // the inline token cannot be refreshed: it stays refused
  await assert.rejects(c1.getPod('default', 'p'), (e: any) => e.id === 'K8S_FORBIDDEN' && e.status === 401);
});
