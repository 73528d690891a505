// cni.md §5.12 case 78: VERSION of every Debian plugin binary equals the table of §4.2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { ProcessExec } from '../../src/cni/exec/index.ts';
import { REAL_PLUGIN_DIR, REAL_PLUGIN_TYPES, skipUnlessRealPlugins } from './real-plugins.ts';

const ALL = '["0.1.0","0.2.0","0.3.0","0.3.1","0.4.0","1.0.0"]';
const EXPECTED: Readonly<Record<string, string>> = {
  bandwidth: '["0.3.0","0.3.1","0.4.0","1.0.0"]',
  firewall: '["0.4.0","1.0.0"]',
  vrf: '["0.3.1","0.4.0","1.0.0"]',
};

test('VERSION output of every binary in /usr/lib/cni matches cni.md §4.2', async (t) => {
  if (skipUnlessRealPlugins(t)) return;
  assert.deepEqual(readdirSync(REAL_PLUGIN_DIR).sort(), [...REAL_PLUGIN_TYPES].sort());
  const ex = new ProcessExec();
  for (const type of REAL_PLUGIN_TYPES) {
    // VERSION touches no network, so it can run on the host as is.
    const r = await ex.exec({ pluginPath: `${REAL_PLUGIN_DIR}/${type}`, stdin: '{"cniVersion":"1.1.0"}', env: { CNI_COMMAND: 'VERSION' } });
    assert.deepEqual(r, { stdout: `{"cniVersion":"1.0.0","supportedVersions":${EXPECTED[type] ?? ALL}}\n`, stderr: '' }, type);
  }
});
