// The Kubernetes flavour of the harness: a fake API server reachable from the node namespace, its
// kubeconfig, the NADs, and the pod with its networks annotation.
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { startFakeApiServer, type FakeApiServer } from '../support/fake-apiserver/index.ts';
import { bridgeTcpIntoNetns } from '../support/netns-tcp-bridge.ts';
import type { Node } from './harness.ts';

export interface KubeEnv {
  readonly api: FakeApiServer;
  readonly kubeconfig: string;
}

export async function kubeEnv(t: TestContext, node: Node, nads: Record<string, string>, podAnnotations: Record<string, string>): Promise<KubeEnv> {
  const api = await startFakeApiServer();
  t.after(() => api.close());
  await bridgeTcpIntoNetns(t, node.ns, api.port);
  const kubeconfig = await api.writeKubeconfig(join(node.dir, 'kubeconfig'));
  for (const [name, config] of Object.entries(nads)) api.createNad('test', name, config);
  api.createPod({ metadata: { name: 'testpod', namespace: 'test', uid: 'uid-1', annotations: podAnnotations }, spec: { nodeName: 'n1' } });
  return { api, kubeconfig };
}
