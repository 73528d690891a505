// 410 Gone, as a watch ERROR event or as the watch's HTTP answer: the informer lists again (a
// consistent list) and replaces its store, telling handlers about objects that vanished meanwhile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeApiServer } from '../support/fake-apiserver/index.ts';
import { KubeClient } from '../../src/k8s/client.ts';
import { Informer } from '../../src/k8s/informer.ts';
import type { Pod } from '../../src/k8s/types.ts';
import { testAccess, until } from './helpers.ts';

async function setup(t: any) {
  const fake = await startFakeApiServer();
  t.after(() => fake.close());
  fake.createPod({ metadata: { name: 'stays', namespace: 'ns' }, spec: { nodeName: 'node1' } });
  fake.createPod({ metadata: { name: 'goes', namespace: 'ns' }, spec: { nodeName: 'node1' } });
  const client = new KubeClient(testAccess(fake.url));
  t.after(() => client.close());
  const errors: string[] = [];
  const inf = new Informer<Pod>({
    client,
    path: '/api/v1/pods',
    fieldSelector: 'spec.nodeName=node1',
    backoffInitialMs: 20,
    onError: (e: any) => errors.push(`${e.id ?? e.constructor.name} ${e.status ?? ''}`.trim()),
  });
  t.after(() => inf.stop());
  const events: string[] = [];
  inf.onChange((type, obj) => events.push(`${type} ${obj.metadata.name}`));
  inf.start();
  await inf.waitForSync(5000);
  await until(() => fake.openWatches === 1, 5000, 'the watch');
  return { fake, inf, events, errors };
}

test('ERROR event 410 (history compacted while we were away) → re-list replaces the store', async (t) => {
  const { fake, inf, events } = await setup(t);
  await fake.down(); // the watch breaks; reconnects fail for now
  fake.deletePod('ns', 'goes');
  fake.createPod({ metadata: { name: 'new', namespace: 'ns' }, spec: { nodeName: 'node1' } });
  fake.compactHistory(); // the informer's resourceVersion is now too old
  await fake.up();
  await until(() => inf.stats.relists === 1 && inf.stats.lists === 2, 5000, 'the re-list');
  await until(() => events.length === 4, 5000, 'the events');
  assert.deepEqual(inf.list().map((p) => p.metadata.name).sort(), ['new', 'stays']);
  assert.deepEqual(events, ['add goes', 'add stays', 'delete goes', 'add new']); // lists come sorted by key
  const lists = fake.requests.filter((r) => r.verb === 'list');
  assert.equal(lists[1].query.resourceVersion, undefined); // "": a consistent read, not the cache's "0"
  await until(() => fake.openWatches === 1, 5000, 'the new watch');
  assert.equal(inf.resourceVersion, fake.resourceVersion);
});

test('HTTP 410 on the watch request → re-list', async (t) => {
  const { fake, inf, errors } = await setup(t);
  fake.failNext(1, { status: 410, match: { verb: 'watch' } });
  fake.closeWatches(); // a clean end: the informer watches again at once and meets the 410
  await until(() => inf.stats.relists === 1 && inf.stats.lists === 2, 5000, 'the re-list');
  await until(() => fake.openWatches === 1, 5000, 'the new watch');
  assert.ok(errors.includes('K8S_GONE 410'), errors.join(','));
  fake.createPod({ metadata: { name: 'later', namespace: 'ns' }, spec: { nodeName: 'node1' } });
  await until(() => inf.get('ns', 'later') !== undefined, 5000, 'the pod after the re-list');
});
