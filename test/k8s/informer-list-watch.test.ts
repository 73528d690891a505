// The informer lists node-scoped pods, then watches from the list's resourceVersion with bookmarks:
// ADDED/MODIFIED/DELETED reach the store and the handlers; bookmarks move the resourceVersion on even
// when nothing on this node changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeApiServer } from '../support/fake-apiserver/index.ts';
import { KubeClient } from '../../src/k8s/client.ts';
import { Informer } from '../../src/k8s/informer.ts';
import type { Pod } from '../../src/k8s/types.ts';
import { testAccess, until } from './helpers.ts';

test('list + watch + bookmarks, node-scoped', async (t) => {
  const fake = await startFakeApiServer({ bookmarkIntervalMs: 40 });
  t.after(() => fake.close());
  fake.createPod({ metadata: { name: 'a', namespace: 'ns1' }, spec: { nodeName: 'node1' } });
  fake.createPod({ metadata: { name: 'b', namespace: 'ns2' }, spec: { nodeName: 'node1' } });
  fake.createPod({ metadata: { name: 'other', namespace: 'ns1' }, spec: { nodeName: 'node2' } });
  const client = new KubeClient(testAccess(fake.url));
  t.after(() => client.close());
  const inf = new Informer<Pod>({ client, path: '/api/v1/pods', fieldSelector: 'spec.nodeName=node1' });
  t.after(() => inf.stop());
  const events: string[] = [];
  inf.onChange((type, obj) => events.push(`${type} ${obj.metadata.namespace}/${obj.metadata.name}`));

  assert.equal(inf.hasSynced(), false);
  inf.start();
  assert.equal(await inf.waitForSync(5000), true);
  assert.equal(inf.hasSynced(), true);
  assert.deepEqual(inf.list().map((p) => p.metadata.name).sort(), ['a', 'b']);
  assert.equal(inf.get('ns1', 'a')?.spec?.nodeName, 'node1');
  assert.equal(inf.get('ns1', 'other'), undefined);

  const list = fake.requests.find((r) => r.verb === 'list')!;
  assert.equal(list.query.fieldSelector, 'spec.nodeName=node1');
  assert.equal(list.query.resourceVersion, '0'); // served from the watch cache, cheap for the API server
  await until(() => fake.openWatches === 1, 5000, 'the watch');
  const watch = fake.requests.find((r) => r.verb === 'watch')!;
  assert.equal(watch.query.allowWatchBookmarks, 'true');
  assert.equal(watch.query.fieldSelector, 'spec.nodeName=node1');
  assert.equal(watch.query.resourceVersion, inf.resourceVersion);
  assert.ok(Number(watch.query.timeoutSeconds) >= 300 && Number(watch.query.timeoutSeconds) < 600);

  fake.createPod({ metadata: { name: 'c', namespace: 'ns1' }, spec: { nodeName: 'node1' } });
  fake.patchPod('ns1', 'a', { metadata: { annotations: { 'k8s.v1.cni.cncf.io/networks': 'net1' } } });
  fake.deletePod('ns2', 'b');
  await until(() => events.length === 5, 5000, 'three events');
  assert.deepEqual(events, ['add ns1/a', 'add ns2/b', 'add ns1/c', 'update ns1/a', 'delete ns2/b']);
  assert.equal(inf.get('ns1', 'a')?.metadata.annotations?.['k8s.v1.cni.cncf.io/networks'], 'net1');
  assert.equal(inf.get('ns2', 'b'), undefined);
  assert.equal(inf.resourceVersion, fake.resourceVersion);

  // writes on another node never reach this watch; the bookmarks still carry the resourceVersion on,
  // so a reconnect would not resume from far behind (and meet 410)
  fake.createPod({ metadata: { name: 'x1', namespace: 'ns1' }, spec: { nodeName: 'node2' } });
  fake.createPod({ metadata: { name: 'x2', namespace: 'ns1' }, spec: { nodeName: 'node2' } });
  await until(() => inf.resourceVersion === fake.resourceVersion, 5000, 'a bookmark');
  assert.equal(events.length, 5);
  assert.equal(inf.stats.lists, 1);
  assert.equal(inf.stats.watches, 1);
});

test('NADs of every namespace, and waitForSync gives up after its timeout', async (t) => {
  const fake = await startFakeApiServer();
  t.after(() => fake.close());
  fake.createNad('ns1', 'macvlan', '{"cniVersion":"1.0.0","type":"macvlan"}');
  fake.createNad('ns2', 'from-file', undefined);
  const client = new KubeClient(testAccess(fake.url));
  t.after(() => client.close());

  fake.pause();
  const inf = new Informer({ client, path: '/apis/k8s.cni.cncf.io/v1/network-attachment-definitions' }).start();
  t.after(() => inf.stop());
  assert.equal(await inf.waitForSync(50), false);
  fake.resume();
  assert.equal(await inf.waitForSync(5000), true);
  assert.deepEqual(inf.list().map((n) => `${n.metadata?.namespace}/${n.metadata?.name}`).sort(), ['ns1/macvlan', 'ns2/from-file']);
});
