// The low-level watch: newline-delimited JSON split anywhere by the network (even inside a UTF-8
// character) is decoded event by event; the stream's end resolves; HTTP errors, a silent connection
// and a throwing handler reject; the caller's signal ends it quietly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KubeClient } from '../../src/k8s/client.ts';
import type { WatchEvent } from '../../src/k8s/types.ts';
import { json, startServer, status, testAccess } from './helpers.ts';

test('events split across chunks, mid-character, are delivered whole', async (t) => {
  const lines = [
    { type: 'ADDED', object: { metadata: { name: 'ünïcødé-pöd', resourceVersion: '5' } } },
    { type: 'MODIFIED', object: { metadata: { name: 'b', resourceVersion: '6', annotations: { x: '日本語' } } } },
    { type: 'BOOKMARK', object: { metadata: { resourceVersion: '9' } } },
  ];
  const bytes = Buffer.from(lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  const srv = await startServer(t, async (req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    for (let i = 0; i < bytes.length; i += 7) {
      res.write(bytes.subarray(i, i + 7)); // 7-byte pieces cut multi-byte characters in half
      await new Promise((r) => setImmediate(r));
    }
    res.end();
  });
  const client = new KubeClient(testAccess(srv.url));
  t.after(() => client.close());
  const got: WatchEvent[] = [];
  await client.watch('/api/v1/pods', { resourceVersion: '4', allowWatchBookmarks: true }, (e) => got.push(e), new AbortController().signal);
  assert.deepEqual(got, lines);
  assert.equal(srv.seen[0].query.get('watch'), 'true');
  assert.equal(srv.seen[0].query.get('resourceVersion'), '4');
  assert.equal(srv.seen[0].query.get('allowWatchBookmarks'), 'true');
});

test('HTTP 410 → K8S_GONE; a silent stream → K8S_TIMEOUT; a throwing handler rejects with its error', async (t) => {
  let mode = 'gone';
  const srv = await startServer(t, (req, res) => {
    if (mode === 'gone') return json(res, 410, status(410, 'Expired', 'too old resource version: 1 (7)'));
    res.writeHead(200, { 'Content-Type': 'application/json' });
    if (mode === 'silent') res.flushHeaders();
    else res.write('{"type":"ADDED","object":{"metadata":{"name":"a"}}}\n');
    // never ends
  });
  const client = new KubeClient(testAccess(srv.url));
  t.after(() => client.close());
  const signal = new AbortController().signal;
  await assert.rejects(client.watch('/api/v1/pods', {}, () => {}, signal), (e: any) => e.id === 'K8S_GONE' && e.status === 410 && e.msg === 'too old resource version: 1 (7)');
  mode = 'silent';
  await assert.rejects(client.watch('/api/v1/pods', {}, () => {}, signal, { idleTimeoutMs: 100 }), (e: any) => e.id === 'K8S_TIMEOUT' && /no data for 100 ms/.test(e.msg));
  mode = 'one';
  await assert.rejects(
    client.watch('/api/v1/pods', {}, () => {
      throw new Error('handler says no');
    }, signal),
    /handler says no/,
  );
});

test('aborting the signal ends the watch without an error', async (t) => {
  const srv = await startServer(t, (req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write('{"type":"ADDED","object":{"metadata":{"name":"a"}}}\n');
  });
  const client = new KubeClient(testAccess(srv.url));
  t.after(() => client.close());
  const ac = new AbortController();
  let n = 0;
  await client.watch('/api/v1/pods', {}, () => {
    n++;
    ac.abort();
  }, ac.signal);
  assert.equal(n, 1);
});
