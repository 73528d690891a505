// The demo (README quick start): two pod network namespaces joined by a bridge network with host-local
// IPAM, attached through our cnitool exactly as a user runs the upstream one. It shows the addresses,
// pings across, deletes, and proves nothing is left: no IP reservation, no link, no cache file.
// Everything lives in throwaway namespaces and a temp dir; the host's own network is never touched.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeNs, createPodNs, ipAddrIn, linksIn, ping, podNetnsPath, uniqueIfName } from '../test/support/netns.ts';
import { REAL_PLUGIN_DIR, realPluginsSkipReason } from '../test/support/real-plugins.ts';
import { cnitool } from '../test/integration/cnitool-run.ts';

const say = (s: string) => process.stdout.write(`${s}\n`);
const step = (s: string) => say(`\n== ${s}`);

const why = realPluginsSkipReason();
if (why) {
  console.error(`demo: cannot run: ${why}`);
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'multus-ts-demo-'));
// the namespace helpers register their removal here (as with a test's after())
const cleanups: Array<() => void> = [];
const host = { after: (fn: () => void) => cleanups.push(fn) };
let failed = false;
try {
  step('a throwaway "node" network namespace and two "pod" namespaces');
  const node = createNodeNs(host);
  const pods = [createPodNs(host), createPodNs(host)];
  say(`node: ${node}\npods: ${pods.join(', ')}`);

  const bridge = uniqueIfName('demobr');
  const dataDir = join(dir, 'ipam');
  const conf = {
    cniVersion: '1.0.0', name: 'demo-bridge',
    plugins: [{ type: 'bridge', bridge, isGateway: true, ipMasq: false, ipam: { type: 'host-local', subnet: '10.254.90.0/24', dataDir, routes: [{ dst: '0.0.0.0/0' }] } }],
  };
  writeFileSync(join(dir, '10-demo-bridge.conflist'), JSON.stringify(conf, null, 2));
  const env = { NETCONFPATH: dir, CNI_PATH: REAL_PLUGIN_DIR, CNI_CACHE_DIR: join(dir, 'cache') };
  say(`network config ${join(dir, '10-demo-bridge.conflist')}:\n${JSON.stringify(conf, null, 2)}`);

  const addrs: string[] = [];
  for (const pod of pods) {
    step(`cnitool add demo-bridge ${podNetnsPath(pod)}`);
    const r = await cnitool(node, ['add', 'demo-bridge', podNetnsPath(pod)], env);
    if (r.code !== 0) throw new Error(`cnitool add failed: ${r.stdout}${r.stderr}`);
    process.stdout.write(r.stdout);
    const addr = (JSON.parse(r.stdout) as { ips: Array<{ address: string }> }).ips[0].address;
    addrs.push(addr.split('/')[0]);
    const eth0 = ipAddrIn(pod, 'eth0');
    say(`in ${pod}: eth0 ${eth0.address} ${eth0.addr_info?.filter((a) => a.family === 'inet').map((a) => `${a.local}/${a.prefixlen}`).join(' ')}`);
  }

  step(`ping ${addrs[1]} from ${pods[0]}`);
  const ok = await ping(pods[0], addrs[1]);
  say(ok ? 'ping: reply received' : 'ping: NO reply');
  if (!ok) failed = true;

  for (const pod of pods) {
    step(`cnitool del demo-bridge ${podNetnsPath(pod)}`);
    const r = await cnitool(node, ['del', 'demo-bridge', podNetnsPath(pod)], env);
    if (r.code !== 0) throw new Error(`cnitool del failed: ${r.stdout}${r.stderr}`);
  }

  step('what is left');
  const reservations = existsSync(join(dataDir, 'demo-bridge')) ? readdirSync(join(dataDir, 'demo-bridge')).filter((f) => /^\d/.test(f)) : [];
  const caches = existsSync(join(dir, 'cache', 'results')) ? readdirSync(join(dir, 'cache', 'results')) : [];
  const podLinks = pods.flatMap((p) => linksIn(p).filter((l) => l.ifname !== 'lo').map((l) => `${p}:${l.ifname}`));
  const veths = linksIn(node).filter((l) => l.linkinfo?.info_kind === 'veth').map((l) => l.ifname);
  say(`IP reservations: ${reservations.length ? reservations.join(' ') : 'none'}`);
  say(`cache files:     ${caches.length ? caches.join(' ') : 'none'}`);
  say(`pod links:       ${podLinks.length ? podLinks.join(' ') : 'none (only lo)'}`);
  say(`node veths:      ${veths.length ? veths.join(' ') : 'none'}`);
  if (reservations.length || caches.length || podLinks.length || veths.length) failed = true;
  say(failed ? '\nRESULT: something leaked or failed (see above)' : '\nRESULT: nothing leaked');
} catch (e) {
  failed = true;
  console.error(`demo failed: ${(e as Error).message}`);
} finally {
  for (const c of cleanups.reverse()) {
    try {
      c();
    } catch {
      // best effort: the netns registry also cleans up at exit
    }
  }
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
