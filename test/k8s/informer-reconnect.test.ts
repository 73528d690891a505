// A watch that ends — cleanly (the server's timeout), abruptly (a dropped connection), or because the
// API server is down for a while — is resumed from the last resourceVersion without a re-list, with
// capped backoff while the server refuses connections; nothing that happened meanwhile is missed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeApiServer } from '../support/fake-apiserver/index.ts';
import { KubeClient } from '../../src/k8s/client.ts';
import { Informer } from '../../src/k8s/informer.ts';
import type { Pod } from '../../src/k8s/types.ts';
import { testAccess, until } from './helpers.ts';

test('server closes the watch (cleanly, then abruptly): resume from the last resourceVersion', async (t) => {
  const fake = await startFakeApiServer();
  t.after(() => fake.close());
  fake.createPod({ metadata: { name: 'a', namespace: 'ns' }, spec: { nodeName: 'node1' } });
  const client = new KubeClient(testAccess(fake.url));
  t.after(() => client.close());
  const inf = new Informer<Pod>({ client, path: '/api/v1/pods', fieldSelector: 'spec.nodeName=node1', backoffInitialMs: 20 }).start();
  t.after(() => inf.stop());
  await inf.waitForSync(5000);
  await until(() => fake.openWatches === 1, 5000, 'the first watch');

  fake.createPod({ metadata: { name: 'b', namespace: 'ns' }, spec: { nodeName: 'node1' } });
  await until(() => inf.size === 2, 5000, 'pod b');
  const rvAfterB = inf.resourceVersion;
  fake.closeWatches();
  await until(() => fake.countRequests({ verb: 'watch' }) === 2 && fake.openWatches === 1, 5000, 'the second watch');
  const watches = () => fake.requests.filter((r) => r.verb === 'watch');
  assert.equal(watches()[1].query.resourceVersion, rvAfterB);

  fake.closeWatches({ abrupt: true });
  fake.createPod({ metadata: { name: 'c', namespace: 'ns' }, spec: { nodeName: 'node1' } }); // while disconnected
  await until(() => inf.size === 3, 5000, 'pod c, created during the break');
  assert.equal(watches()[2].query.resourceVersion, rvAfterB);
  assert.equal(inf.stats.lists, 1, 'no re-list');
  assert.equal(inf.stats.reconnects, 2);
});

test('API server down: retries back off (capped), then the watch resumes where it was', async (t) => {
  const fake = await startFakeApiServer();
  t.after(() => fake.close());
  fake.createPod({ metadata: { name: 'a', namespace: 'ns' }, spec: { nodeName: 'node1' } });
  const client = new KubeClient(testAccess(fake.url));
  t.after(() => client.close());
  const failures: number[] = [];
  const inf = new Informer<Pod>({
    client,
    path: '/api/v1/pods',
    fieldSelector: 'spec.nodeName=node1',
    backoffInitialMs: 20,
    backoffMaxMs: 80,
    random: () => 0.5, // no jitter: delays are exactly 20, 40, 80, 80…
    onError: (e: any) => {
      if (e.reason === 'ECONNREFUSED') failures.push(performance.now());
    },
  }).start();
  t.after(() => inf.stop());
  await inf.waitForSync(5000);
  await until(() => fake.openWatches === 1, 5000, 'the watch');

  await fake.down();
  fake.deletePod('ns', 'a');
  fake.createPod({ metadata: { name: 'b', namespace: 'ns' }, spec: { nodeName: 'node1' } });
  await until(() => failures.length >= 5, 5000, 'five refused reconnects');
  const gaps = failures.slice(1).map((x, i) => x - failures[i]);
  assert.ok(gaps[0] >= 15, `first gap ${gaps[0]}`);
  assert.ok(gaps[1] >= 35, `second gap ${gaps[1]}`);
  for (const g of gaps.slice(2)) assert.ok(g >= 70 && g < 1000, `capped gap ${g}`); // 80 ms, plus a loaded machine's slack

  await fake.up();
  await until(() => inf.get('ns', 'b') !== undefined && inf.get('ns', 'a') === undefined, 5000, 'the missed events');
  assert.equal(inf.stats.lists, 1, 'resumed from the resourceVersion, no re-list');
});
