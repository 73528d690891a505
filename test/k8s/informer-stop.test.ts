// stop() leaves nothing behind: no timer, no socket, no pending request — whether the informer is
// watching, backing off against a dead server, or still waiting for its first list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeApiServer } from '../support/fake-apiserver/index.ts';
import { KubeClient } from '../../src/k8s/client.ts';
import { Informer } from '../../src/k8s/informer.ts';
import { testAccess, until } from './helpers.ts';

const handles = () =>
  process
    .getActiveResourcesInfo()
    .filter((r) => r === 'Timeout' || r === 'TCPSocketWrap' || r === 'TCPWRAP')
    .sort()
    .join(',');

test('stop() while watching, while backing off, and before the first list', async (t) => {
  const fake = await startFakeApiServer();
  t.after(() => fake.close());
  fake.createPod({ metadata: { name: 'a', namespace: 'ns' }, spec: { nodeName: 'node1' } });
  const before = handles(); // the fake's listener and whatever the runner holds

  const client = new KubeClient(testAccess(fake.url));
  const watching = new Informer({ client, path: '/api/v1/pods' }).start();
  await watching.waitForSync(5000);
  await until(() => fake.openWatches === 1, 5000, 'the watch');
  const pending = watching.waitForSync(60_000); // resolves at once: already synced
  assert.equal(await pending, true);
  await watching.stop();
  await until(() => fake.openWatches === 0, 5000, 'the watch to close on the server');

  // a second informer against a server that is down: stop during its backoff sleep
  await fake.down();
  const backingOff = new Informer({ client, path: '/api/v1/pods', backoffInitialMs: 10_000 }).start();
  const waiter = backingOff.waitForSync(60_000);
  await new Promise((r) => setTimeout(r, 50));
  await backingOff.stop();
  assert.equal(await waiter, false, 'a waiter is released by stop()');
  await fake.up();

  // a third one stopped while its list is in flight on a server that does not answer
  fake.pause();
  const listing = new Informer({ client, path: '/api/v1/pods' }).start();
  await new Promise((r) => setTimeout(r, 30));
  await listing.stop();
  fake.resume();

  await client.close();
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(handles(), before);
});
