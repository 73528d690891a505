// cnitool, compatible with the upstream containernetworking cnitool. On failure it prints the CNI
// error object (with its code) on stdout, a one-line message on stderr, and exits 1.
import { asCniError, cniError } from '../../errors/catalogue.ts';
import { add } from './add.ts';
import { check } from './check.ts';
import { del } from './del.ts';
import { gc } from './gc.ts';
import { status } from './status.ts';
import { setup, type Invocation } from './setup.ts';

const VERBS: Record<string, (inv: Invocation) => Promise<string>> = { add, check, del, gc, status };

const USAGE = `cnitool: add, check, remove, gc, or get status of an interface in an already-created network namespace
  cnitool add    <net> <netns>
  cnitool check  <net> <netns>
  cnitool del    <net> <netns>
  cnitool gc     <net> <netns>
  cnitool status <net> <netns>
options: -i, --ifname <name>   interface name (default: $CNI_IFNAME or eth0)
env: NETCONFPATH (default /etc/cni/net.d), CNI_PATH, CNI_IFNAME, CNI_ARGS, CAP_ARGS (JSON), CNI_CONTAINERID
`;

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<{ stdout: string; stderr: string; code: number }> {
  const positional: string[] = [];
  let ifName: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-i' || a === '--ifname') ifName = argv[++i];
    else if (a.startsWith('--ifname=')) ifName = a.slice('--ifname='.length);
    else positional.push(a);
  }
  const [verb, net, netns] = positional;
  try {
    const run = verb === undefined ? undefined : VERBS[verb];
    if (!run || net === undefined || netns === undefined) {
      throw cniError('CLI_USAGE', verb && !run ? `unknown command ${JSON.stringify(verb)}` : 'network name and namespace are required', USAGE.trimEnd());
    }
    const stdout = await run(await setup(net, netns, ifName, env));
    return { stdout, stderr: '', code: 0 };
  } catch (e) {
    const err = asCniError(e);
    return { stdout: `${JSON.stringify(err.toJSON(), null, 4)}\n`, stderr: `cnitool: ${err.message}\n`, code: 1 };
  }
}
