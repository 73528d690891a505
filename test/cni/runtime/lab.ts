// The "cni-lab" of cni.md §5: a plugin dir with placeholder binaries, a cache dir, the default runtime
// conf RT and list L3, and a runtime context whose exec is a MemoryExec.
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { parseConfList, type NetworkConfigList } from '../../../src/cni/config/index.ts';
import type { RuntimeConf, RuntimeContext } from '../../../src/cni/runtime/index.ts';
import { MemoryExec } from '../../support/memory-exec.ts';

export const RT: RuntimeConf = {
  containerID: 'ctr1',
  netNS: '/var/run/netns/x',
  ifName: 'eth0',
  args: [['IgnoreUnknown', '1'], ['K8S_POD_NAME', 'p']],
  capabilityArgs: { portMappings: [{ hostPort: 8080, containerPort: 80, protocol: 'tcp' }], mac: '02:00:00:00:00:01', unused: 1 },
};

export function L3(v: string): NetworkConfigList {
  return parseConfList(`{"cniVersion":"${v}","name":"net1","plugins":[
  {"type":"pA","zeta":1,"alpha":{"b":2,"a":1},"capabilities":{"portMappings":true,"mac":false},"runtimeConfig":{"static":true}},
  {"type":"pB","capabilities":{"mac":true}},
  {"type":"pC","prevResult":{"bogus":true},"html":"<a&b>"}]}`);
}

export const R_A = '{"cniVersion":"1.0.0","interfaces":[{"name":"eth0","mac":"00:11:22:33:44:55","sandbox":"/var/run/netns/x","extra":"dropped"}],"ips":[{"interface":0,"address":"10.1.2.3/24","gateway":"10.1.2.1"},{"address":"2001:DB8::0003/64"}],"routes":[{"dst":"0.0.0.0/0","gw":"10.1.2.1"}],"dns":{},"extraTop":1}';
export const R_canon = {
  cniVersion: '1.0.0',
  interfaces: [{ mac: '00:11:22:33:44:55', name: 'eth0', sandbox: '/var/run/netns/x' }],
  ips: [{ address: '10.1.2.3/24', gateway: '10.1.2.1', interface: 0 }, { address: '2001:db8::3/64' }],
  routes: [{ dst: '0.0.0.0/0', gw: '10.1.2.1' }],
};

export interface Lab {
  readonly dir: string;
  readonly bin: string;
  readonly cacheDir: string;
  readonly exec: MemoryExec;
  readonly ctx: RuntimeContext;
}

export async function lab(t: TestContext, types = ['pA', 'pB', 'pC']): Promise<Lab> {
  const dir = await mkdtemp(join(tmpdir(), 'cni-lab-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const bin = join(dir, 'bin');
  await mkdir(bin);
  for (const ty of types) await writeFile(join(bin, ty), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  const exec = new MemoryExec();
  const cacheDir = join(dir, 'cache');
  const ctx: RuntimeContext = Object.freeze({ paths: [bin], cacheDir, exec, baseEnv: { PATH: '/usr/bin:/bin', KEEP: 'me' } });
  return { dir, bin, cacheDir, exec, ctx };
}
