// Issue 8's design decision for the Kubernetes layer, by measurement: what each way of talking to the
// API costs a fresh Node process in import time and memory (VmRSS / VmHWM from /proc/self/status).
//   (a) @kubernetes/client-node in full (KubeConfig + generated CoreV1Api),
//   (b) only client-node's KubeConfig, deep-imported from dist/config.js, plus node:https for the call,
//   (c) our src/k8s (own kubeconfig loader + small client over node:https), as TS source and bundled.
// Each child loads the same kubeconfig (token user, CA file) and GETs one pod from a local HTTPS server;
// the "daemon" rows also run an informer over 110 realistic pods (kubelet's default max) and report
// RSS after a GC once synced: the daemon's idle figure (target ≤ 50 MB, issue 8).
//   usage: node bench/k8s-client-memory.ts [runs=5]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { summarize, table } from './lib/stats.ts';

const runs = Number(process.argv[2] ?? 5);
const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'mts-k8sbench-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

// --- a local HTTPS "API server" with its own CA -------------------------------------------------
function openssl(args: string[]): void {
  const r = spawnSync('/usr/bin/openssl', args, { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
}
openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=bench-ca']);
openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost']);
writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
openssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '2', '-extfile', 'san.ext']);

/** A pod as kube-apiserver returns it: managedFields, a container spec, status conditions (~5 KB). */
function fatPod(i: number): object {
  const name = `app-${i}-7d9f8b6c5d-x${i.toString(36)}`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: `ns-${i % 7}`,
      uid: `6f1c2a3b-0000-4000-8000-${String(i).padStart(12, '0')}`,
      resourceVersion: String(1000 + i),
      creationTimestamp: '2026-11-24T10:00:00Z',
      generateName: `app-${i}-7d9f8b6c5d-`,
      labels: { app: `app-${i}`, 'pod-template-hash': '7d9f8b6c5d', tier: 'backend' },
      annotations: {
        'k8s.v1.cni.cncf.io/networks': 'macvlan-conf,sriov-net',
        'k8s.v1.cni.cncf.io/network-status': JSON.stringify([{ name: 'cbr0', interface: 'eth0', ips: [`10.244.1.${i % 250}`], default: true, dns: {} }], null, 4),
        'kubectl.kubernetes.io/restartedAt': '2026-11-24T09:59:00Z',
      },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `app-${i}-7d9f8b6c5d`, uid: 'ab', controller: true, blockOwnerDeletion: true }],
      managedFields: [
        { manager: 'kube-controller-manager', operation: 'Update', apiVersion: 'v1', time: '2026-11-24T10:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': { 'f:generateName': {}, 'f:labels': { '.': {}, 'f:app': {}, 'f:pod-template-hash': {} }, 'f:ownerReferences': { '.': {}, 'k:{"uid":"ab"}': {} } }, 'f:spec': { 'f:containers': { 'k:{"name":"app"}': { '.': {}, 'f:image': {}, 'f:imagePullPolicy': {}, 'f:name': {}, 'f:ports': {}, 'f:resources': {} } }, 'f:dnsPolicy': {}, 'f:restartPolicy': {} } } },
        { manager: 'kubelet', operation: 'Update', apiVersion: 'v1', time: '2026-11-24T10:00:05Z', fieldsType: 'FieldsV1', subresource: 'status', fieldsV1: { 'f:status': { 'f:conditions': { 'k:{"type":"Ready"}': { '.': {}, 'f:lastProbeTime': {}, 'f:status': {}, 'f:type': {} } }, 'f:containerStatuses': {}, 'f:hostIP': {}, 'f:phase': {}, 'f:podIP': {}, 'f:podIPs': {}, 'f:startTime': {} } } },
      ],
    },
    spec: {
      nodeName: 'node1',
      containers: [{ name: 'app', image: 'registry.example/app:1.2.3', ports: [{ containerPort: 8080, protocol: 'TCP' }], resources: { requests: { cpu: '100m', memory: '128Mi' } }, volumeMounts: [{ name: 'kube-api-access', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }], terminationMessagePath: '/dev/termination-log', imagePullPolicy: 'IfNotPresent' }],
      volumes: [{ name: 'kube-api-access', projected: { sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } }, { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } }] } }],
      restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', serviceAccountName: 'default', schedulerName: 'default-scheduler',
      tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
    },
    status: {
      phase: 'Running', hostIP: '192.168.0.11', podIP: `10.244.1.${i % 250}`, startTime: '2026-11-24T10:00:01Z', qosClass: 'Burstable',
      conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: '2026-11-24T10:00:04Z' })),
      containerStatuses: [{ name: 'app', ready: true, restartCount: 0, image: 'registry.example/app:1.2.3', imageID: 'registry.example/app@sha256:' + 'a'.repeat(64), containerID: 'containerd://' + 'b'.repeat(64), started: true, state: { running: { startedAt: '2026-11-24T10:00:03Z' } } }],
    },
  };
}

