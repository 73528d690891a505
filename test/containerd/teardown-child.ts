// Child process for teardown.test.ts (not a test): starts containerd outside any test context, runs a
// sandbox (so there are a shim, a pause process, cgroups and a netns to leak), prints what it made
// as one JSON line, then ends as argv[2] says: an uncaught exception, or waiting for SIGTERM/SIGKILL.
import { startContainerd } from '../support/containerd/index.ts';

const c = await startContainerd(undefined, {
  cniConfFiles: {
    // (an address is needed: containerd fails RunPodSandbox when the result has no IP for eth0)
    '10-br.conflist': {
      cniVersion: '1.0.0', name: 'leaky',
      plugins: [{ type: 'bridge', bridge: 'mtsleak0', ipam: { type: 'host-local', ranges: [[{ subnet: '10.99.8.0/24' }]] } }],
    },
  },
});
const id = await c.cri.runPodSandbox({ name: 'leaky' });
const st = await c.cri.podSandboxStatus(id);
process.stdout.write(`${JSON.stringify({ dir: c.dir, pid: c.pid, nodeNs: c.nodeNs, cgroupParent: c.cgroupParent, socket: c.socket, id, pausePid: st.pid, childPid: process.pid })}\n`);
if (process.argv[2] === 'throw') setTimeout(() => { throw new Error('a test blew up'); }, 10);
else setInterval(() => {}, 1000); // wait for the parent's signal
