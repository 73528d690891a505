// Shared by the device tests: a fake kubelet serving the PodResources API over real gRPC on a unix
// socket (grpc-js + protobufjs from our .proto, so the hand-written client codec is checked against an
// independent implementation), a logger that keeps its lines, and the Multus lab with device dirs.
import type { TestContext } from 'node:test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { ExecOutput, ExecRequest } from '../../src/cni/exec/index.ts';
import { cmdAdd } from '../../src/multus/cmd/add.ts';
import { cmdDel } from '../../src/multus/cmd/del.ts';
import type { CniRequest } from '../../src/multus/cmd/request.ts';
import type { DeviceOptions } from '../../src/multus/devices/resource-map.ts';
import type { LogFields, Logger } from '../../src/util/logger.ts';
import { MemoryExec } from '../support/memory-exec.ts';
import { tempDir } from '../support/tmp.ts';
import { lab, type Lab } from '../multus/scenarios/lab.ts';

export const PROTO = fileURLToPath(new URL('../../src/multus/devices/podresources.proto', import.meta.url));

export function podResourcesPackage(): protoLoader.PackageDefinition {
  return protoLoader.loadSync(PROTO, { keepCase: true, longs: String, defaults: true, arrays: true });
}

/** A PodResources message as protobufjs takes it (snake_case field names of the .proto). */
export interface PodResourcesMsg {
  name: string;
  namespace: string;
  containers: Array<{
    name: string;
    devices?: Array<{ resource_name: string; device_ids: string[]; topology?: { nodes: Array<{ ID: number }> } }>;
    cpu_ids?: number[];
    memory?: Array<{ memory_type: string; size: number }>;
    dynamic_resources?: Array<{ claim_name: string; claim_namespace: string; claim_resources: Array<{ cdi_devices: Array<{ name: string }>; driver_name?: string; pool_name?: string; device_name?: string }> }>;
  }>;
}

export interface FakeKubelet {
  readonly socket: string;
  readonly url: string;
  /** Method names in call order. */
  readonly calls: string[];
  pods: PodResourcesMsg[];
  /** Answer every call with this status instead. */
  failWith: { code: grpc.status; details: string } | undefined;
  /** Answer after this long (timeout tests). */
  delayMs: number;
}

export async function fakeKubelet(t: TestContext, pods: PodResourcesMsg[] = [], dir = tempDir(t)): Promise<FakeKubelet> {
  const socket = join(dir, 'kubelet.sock');
  const pkg = grpc.loadPackageDefinition(podResourcesPackage()) as unknown as { v1: { PodResourcesLister: { service: grpc.ServiceDefinition } } };
  const server = new grpc.Server();
  const k: FakeKubelet = { socket, url: `unix://${socket}`, calls: [], pods, failWith: undefined, delayMs: 0 };
  const answer = <T>(method: string, value: () => T) => (_call: unknown, cb: grpc.sendUnaryData<T>): void => {
    k.calls.push(method);
    setTimeout(() => (k.failWith ? cb(k.failWith) : cb(null, value())), k.delayMs);
  };
  server.addService(pkg.v1.PodResourcesLister.service, {
    List: answer('List', () => ({ pod_resources: k.pods })),
    Get: answer('Get', () => ({ pod_resources: k.pods[0] })),
  });
  await new Promise<void>((resolve, reject) => server.bindAsync(`unix://${socket}`, grpc.ServerCredentials.createInsecure(), (e) => (e ? reject(e) : resolve())));
  t.after(() => server.forceShutdown());
  return k;
}

/** One pod's container with device-plugin devices. */
export function podWithDevices(namespace: string, name: string, devices: Record<string, string[]>): PodResourcesMsg {
  return { name, namespace, containers: [{ name: 'c0', devices: Object.entries(devices).map(([resource_name, device_ids]) => ({ resource_name, device_ids })) }] };
}

export interface RecordingLogger extends Logger {
  readonly lines: Array<{ level: string; msg: string; fields?: LogFields }>;
}