const PODS = Array.from({ length: 110 }, (_, i) => fatPod(i));
const podListBody = JSON.stringify({ apiVersion: 'v1', kind: 'PodList', metadata: { resourceVersion: '2000' }, items: PODS });
const onePodBody = JSON.stringify(PODS[0]);

const server = createServer({ key: readFileSync(join(dir, 'server.key')), cert: readFileSync(join(dir, 'server.crt')) }, (req, res) => {
  const u = new URL(req.url ?? '/', 'https://x');
  res.setHeader('Content-Type', 'application/json');
  if (u.searchParams.get('watch') === 'true' || u.searchParams.get('watch') === '1') {
    // an idle watch: one bookmark, then nothing until the client goes away
    res.writeHead(200);
    res.write(JSON.stringify({ type: 'BOOKMARK', object: { kind: 'Pod', apiVersion: 'v1', metadata: { resourceVersion: '2000' } } }) + '\n');
    return;
  }
  if (u.pathname === '/api/v1/pods') return res.end(podListBody);
  if (u.pathname.startsWith('/api/v1/namespaces/') && u.pathname.includes('/pods/')) return res.end(onePodBody);
  res.writeHead(404).end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: 'not found' }));
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as { port: number }).port;
const kubeconfig = join(dir, 'kubeconfig');
writeFileSync(
  kubeconfig,
  `apiVersion: v1
kind: Config
clusters:
- name: bench
  cluster:
    server: https://127.0.0.1:${port}
    certificate-authority: ca.crt
users:
- name: bench
  user:
    token: bench-token
contexts:
- name: bench
  context:
    cluster: bench
    user: bench
current-context: bench
`,
);

// --- our layer as a bundle, the way it ships (esbuild CJS, like scripts/build.ts) -----------------
const entry = join(dir, 'ours-entry.ts');
writeFileSync(
  entry,
  `export { loadKubeconfig } from ${JSON.stringify(join(root, 'src/k8s/kubeconfig.ts'))};
export { KubeClient } from ${JSON.stringify(join(root, 'src/k8s/client.ts'))};
export { Informer } from ${JSON.stringify(join(root, 'src/k8s/informer.ts'))};
export { podTrimmer } from ${JSON.stringify(join(root, 'src/k8s/trim.ts'))};
`,
);
const bundle = join(dir, 'ours.cjs');
const bundleOptions = { bundle: true, platform: 'node', target: 'node24', format: 'cjs', minify: true, logLevel: 'warning' } as const;
await build({ ...bundleOptions, entryPoints: [entry], outfile: bundle });
// the same with a literal `import('@kubernetes/client-node')` somewhere in it: what external-auth.ts
// avoids by importing through a variable (esbuild would put client-node's 4 MB into the bundle)
const entryWithClientNode = join(dir, 'ours-cn-entry.ts');
writeFileSync(entryWithClientNode, `export * from ${JSON.stringify(entry)};\nexport const clientNode = () => import('@kubernetes/client-node');\n`);
const bundleWithClientNode = join(dir, 'ours-cn.cjs');
await build({ ...bundleOptions, entryPoints: [entryWithClientNode], outfile: bundleWithClientNode, nodePaths: [join(root, 'node_modules')] });

// --- the children ---------------------------------------------------------------------------------
const bundleUrl = JSON.stringify(pathToFileURL(bundle).href);
const src = (p: string) => JSON.stringify(pathToFileURL(join(root, p)).href);
const clientNode = src('node_modules/@kubernetes/client-node/dist/index.js');
const clientNodeConfig = src('node_modules/@kubernetes/client-node/dist/config.js');
const PRELUDE = `
const fs = await import('node:fs');
const mem = () => { const s = fs.readFileSync('/proc/self/status', 'utf8'); const g = (k) => Number(s.match(new RegExp(k + ':\\\\s+(\\\\d+)'))[1]) / 1024; return { rss: g('VmRSS'), hwm: g('VmHWM') }; };
const KC = ${JSON.stringify(kubeconfig)};
const out = {};
let t = performance.now();
`;
const EPILOGUE = `
globalThis.gc?.(); await new Promise((r) => setTimeout(r, 50)); globalThis.gc?.();
Object.assign(out, { idle: mem().rss, hwm: mem().hwm, heap: process.memoryUsage().heapUsed / 1048576 });
console.log(JSON.stringify(out));
process.exit(0);
`;
const mark = (k: string) => `out.${k} = performance.now() - t; Object.assign(out, { ${k}Rss: mem().rss }); t = performance.now();`;

const ours = (importStatement: string, daemon: boolean) => `
${importStatement}
${mark('import')}
const access = await m.loadKubeconfig(KC);
const client = new m.KubeClient(access);
${daemon ? `const inf = new m.Informer({ client, path: '/api/v1/pods', fieldSelector: 'spec.nodeName=node1', transform: m.podTrimmer() }).start(); await inf.waitForSync(10000);` : ''}
await client.getPod('ns-0', 'p');
${mark('call')}
`;

