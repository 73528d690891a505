// A test process that forgets close() still exits: the listener, its connections and the bookmark
// and latency timers never hold the event loop open on their own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const index = fileURLToPath(new URL('../support/fake-apiserver/index.ts', import.meta.url));

test('an unclosed server with a used connection and a cut watch lets the process exit', async () => {
  const script = `
    import { startFakeApiServer } from ${JSON.stringify(index)};
    const api = await startFakeApiServer({ bookmarkIntervalMs: 10 });
    api.createPod({ metadata: { name: 'p' }, spec: {} });
    const r = await fetch(api.url + '/api/v1/namespaces/default/pods/p');
    if (r.status !== 200) process.exit(3);
    await r.text();
    const ac = new AbortController();
    const w = await fetch(api.url + '/api/v1/pods?watch=1&allowWatchBookmarks=true', { signal: ac.signal });
    await w.body.getReader().read();
    ac.abort();
    api.setLatency(50);
    console.log('done');
  `;
  const t0 = Date.now();
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { timeout: 5000 });
  assert.equal(stdout.trim(), 'done');
  assert.ok(Date.now() - t0 < 4000);
});
