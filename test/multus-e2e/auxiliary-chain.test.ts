// The auxiliary chain with real plugins (multus.md §3.4.6): our passthru heads a chain of Debian's
// portmap (no port mappings requested: it passes its prevResult on) after the cluster network; the
// chain runs on net1 with passthru's empty prevResult, and DEL runs it again. Nothing is left.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { linksIn } from '../support/netns.ts';
import { REAL_PLUGIN_DIR, skipUnlessRealPlugins } from '../support/real-plugins.ts';
import { writeExecutable } from '../support/tmp.ts';
import { assertNothingLeaked, makeNode, multusConf } from './harness.ts';

const PASSTHRU = fileURLToPath(new URL('../../src/bin/passthru.ts', import.meta.url));

test('cluster network + auxiliary chain (passthru → portmap) with real plugins: ADD, DEL, nothing left', async (t) => {
  if (skipUnlessRealPlugins(t)) return;
  const node = makeNode(t);
  const pod = node.pod();
  const bin = join(node.dir, 'bin');
  mkdirSync(bin);
  for (const p of readdirSync(REAL_PLUGIN_DIR)) symlinkSync(join(REAL_PLUGIN_DIR, p), join(bin, p));
  writeExecutable(bin, 'passthru', `#!/bin/sh\nexec ${process.execPath} ${PASSTHRU}\n`);
  const cluster = node.clusterNetwork();
  const aux = join(dirname(cluster), 'aux');
  mkdirSync(aux);
  writeFileSync(join(aux, '10-portmap.conf'), '{"type":"portmap","capabilities":{"portMappings":true},"snat":false}');
  const conf = multusConf(node, { binDir: bin, auxiliaryCNIChainName: 'aux' });
  const add = await node.multus('ADD', pod, conf);
  assert.equal(add.code, 0, add.stdout + add.stderr);
  assert.deepEqual(linksIn(pod).map((l) => l.ifname).sort(), ['eth0', 'lo'], 'the chain adds no interface');
  const results = readdirSync(join(node.cniDir, 'results'));
  assert.ok(results.some((f) => f.startsWith('aux-') && f.endsWith('-net1')), `the chain's libcni cache (net1): ${results.join(' ')}`);
  const del = await node.multus('DEL', pod, conf);
  assert.equal(del.code, 0, del.stdout + del.stderr);
  assertNothingLeaked(node, [pod]);
});
