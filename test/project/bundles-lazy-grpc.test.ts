// The shipped bundles leave grpc-js out and load it, the first time a pod has devices, from the chunk
// built beside them in <dist>/node_modules: a dist directory copied anywhere (no node_modules of the
// repository above it) still answers a kubelet PodResources List.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { BASE_OPTIONS, EXTERNAL } from '../../scripts/bundle-options.ts';
import { tempDir } from '../support/tmp.ts';
import { fakeKubelet, podWithDevices } from '../devices/helpers.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

test('dist bundles keep grpc-js out; the lazy chunk beside them serves a device lookup', async (t) => {
  const out = tempDir(t); // under the OS temp dir: no node_modules above it
  execFileSync(process.execPath, [join(ROOT, 'scripts/build.ts'), out], { stdio: 'ignore' });
  for (const b of ['multus-daemon.cjs', 'multus.cjs']) {
    const src = readFileSync(join(out, b), 'utf8');
    // (assert.ok, not match: a failing match would print the whole bundle)
    assert.ok(src.includes('import("@grpc/grpc-js")'), `${b} imports grpc-js at run time`);
    assert.ok(!src.includes('grpc.keepalive_time_ms'), `${b} does not inline grpc-js`);
  }
  // a probe bundled exactly as the entries are, placed in the same dir, calls the real client code
  const probeSrc = join(out, 'probe-entry.ts');
  writeFileSync(probeSrc, `import { listPodResources } from ${JSON.stringify(join(ROOT, 'src/multus/devices/kubelet-client.ts'))};\n`
    + 'listPodResources(process.argv[2]).then((p) => console.log(JSON.stringify(p)), (e) => { console.error(e.message); process.exit(1); });\n');
  await build({ ...BASE_OPTIONS, entryPoints: [probeSrc], outfile: join(out, 'probe.cjs'), external: EXTERNAL });
  const k = await fakeKubelet(t, [podWithDevices('ns', 'p', { 'intel.com/sriov': ['0000:03:02.3'] })]);
  const stdout = await new Promise<string>((resolve, reject) => {
    // async: the fake kubelet answers from this process's event loop
    const c = (process.getBuiltinModule('node:child_process')).execFile(process.execPath, [join(out, 'probe.cjs'), k.socket], { cwd: out }, (e, so, se) => (e ? reject(new Error(`${e.message}: ${se}`)) : resolve(so)));
    void c;
  });
  const pods = JSON.parse(stdout) as Array<{ name: string; containers: Array<{ devices: Array<{ deviceIds: string[] }> }> }>;
  assert.deepEqual(pods.map((p) => [p.name, p.containers[0].devices[0].deviceIds]), [['p', ['0000:03:02.3']]]);
  assert.deepEqual(k.calls, ['List']);
});
