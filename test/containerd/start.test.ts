// containerd starts isolated: its own network namespace (the node's) and mount namespace, everything
// it writes under its test dir, the CRI answering, the pause image imported; teardown leaves nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { podNetnsPath } from '../support/netns.ts';
import { instanceLeftovers, skipUnlessContainerd, startContainerd } from '../support/containerd/index.ts';
import { findPids, pidLive } from '../support/containerd/procs.ts';

const nsInode = (p: string) => statSync(p).ino;

test('containerd runs in the node netns and a private mount ns, answers CRI Version, has the pause image', async (t) => {
  if (skipUnlessContainerd(t)) return;
  const hostLibCni = existsSync('/var/lib/cni') ? readdirSync('/var/lib/cni') : undefined;
  const t0 = Date.now();
  const c = await startContainerd(t);
  t.diagnostic(`containerd ready with the image imported in ${Date.now() - t0} ms`);

  const v = await c.cri.version();
  assert.equal(v.runtimeName, 'containerd');
  assert.equal(v.runtimeApiVersion, 'v1');
  assert.match(v.runtimeVersion, /^1\.6\./);

  assert.ok(c.ownsNodeNs);
  assert.equal(nsInode(`/proc/${c.pid}/ns/net`), nsInode(podNetnsPath(c.nodeNs)), 'in the node namespace');
  assert.notEqual(nsInode(`/proc/${c.pid}/ns/net`), nsInode('/proc/self/ns/net'));
  assert.notEqual(nsInode(`/proc/${c.pid}/ns/mnt`), nsInode('/proc/self/ns/mnt'), 'in its own mount namespace');
  // its tmpfs and bind mount exist only over there
  const ours = readFileSync('/proc/self/mountinfo', 'utf8');
  const theirs = readFileSync(`/proc/${c.pid}/mountinfo`, 'utf8');
  for (const m of [' /run/containerd ', ' /var/lib/cni ']) {
    assert.ok(theirs.includes(m), `${m.trim()} mounted for containerd`);
    assert.ok(!ours.includes(m), `${m.trim()} not mounted on the host`);
  }
  // everything it keeps is under the test dir
  for (const d of [c.rootDir, c.stateDir, `${c.dir}/opt`]) assert.ok(existsSync(d), d);
  assert.ok(readdirSync(c.rootDir).includes('io.containerd.content.v1.content'));

  const images = await c.ctr(['images', 'ls', '-q']);
  assert.ok(images.split('\n').includes(c.image.ref), `${c.image.ref} in ${JSON.stringify(images)}`);
  assert.deepEqual(await c.cri.listPodSandbox(), []);

  await c.stop();
  assert.equal(pidLive(c.pid), false, 'containerd is gone');
  assert.deepEqual(findPids((argv) => argv.some((a) => a.includes(c.dir))), []);
  assert.deepEqual(instanceLeftovers(c), []);
  assert.equal(existsSync(podNetnsPath(c.nodeNs)), false);
  // nothing of ours reached the host's /var/lib/cni (when it exists at all)
  if (hostLibCni && existsSync('/var/lib/cni')) assert.deepEqual(readdirSync('/var/lib/cni'), hostLibCni);
  await c.stop(); // idempotent
});

test('a given node namespace is used and left in place', async (t) => {
  if (skipUnlessContainerd(t)) return;
  const { createNodeNs } = await import('../support/netns.ts');
  const node = createNodeNs(t);
  const c = await startContainerd(t, { nodeNs: node });
  assert.equal(c.nodeNs, node);
  assert.equal(c.ownsNodeNs, false);
  assert.equal(nsInode(`/proc/${c.pid}/ns/net`), nsInode(podNetnsPath(node)));
  await c.stop();
  assert.ok(existsSync(podNetnsPath(node)), 'the caller\'s namespace survives');
  assert.deepEqual(instanceLeftovers(c), []);
});
