// Objects are trimmed before they are cached: a pod keeps metadata name/namespace/uid/resourceVersion,
// the annotations Multus reads (configurable) and spec.nodeName — no managedFields, spec or status.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeApiServer } from '../support/fake-apiserver/index.ts';
import { KubeClient } from '../../src/k8s/client.ts';
import { Informer } from '../../src/k8s/informer.ts';
import { DEFAULT_POD_ANNOTATIONS, podTrimmer, trimNad } from '../../src/k8s/trim.ts';
import { testAccess, until } from './helpers.ts';

function fatPod(name: string) {
  return {
    metadata: {
      name,
      namespace: 'ns',
      labels: { app: 'x' },
      annotations: {
        'k8s.v1.cni.cncf.io/networks': 'macvlan-conf',
        'v1.multus-cni.io/default-network': 'kube-system/calico',
        'kubernetes.io/config.source': 'api',
        'k8s.v1.cni.cncf.io/network-status': '[{"name":"x"}]',
        'kubectl.kubernetes.io/last-applied-configuration': 'x'.repeat(5000),
      },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u' }],
      managedFields: [{ manager: 'kubectl', operation: 'Update', fieldsV1: { 'f:spec': {} } }],
    },
    spec: { nodeName: 'node1', containers: [{ name: 'c', image: 'busybox' }] },
    status: { phase: 'Running', podIP: '10.0.0.5' },
  };
}

test('the pod informer keeps only what Multus reads', async (t) => {
  const fake = await startFakeApiServer();
  t.after(() => fake.close());
  fake.createPod(fatPod('listed'));
  const client = new KubeClient(testAccess(fake.url));
  t.after(() => client.close());
  const inf = new Informer({ client, path: '/api/v1/pods', fieldSelector: 'spec.nodeName=node1', transform: podTrimmer() }).start();
  t.after(() => inf.stop());
  await inf.waitForSync(5000);
  await until(() => fake.openWatches === 1, 5000, 'the watch');
  fake.createPod(fatPod('watched'));
  await until(() => inf.size === 2, 5000, 'the watched pod');

  for (const name of ['listed', 'watched']) {
    const p = inf.get('ns', name)!;
    const live = fake.getPod('ns', name)!;
    assert.deepEqual(p, {
      metadata: {
        name,
        namespace: 'ns',
        uid: live.metadata.uid,
        resourceVersion: live.metadata.resourceVersion,
        annotations: {
          'k8s.v1.cni.cncf.io/networks': 'macvlan-conf',
          'v1.multus-cni.io/default-network': 'kube-system/calico',
          'kubernetes.io/config.source': 'api',
        },
      },
      spec: { nodeName: 'node1' },
    });
    assert.ok(JSON.stringify(p).length < 400);
  }
});

test('annotation selection is configurable; NADs keep metadata and spec.config only', () => {
  const keepStatus = podTrimmer({ annotations: [...DEFAULT_POD_ANNOTATIONS, 'k8s.v1.cni.cncf.io/network-status'] });
  assert.equal(keepStatus(fatPod('p')).metadata.annotations?.['k8s.v1.cni.cncf.io/network-status'], '[{"name":"x"}]');
  const none = podTrimmer({ annotations: () => false })(fatPod('p'));
  assert.equal(none.metadata.annotations, undefined);

  const nad = trimNad({
    apiVersion: 'k8s.cni.cncf.io/v1',
    kind: 'NetworkAttachmentDefinition',
    metadata: { name: 'sriov', namespace: 'ns', uid: 'u', resourceVersion: '7', annotations: { 'k8s.v1.cni.cncf.io/resourceName': 'intel.com/sriov' }, managedFields: [{}] },
    spec: { config: '{"type":"sriov"}' },
  });
  assert.deepEqual(nad, {
    metadata: { name: 'sriov', namespace: 'ns', uid: 'u', resourceVersion: '7', annotations: { 'k8s.v1.cni.cncf.io/resourceName': 'intel.com/sriov' } },
    spec: { config: '{"type":"sriov"}' },
  });
});