const scenarios: Record<string, string> = {
  'bare node': '',
  'yaml package (parse a kubeconfig)': `const y = await import('yaml'); y.parse(fs.readFileSync(KC, 'utf8')); ${mark('import')}`,
  '(a) client-node, full': `
const k = await import(${clientNode});
${mark('import')}
const kc = new k.KubeConfig(); kc.loadFromFile(KC);
const api = kc.makeApiClient(k.CoreV1Api);
await api.readNamespacedPod({ name: 'p', namespace: 'ns-0' });
${mark('call')}`,
  '(b) client-node KubeConfig only (dist/config.js) + https': `
const k = await import(${clientNodeConfig});
const https = process.getBuiltinModule('node:https');
${mark('import')}
const kc = new k.KubeConfig(); kc.loadFromFile(KC);
const opts = { headers: {} }; await kc.applyToHTTPSOptions(opts);
const c = kc.getCurrentCluster(); const u = new URL(c.server);
await new Promise((res, rej) => https.get({ host: u.hostname, port: u.port, path: '/api/v1/namespaces/ns-0/pods/p', headers: { ...opts.headers, Accept: 'application/json' }, ca: opts.ca }, (r) => { let b = ''; r.on('data', (d) => b += d); r.on('end', () => { JSON.parse(b); res(); }); }).on('error', rej));
${mark('call')}`,
  '(c) ours, TS source': ours(`const m = { ...(await import(${src('src/k8s/kubeconfig.ts')})), ...(await import(${src('src/k8s/client.ts')})) };`, false),
  '(c) ours, bundled': ours(`const m = await import(${bundleUrl});`, false),
  '(c) ours, bundled with client-node inside (literal import)': ours(`const m = await import(${JSON.stringify(pathToFileURL(bundleWithClientNode).href)});`, false),
  'daemon (a): client-node informer, 110 pods': `
const k = await import(${clientNode});
${mark('import')}
const kc = new k.KubeConfig(); kc.loadFromFile(KC);
const api = kc.makeApiClient(k.CoreV1Api);
const inf = k.makeInformer(kc, '/api/v1/pods', () => api.listPodForAllNamespaces({ fieldSelector: 'spec.nodeName=node1' }));
await inf.start();
await api.readNamespacedPod({ name: 'p', namespace: 'ns-0' });
${mark('call')}`,
  'daemon (c): ours bundled, untrimmed informer, 110 pods': ours(`const m = await import(${bundleUrl});`, true).replace(', transform: m.podTrimmer()', ''),
  'daemon (c): ours bundled, trimmed informer, 110 pods': ours(`const m = await import(${bundleUrl});`, true),
};

interface Sample {
  import?: number;
  importRss?: number;
  call?: number;
  callRss?: number;
  idle: number;
  hwm: number;
  heap: number;
  wall: number;
}

function runChild(code: string): Promise<Sample> {
  // NODE_EXTRA_CA_CERTS (set on our build machines) makes the first TLS context load a whole CA
  // bundle; production nodes do not set it, so the children run without it
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, ['--expose-gc', '--input-type=module', '-e', PRELUDE + code + EPILOGUE], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    c.stdout.on('data', (b: Buffer) => (out += b));
    c.stderr.on('data', (b: Buffer) => (err += b));
    c.on('close', (code) => {
      if (code !== 0) return reject(new Error(`child exited ${code}: ${err}`));
      resolve({ ...(JSON.parse(out.trim().split('\n').pop() ?? '{}') as Sample), wall: performance.now() - t0 });
    });
  });
}

const samples = new Map<string, Sample[]>(Object.keys(scenarios).map((k) => [k, []]));
for (let i = 0; i < runs; i++) {
  // interleaved, so a noisy neighbour spreads over every scenario instead of spoiling one
  for (const [name, code] of Object.entries(scenarios)) samples.get(name)!.push(await runChild(code));
}
server.close();

const med = (xs: (number | undefined)[]) => {
  const v = xs.filter((x): x is number => x !== undefined);
  return v.length ? summarize(v).median : undefined;
};
const f = (n: number | undefined, unit: string) => (n === undefined ? '–' : `${n.toFixed(1)} ${unit}`);
const rows: string[][] = [['option', 'import', 'RSS after import', 'first call', 'RSS after GC (idle)', 'VmHWM (peak)', 'JS heap used', 'process wall']];
for (const [name, s] of samples) {
  rows.push([
    name,
    f(med(s.map((x) => x.import)), 'ms'),
    f(med(s.map((x) => x.importRss)), 'MB'),
    f(med(s.map((x) => x.call)), 'ms'),
    f(med(s.map((x) => x.idle)), 'MB'),
    f(med(s.map((x) => x.hwm)), 'MB'),
    f(med(s.map((x) => x.heap)), 'MB'),
    f(med(s.map((x) => x.wall)), 'ms'),
  ]);
}
console.log(`Kubernetes client options, Node ${process.version}, medians of ${runs} interleaved runs (NODE_EXTRA_CA_CERTS unset)`);
console.log(table(rows));
