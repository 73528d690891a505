// Bad input to cnitool gets a CNI error object on stdout (with its code), exit 1, a message naming the
// file or field, and changes no state: no cache file, no reservation, no link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createNodeNs, createPodNs, linksIn, podNetnsPath, uniqueIfName } from '../support/netns.ts';
import { REAL_PLUGIN_DIR, skipUnlessRealPlugins } from '../support/real-plugins.ts';
import { tempDir } from '../support/tmp.ts';
import { cnitool } from './cnitool-run.ts';

test('each kind of bad input fails cleanly and changes nothing', async (t) => {
  if (skipUnlessRealPlugins(t)) return;
  const node = createNodeNs(t);
  const pod = createPodNs(t);
  const dir = tempDir(t);
  const confs = join(dir, 'net.d');
  mkdirSync(confs);
  const dataDir = join(dir, 'ipam');
  const bridge = uniqueIfName('mtb');
  const good = { cniVersion: '1.0.0', name: 'good', type: 'bridge', bridge, ipam: { type: 'host-local', subnet: '10.254.80.0/24', dataDir } };
  writeFileSync(join(confs, '20-good.conf'), JSON.stringify(good));
  writeFileSync(join(confs, '30-missing.conf'), JSON.stringify({ ...good, name: 'missing-plugin', type: 'no-such-plugin' }));
  writeFileSync(join(confs, '40-v11.conflist'), JSON.stringify({ cniVersion: '1.1.0', name: 'v11', plugins: [{ ...good, name: undefined }] }));
  const env = { NETCONFPATH: confs, CNI_PATH: REAL_PLUGIN_DIR, CNI_CACHE_DIR: join(dir, 'cache') };
  const netns = podNetnsPath(pod);

  const cases: Array<{ args: string[]; env?: Record<string, string>; code: number; msg: RegExp; write?: () => void }> = [
    { args: ['add', 'good'], code: 4, msg: /network name and namespace are required/ },
    { args: ['frob', 'good', netns], code: 4, msg: /unknown command "frob"/ },
    { args: ['add', 'nope', netns], code: 7, msg: /no net configuration with name "nope" in/ },
    { args: ['add', 'missing-plugin', netns], code: 7, msg: /plugin type="no-such-plugin" name="missing-plugin" failed \(add\): failed to find plugin "no-such-plugin" in path \[\/usr\/lib\/cni\]/ },
    { args: ['add', 'good', netns], env: { CNI_CONTAINERID: 'bad/id' }, code: 4, msg: /invalid characters in containerID/ },
    { args: ['add', 'good', netns, '-i', 'eth0123456789abcd'], code: 4, msg: /interface name is too long/ },
    { args: ['add', 'good', netns], env: { CAP_ARGS: '{"mac":' }, code: 4, msg: /CAP_ARGS is not valid JSON/ },
    { args: ['add', 'good', netns], env: { CNI_ARGS: 'K8S_POD_NAME:x' }, code: 4, msg: /invalid CNI_ARGS pair "K8S_POD_NAME:x"/ },
    // the Debian plugins stop at 1.0.0: a 1.1.0 list fails in the plugin with code 1, as libcni does
    { args: ['add', 'v11', netns], code: 1, msg: /plugin type="bridge" failed \(add\): incompatible CNI versions/ },
    // an unparsable file aborts loading and is named
    { args: ['add', 'good', netns], code: 6, msg: /10-broken\.conflist: error parsing configuration list/, write: () => writeFileSync(join(confs, '10-broken.conflist'), '{"name":') },
  ];
  for (const c of cases) {
    c.write?.();
    const r = await cnitool(node, c.args.map((a) => a), { ...env, ...c.env });
    assert.equal(r.code, 1, `${c.args.join(' ')}: exit status`);
    const err = JSON.parse(r.stdout) as { code: number; msg: string; details?: string };
    assert.equal(err.code, c.code, `${c.args.join(' ')}: ${r.stdout}`);
    assert.match(`${err.msg}; ${err.details ?? ''}`, c.msg);
    assert.match(r.stderr, /^cnitool: /);
  }
  assert.equal(existsSync(join(dir, 'cache')), false, 'no cache written');
  assert.equal(existsSync(join(dataDir, 'good')), false, 'no reservation made');
  assert.deepEqual(linksIn(pod).map((l) => l.ifname), ['lo']);
  assert.equal(linksIn(node).some((l) => l.ifname.startsWith('veth')), false);
  assert.deepEqual(readdirSync(confs).sort(), ['10-broken.conflist', '20-good.conf', '30-missing.conf', '40-v11.conflist']);
});
