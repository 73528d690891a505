// The fixture of Multus' own unit tests (multus.md §6): pod test/testpod (uid testUID), container
// 123456789, CNI_IFNAME eth0; plugins answered in memory (MemoryExec, which records stdin and env);
// the pod's namespace always "exists".
import type { TestContext } from 'node:test';
import { join } from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { CniResult } from '../../../src/cni/result/index.ts';
import { cmdAdd } from '../../../src/multus/cmd/add.ts';
import { cmdCheck } from '../../../src/multus/cmd/check.ts';
import { cmdDel } from '../../../src/multus/cmd/del.ts';
import type { MultusDeps } from '../../../src/multus/cmd/deps.ts';
import { cmdGc } from '../../../src/multus/cmd/gc.ts';
import type { CniRequest, MultusCommand } from '../../../src/multus/cmd/request.ts';
import { cmdStatus } from '../../../src/multus/cmd/status.ts';
import type { NetnsOps } from '../../../src/multus/netns-ops.ts';
import { silentLogger } from '../../../src/util/logger.ts';
import { MemoryExec } from '../../support/memory-exec.ts';
import { MemorySource } from '../../support/memory-source.ts';
import { tempDir } from '../../support/tmp.ts';

export class RecordingNetns implements NetnsOps {
  readonly ops: string[] = [];
  async exists(p: string): Promise<boolean> {
    return p !== 'fsdadfad';
  }
  async deleteDefaultRoutes(_p: string, ifName: string): Promise<void> {
    this.ops.push(`del-default ${ifName}`);
  }
  async addDefaultRoute(_p: string, ifName: string, gw: string): Promise<void> {
    this.ops.push(`add-default ${ifName} ${gw}`);
  }
}

export interface Lab {
  readonly dir: string;
  readonly bin: string;
  readonly cniDir: string;
  readonly confDir: string;
  readonly exec: MemoryExec;
  readonly source: MemorySource;
  readonly netns: RecordingNetns;
  deps(withSource?: boolean): MultusDeps;
  req(command: MultusCommand, conf: object, over?: Partial<CniRequest>): CniRequest;
  add(conf: object, over?: Partial<CniRequest>): Promise<CniResult>;
  del(conf: object, over?: Partial<CniRequest>): Promise<void>;
  check(conf: object, over?: Partial<CniRequest>): Promise<void>;
  gc(conf: object, over?: Partial<CniRequest>): Promise<void>;
  status(conf: object, over?: Partial<CniRequest>): Promise<void>;
}

export function lab(t: TestContext, types: readonly string[] = ['weave-net', 'other-plugin', 'mynet', 'mynet2', 'mynet3']): Lab {
  const dir = tempDir(t);
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  for (const ty of types) writeFileSync(join(bin, ty), '#!/bin/sh\n', { mode: 0o755 });
  const cniDir = join(dir, 'cni');
  const confDir = join(dir, 'conf');
  mkdirSync(confDir);
  const exec = new MemoryExec();
  const source = new MemorySource();
  const netns = new RecordingNetns();
  const deps = (withSource = true): MultusDeps => ({ exec, source: withSource ? source : null, netns, log: silentLogger, baseEnv: { PATH: '/usr/bin:/bin' } });
  const req = (command: MultusCommand, conf: object, over: Partial<CniRequest> = {}): CniRequest => ({
    command, containerID: '123456789', netns: '/var/run/netns/test', ifName: 'eth0',
    args: 'IgnoreUnknown=1;K8S_POD_NAMESPACE=test;K8S_POD_NAME=testpod;K8S_POD_INFRA_CONTAINER_ID=123456789;K8S_POD_UID=testUID',
    path: bin, stdin: JSON.stringify({ cniDir, confDir, binDir: bin, ...conf }), ...over,
  });
  return {
    dir, bin, cniDir, confDir, exec, source, netns, deps, req,
    add: (conf, over) => cmdAdd(req('ADD', conf, over), deps()),
    del: (conf, over) => cmdDel(req('DEL', conf, over), deps()),
    check: (conf, over) => cmdCheck(req('CHECK', conf, over), deps()),
    gc: (conf, over) => cmdGc(req('GC', conf, over), deps()),
    status: (conf, over) => cmdStatus(req('STATUS', conf, over), deps()),
  };
}
