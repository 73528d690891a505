// VERSION, the version flags and the "about" call (no CNI_COMMAND) are answered by the shim itself:
// they must work while the daemon is down and never contact it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildShim, cniEnv, fakeDaemon, runShim } from './helper.ts';

const skip = buildShim();

test('CNI_COMMAND=VERSION, -version/-v/--version and no CNI_COMMAND are local', { skip }, async (t) => {
  const d = await fakeDaemon(t);
  const version = await runShim({ env: cniEnv(d.socket, { CNI_COMMAND: 'VERSION' }), stdin: '{"cniVersion":"1.0.0"}' });
  assert.equal(version.code, 0);
  assert.deepEqual(JSON.parse(version.stdout), {
    cniVersion: '1.1.0',
    supportedVersions: ['0.1.0', '0.2.0', '0.3.0', '0.3.1', '0.4.0', '1.0.0', '1.1.0'],
  });

  for (const flag of ['-version', '-v', '--version']) {
    const r = await runShim({ env: cniEnv(d.socket), args: [flag] });
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^multus-shim: version:\d+\.\d+\.\d+\n$/);
  }

  const abouts: Record<string, string>[] = [{ PATH: '/bin' }, { CNI_COMMAND: '', MULTUS_SHIM_SOCKET: d.socket }];
  for (const env of abouts) {
    const about = await runShim({ env });
    assert.equal(about.code, 0);
    assert.equal(about.stdout, '');
    assert.match(about.stderr, /multus-shim .*CNI protocol versions supported: 0\.1\.0.*1\.1\.0/);
  }
  assert.equal(d.requests.length, 0);
});

test('VERSION works with no daemon anywhere', { skip }, async () => {
  const r = await runShim({ env: cniEnv('/nonexistent/multus.sock', { CNI_COMMAND: 'VERSION' }) });
  assert.equal(r.code, 0);
  assert.equal(JSON.parse(r.stdout).cniVersion, '1.1.0');
});
