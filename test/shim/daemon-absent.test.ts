// No daemon (no socket, a socket nobody listens on, a path that is not a socket, a dir we may not
// enter) fails EVERY command, DEL included, with code 11: the runtime keeps the sandbox and retries,
// instead of forgetting it as Multus' shim does on DEL (which leaks the pod's IPs).
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../support/tmp.ts';
import { buildShim, cniEnv, cniError, CONFIG, runShim } from './helper.ts';

const skip = buildShim();
const DETAILS = 'is the multus-daemon running on this node? The runtime retries; pods do not start with only the primary network while it is down.';

test('daemon absent: code 11 for ADD, DEL, CHECK, GC and STATUS', { skip }, async (t) => {
  const dir = tempDir(t, 'mts-shim-');
  const socket = path.join(dir, 'multus.sock');
  for (const cmd of ['ADD', 'DEL', 'CHECK', 'GC', 'STATUS']) {
    const r = await runShim({ env: cniEnv(socket, { CNI_COMMAND: cmd, MULTUS_SHIM_CONNECT_TIMEOUT_MS: '0' }), stdin: CONFIG });
    assert.equal(r.code, 1, cmd);
    assert.deepEqual(JSON.parse(r.stdout), {
      code: 11,
      msg: `multus-ts daemon not reachable at ${socket}: No such file or directory`,
      details: DETAILS,
    });
  }
});

test('the default connect timeout retries for about 1 s, then gives up', { skip }, async (t) => {
  const socket = path.join(tempDir(t, 'mts-shim-'), 'multus.sock');
  const r = await runShim({ env: cniEnv(socket, { CNI_COMMAND: 'DEL' }), stdin: CONFIG });
  assert.equal(cniError(r.stdout).code, 11);
  assert.ok(r.ms >= 950 && r.ms < 3000, `took ${r.ms} ms`);
});

test('not a socket → ECONNREFUSED; socket dir not searchable → EACCES (non-root)', { skip }, async (t) => {
  const dir = tempDir(t, 'mts-shim-');
  const file = path.join(dir, 'multus.sock');
  writeFileSync(file, '');
  let r = await runShim({ env: cniEnv(file, { MULTUS_SHIM_CONNECT_TIMEOUT_MS: '0' }), stdin: CONFIG });
  assert.equal(r.code, 1);
  assert.equal(cniError(r.stdout).msg, `multus-ts daemon not reachable at ${file}: Connection refused`);

  const long = path.join(dir, 'd'.repeat(120), 'multus.sock');
  r = await runShim({ env: cniEnv(long, { MULTUS_SHIM_CONNECT_TIMEOUT_MS: '0' }), stdin: CONFIG });
  assert.equal(cniError(r.stdout).msg, `multus-ts daemon not reachable at ${long}: File name too long`);

  if (process.getuid?.() === 0) {
    // root ignores permissions, so run the shim as nobody against a 0700 dir.
    const locked = path.join(dir, 'locked');
    mkdirSync(locked, { mode: 0o700 });
    const sock = path.join(locked, 'multus.sock');
    r = await runShim({
      env: cniEnv(sock, { MULTUS_SHIM_CONNECT_TIMEOUT_MS: '0' }),
      stdin: CONFIG,
      wrapper: ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'],
    });
    assert.equal(cniError(r.stdout).msg, `multus-ts daemon not reachable at ${sock}: Permission denied`);
  }
});