export function recordingLogger(): RecordingLogger {
  const lines: RecordingLogger['lines'] = [];
  const log: RecordingLogger = {
    lines,
    debug: (msg, fields) => void lines.push({ level: 'debug', msg, ...(fields ? { fields } : {}) }),
    verbose: (msg, fields) => void lines.push({ level: 'verbose', msg, ...(fields ? { fields } : {}) }),
    error: (msg, fields) => void lines.push({ level: 'error', msg, ...(fields ? { fields } : {}) }),
    child: () => log,
  };
  return log;
}

/** A plugin hook: runs before MemoryExec answers a call (a plugin writing its device-info file). */
export type ExecHook = (type: string, command: string, stdin: Record<string, unknown>) => void;

export class HookedExec extends MemoryExec {
  hook: ExecHook | undefined;
  override async exec(req: ExecRequest): Promise<ExecOutput> {
    const type = req.pluginPath.slice(req.pluginPath.lastIndexOf('/') + 1);
    this.hook?.(type, req.env.CNI_COMMAND ?? '', JSON.parse(req.stdin) as Record<string, unknown>);
    return super.exec(req);
  }
}

export const KUBE = { name: 'node-cni-network', type: 'multus', cniVersion: '1.0.0', kubeconfig: '/unused', delegates: [{ name: 'weave1', cniVersion: '1.0.0', type: 'weave-net' }] };

/** A reply with one sandbox interface and one address (so the delegate gets a network-status entry). */
export const ips = (a: string) => ({ stdout: `{"cniVersion":"1.0.0","interfaces":[{"name":"x","sandbox":"/var/run/netns/test"}],"ips":[{"address":"${a}","interface":0}]}` });

export interface DevLab extends Lab {
  readonly exec: HookedExec;
  readonly devices: Required<Pick<DeviceOptions, 'kubeletSocket' | 'checkpointFile' | 'dpDir' | 'cniDir'>>;
  readonly log: RecordingLogger;
  addWithDevices(conf: object, over?: Partial<CniRequest>): ReturnType<typeof cmdAdd>;
  delWithDevices(conf: object, over?: Partial<CniRequest>): Promise<void>;
  /** The network-status entries the ADD wrote. */
  networkStatus(): Array<Record<string, unknown>>;
}

/**
 * The Multus lab (pod test/testpod, uid testUID, container 123456789) with every device path in a
 * temp dir: no kubelet socket and no checkpoint unless the test makes them.
 */
export function devLab(t: TestContext, types: readonly string[] = ['weave-net', 'sriov', 'hostdev']): DevLab {
  const base = lab(t, types);
  const exec = new HookedExec();
  const log = recordingLogger();
  const dir = join(base.dir, 'devinfo');
  const devices = {
    kubeletSocket: `unix://${join(base.dir, 'kubelet.sock')}`,
    checkpointFile: join(base.dir, 'kubelet_internal_checkpoint'),
    dpDir: join(dir, 'dp'),
    cniDir: join(dir, 'cni'),
  };
  const deps = () => ({ ...base.deps(), exec, log, devices });
  return {
    ...base, exec, devices, log,
    addWithDevices: (conf, over) => cmdAdd(base.req('ADD', conf, over), deps()),
    delWithDevices: (conf, over) => cmdDel(base.req('DEL', conf, over), deps()),
    networkStatus: () => JSON.parse(base.source.statuses.get('test/testpod') ?? '[]') as Array<Record<string, unknown>>,
  };
}

/** A device plugin's device-info file, as a device plugin writes it. */
export function writeDpFile(l: DevLab, resource: string, device: string, content: string): string {
  mkdirSync(l.devices.dpDir, { recursive: true });
  const p = join(l.devices.dpDir, `${resource.replaceAll('/', '-')}-${device.replaceAll('/', '-')}-device.json`);
  writeFileSync(p, content);
  return p;
}
