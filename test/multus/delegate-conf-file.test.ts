import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfListFile } from '../../src/cni/config/index.ts';
import { delegateConfFromLoadedFile } from '../../src/multus/delegate-conf.ts';
import { tempDir } from '../support/tmp.ts';

test('a .conf file gives its own text; a .conflist its text, plus sibling-folder plugins', async (t) => {
  const dir = tempDir(t);
  const conf = '{ "cniVersion":"0.3.1", "name":"net1", "type":"mynet", "n": 12345678901234567890 }\n';
  writeFileSync(path.join(dir, '10-net1.conf'), conf);
  assert.equal(delegateConfFromLoadedFile(await loadConfListFile(path.join(dir, '10-net1.conf'))), conf);

  const list = '{"cniVersion":"0.3.1","name":"k8s-pod-network","plugins":[{"type":"calico","datastore_type":"kubernetes"},{"type":"portmap","snat":true}]}';
  writeFileSync(path.join(dir, '10-calico.conflist'), list);
  assert.equal(delegateConfFromLoadedFile(await loadConfListFile(path.join(dir, '10-calico.conflist'))), list);

  mkdirSync(path.join(dir, 'k8s-pod-network'));
  writeFileSync(path.join(dir, 'k8s-pod-network', 'tuning.conf'), '{"type":"tuning","sysctl":{"net.core.somaxconn":"500"}}');
  const out = delegateConfFromLoadedFile(await loadConfListFile(path.join(dir, '10-calico.conflist')));
  assert.equal(out, '{"cniVersion":"0.3.1","name":"k8s-pod-network","plugins":[{"type":"calico","datastore_type":"kubernetes"},{"type":"portmap","snat":true},{"type":"tuning","sysctl":{"net.core.somaxconn":"500"}}]}');
});
