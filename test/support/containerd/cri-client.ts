// A small CRI RuntimeService client over gRPC on containerd's unix socket (no crictl in Debian), from
// our own cri.proto. Every call has a deadline: a wedged runtime must fail the test, not hang it.
import { credentials, Client, Metadata, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import type { MethodDefinition, ServiceDefinition } from '@grpc/grpc-js';
import { fileURLToPath } from 'node:url';

export const CRI_PROTO = fileURLToPath(new URL('./cri.proto', import.meta.url));

// keepCase: the wire objects keep the proto's snake_case names, mapped to camelCase below in one place.
// longs as strings: created_at is nanoseconds, beyond Number's exact range.
const pkgDef = loadSync(CRI_PROTO, { keepCase: true, longs: String, enums: String, defaults: true, arrays: true, objects: true });
const service = pkgDef['runtime.v1.RuntimeService'] as ServiceDefinition;

export type SandboxState = 'SANDBOX_READY' | 'SANDBOX_NOTREADY';

export interface SandboxMetadata {
  readonly name: string;
  readonly uid: string;
  readonly namespace: string;
  readonly attempt: number;
}

export interface PortMapping {
  readonly protocol?: 'TCP' | 'UDP' | 'SCTP';
  readonly containerPort: number;
  readonly hostPort?: number;
  readonly hostIp?: string;
}

export interface RunSandboxOptions {
  readonly name: string;
  /** Pod namespace (default "default"). */
  readonly namespace?: string;
  /** Pod UID (default: derived from namespace and name). */
  readonly uid?: string;
  readonly attempt?: number;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly labels?: Readonly<Record<string, string>>;
  /** Default: the name (CRI requires a hostname unless the network namespace is the node's). */
  readonly hostname?: string;
  readonly logDirectory?: string;
  readonly portMappings?: readonly PortMapping[];
  /** cgroupfs-style parent; the client's default (see CriClientOptions) applies when absent. */
  readonly cgroupParent?: string;
  readonly runtimeHandler?: string;
}

export interface VersionInfo {
  readonly version: string;
  readonly runtimeName: string;
  readonly runtimeVersion: string;
  readonly runtimeApiVersion: string;
}

export interface SandboxSummary {
  readonly id: string;
  readonly metadata: SandboxMetadata;
  readonly state: SandboxState;
  /** Nanoseconds since the epoch. */
  readonly createdAt: bigint;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly runtimeHandler: string;
}

export interface SandboxStatus extends SandboxSummary {
  /** The primary pod IP ("" when the network is not set up). */
  readonly ip: string;
  readonly additionalIps: readonly string[];
  /** The verbose `info` map, each value parsed as JSON (containerd 1.6 sends one key, "info"). */
  readonly info: Readonly<Record<string, unknown>>;
  /** The sandbox's network namespace path, from the verbose info's runtime spec (undefined once gone). */
  readonly netnsPath?: string;
  /** The pause process's host pid, from the verbose info. */
  readonly pid?: number;
}

export interface CriClientOptions {
  /** Deadline for Version/Status/List (default 5 s). */
  readonly shortDeadlineMs?: number;
  /** Deadline for Run/Stop/Remove, which exec CNI plugins (default 60 s). */
  readonly longDeadlineMs?: number;
  /** Default cgroup parent of RunPodSandbox (so teardown knows where the pod cgroups are). */
  readonly cgroupParent?: string;
}

/** A CRI error: the gRPC status code name and containerd's message (which quotes the CNI plugin). */
export class CriError extends Error {
  readonly code: number;
  readonly details: string;
  readonly method: string;

  constructor(method: string, err: ServiceError) {
    super(`CRI ${method}: ${err.details || err.message}`);
    this.name = 'CriError';
    this.code = err.code;
    this.details = err.details;
    this.method = method;
  }
}

interface WireMetadata {
  name: string;
  uid: string;
  namespace: string;
  attempt: number;
}

interface WireSandbox {
  id: string;
  metadata: WireMetadata | null;
  state: SandboxState;
  created_at: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  runtime_handler: string;
}

interface WireStatus extends WireSandbox {
  network: { ip: string; additional_ips: { ip: string }[] } | null;
}

function metadataOf(m: WireMetadata | null): SandboxMetadata {
  return { name: m?.name ?? '', uid: m?.uid ?? '', namespace: m?.namespace ?? '', attempt: m?.attempt ?? 0 };
}

function summaryOf(s: WireSandbox): SandboxSummary {
  return {
    id: s.id, metadata: metadataOf(s.metadata), state: s.state, createdAt: BigInt(s.created_at || '0'),
    labels: s.labels, annotations: s.annotations, runtimeHandler: s.runtime_handler,
  };
}

interface VerboseInfo {
  pid?: number;
  runtimeSpec?: { linux?: { namespaces?: { type: string; path?: string }[] } };
}

export class CriClient {
  readonly socket: string;
  readonly #client: Client;
  readonly #short: number;
  readonly #long: number;
  readonly #cgroupParent: string | undefined;

  constructor(socket: string, opts: CriClientOptions = {}) {
    this.socket = socket;
    // grpc-js's "unix:" scheme takes an absolute path; no TLS on a local socket.
    // Short reconnect backoff: the default (1 s, growing) would stall every call for a second after
    // containerd was briefly unreachable (starting, restarted by a test).
    this.#client = new Client(`unix:${socket}`, credentials.createInsecure(), {
      'grpc.initial_reconnect_backoff_ms': 50,
      'grpc.max_reconnect_backoff_ms': 500,
    });
    this.#short = opts.shortDeadlineMs ?? 5000;
    this.#long = opts.longDeadlineMs ?? 60_000;
    this.#cgroupParent = opts.cgroupParent;
  }

  #call<Res>(name: string, req: object, deadlineMs: number): Promise<Res> {
    const m = service[name] as MethodDefinition<object, Res> | undefined;
    if (!m) throw new Error(`cri.proto has no method ${name}`);
    return new Promise((resolve, reject) => {
      this.#client.makeUnaryRequest(m.path, m.requestSerialize, m.responseDeserialize, req, new Metadata(),
        { deadline: Date.now() + deadlineMs },
        (err, res) => (err ? reject(new CriError(name, err)) : resolve(res as Res)));
    });
  }

  async version(deadlineMs = this.#short): Promise<VersionInfo> {
    const r = await this.#call<{ version: string; runtime_name: string; runtime_version: string; runtime_api_version: string }>(
      'Version', { version: 'v1' }, deadlineMs);
    return { version: r.version, runtimeName: r.runtime_name, runtimeVersion: r.runtime_version, runtimeApiVersion: r.runtime_api_version };
  }

  /** RunPodSandbox; resolves with the sandbox id once the pause container runs and CNI ADD succeeded. */
  async runPodSandbox(o: RunSandboxOptions): Promise<string> {
    const namespace = o.namespace ?? 'default';
    const cgroupParent = o.cgroupParent ?? this.#cgroupParent ?? '';
    const config = {
      metadata: { name: o.name, uid: o.uid ?? `uid-${namespace}-${o.name}`, namespace, attempt: o.attempt ?? 0 },
      hostname: o.hostname ?? o.name,
      log_directory: o.logDirectory ?? '',
      port_mappings: (o.portMappings ?? []).map((p) => ({ protocol: p.protocol ?? 'TCP', container_port: p.containerPort, host_port: p.hostPort ?? 0, host_ip: p.hostIp ?? '' })),
      labels: { ...o.labels },
      annotations: { ...o.annotations },
      linux: { cgroup_parent: cgroupParent, security_context: { namespace_options: { network: 'POD', pid: 'CONTAINER', ipc: 'POD' } } },
    };
    const r = await this.#call<{ pod_sandbox_id: string }>('RunPodSandbox', { config, runtime_handler: o.runtimeHandler ?? '' }, this.#long);
    return r.pod_sandbox_id;
  }

  async stopPodSandbox(id: string): Promise<void> {
    await this.#call('StopPodSandbox', { pod_sandbox_id: id }, this.#long);
  }

  async removePodSandbox(id: string): Promise<void> {
    await this.#call('RemovePodSandbox', { pod_sandbox_id: id }, this.#long);
  }

  /** PodSandboxStatus with verbose=true, so the netns path and pid come along. */
  async podSandboxStatus(id: string): Promise<SandboxStatus> {
    const r = await this.#call<{ status: WireStatus | null; info: Record<string, string> }>(
      'PodSandboxStatus', { pod_sandbox_id: id, verbose: true }, this.#short);
    if (!r.status) throw new Error(`CRI PodSandboxStatus ${id}: no status in the answer`);
    const info: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r.info)) {
      try {
        info[k] = JSON.parse(v);
      } catch {
        info[k] = v;
      }
    }
    const verbose = (info.info ?? {}) as VerboseInfo;
    const netnsPath = verbose.runtimeSpec?.linux?.namespaces?.find((n) => n.type === 'network')?.path || undefined;
    return {
      ...summaryOf(r.status),
      ip: r.status.network?.ip ?? '',
      additionalIps: (r.status.network?.additional_ips ?? []).map((p) => p.ip),
      info,
      ...(netnsPath ? { netnsPath } : {}),
      ...(typeof verbose.pid === 'number' && verbose.pid > 0 ? { pid: verbose.pid } : {}),
    };
  }

  async listPodSandbox(filter: { id?: string; state?: SandboxState; labels?: Readonly<Record<string, string>> } = {}): Promise<SandboxSummary[]> {
    const f = {
      id: filter.id ?? '',
      ...(filter.state ? { state: { state: filter.state } } : {}),
      label_selector: { ...filter.labels },
    };
    const r = await this.#call<{ items: WireSandbox[] }>('ListPodSandbox', { filter: f }, this.#short);
    return r.items.map(summaryOf);
  }

  close(): void {
    this.#client.close();
  }
}
