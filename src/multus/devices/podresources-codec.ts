// The protobuf wire format of the kubelet PodResources messages we read (podresources.proto), decoded
// by hand. A reflection codec (protobufjs via @grpc/proto-loader) needs the .proto file at run time,
// which the one-file bundle does not carry, and would run protobufjs' reflection on every device
// lookup; these few messages need nothing but varints and length-delimited fields. Fields we do not
// use (cpu_ids, memory, topology, DRA driver/pool names) are skipped by wire type, as any protobuf
// reader skips unknown fields, so kubelets that add fields keep working.

export interface ContainerDevices {
  readonly resourceName: string;
  readonly deviceIds: readonly string[];
}

export interface ClaimResource {
  /** Fully qualified CDI device names (`vendor.com/class=device`). */
  readonly cdiDevices: readonly string[];
}

export interface DynamicResource {
  readonly claimName: string;
  readonly claimNamespace: string;
  readonly claimResources: readonly ClaimResource[];
}

export interface ContainerResources {
  readonly name: string;
  readonly devices: readonly ContainerDevices[];
  readonly dynamicResources: readonly DynamicResource[];
}

export interface PodResources {
  readonly name: string;
  readonly namespace: string;
  readonly containers: readonly ContainerResources[];
}

const VARINT = 0;
const FIXED64 = 1;
const LEN = 2;
const FIXED32 = 5;

const utf8 = new TextDecoder();

class Reader {
  readonly #buf: Uint8Array;
  #pos = 0;

  constructor(buf: Uint8Array) {
    this.#buf = buf;
  }

  done(): boolean {
    return this.#pos >= this.#buf.length;
  }

  /** A varint as a JS number: exact up to 2^53, which covers every tag and length. */
  varint(): number {
    let n = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.#pos >= this.#buf.length) throw new Error('truncated varint');
      const b = this.#buf[this.#pos++];
      n += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) return n;
      scale *= 128;
    }
    throw new Error('varint longer than 10 bytes');
  }

  #advance(n: number): void {
    if (this.#pos + n > this.#buf.length) throw new Error('truncated field');
    this.#pos += n;
  }

  bytes(): Uint8Array {
    const len = this.varint();
    const start = this.#pos;
    this.#advance(len);
    return this.#buf.subarray(start, start + len);
  }

  skip(wire: number): void {
    if (wire === VARINT) this.varint();
    else if (wire === FIXED64) this.#advance(8);
    else if (wire === LEN) this.bytes();
    else if (wire === FIXED32) this.#advance(4);
    else throw new Error(`unsupported wire type ${wire}`);
  }
}

/**
 * Walk a message's fields. `on` consumes the fields it knows (and returns true); everything else is
 * skipped. A known field with the wrong wire type is a malformed message, not an unknown field.
 */
function walk(buf: Uint8Array, on: (field: number, bytes: () => Uint8Array) => boolean): void {
  const r = new Reader(buf);
  while (!r.done()) {
    const tag = r.varint();
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    if (field === 0) throw new Error('field number 0');
    const bytes = (): Uint8Array => {
      if (wire !== LEN) throw new Error(`field ${field}: wire type ${wire}, expected length-delimited`);
      return r.bytes();
    };
    if (!on(field, bytes)) r.skip(wire);
  }
}

const str = (b: Uint8Array): string => utf8.decode(b);

function containerDevices(buf: Uint8Array): ContainerDevices {
  let resourceName = '';
  const deviceIds: string[] = [];
  walk(buf, (f, b) => {
    if (f === 1) resourceName = str(b());
    else if (f === 2) deviceIds.push(str(b()));
    else return false;
    return true;
  });
  return { resourceName, deviceIds };
}

function claimResource(buf: Uint8Array): ClaimResource {
  const cdiDevices: string[] = [];
  walk(buf, (f, b) => {
    if (f !== 1) return false;
    // CDIDevice { string name = 1; }
    let name = '';
    walk(b(), (g, c) => (g === 1 ? ((name = str(c())), true) : false));
    cdiDevices.push(name);
    return true;
  });
  return { cdiDevices };
}

function dynamicResource(buf: Uint8Array): DynamicResource {
  let claimName = '';
  let claimNamespace = '';
  const claimResources: ClaimResource[] = [];
  walk(buf, (f, b) => {
    if (f === 2) claimName = str(b());
    else if (f === 3) claimNamespace = str(b());
    else if (f === 4) claimResources.push(claimResource(b()));
    else return false;
    return true;
  });
  return { claimName, claimNamespace, claimResources };
}

function containerResources(buf: Uint8Array): ContainerResources {
  let name = '';
  const devices: ContainerDevices[] = [];
  const dynamicResources: DynamicResource[] = [];
  walk(buf, (f, b) => {
    if (f === 1) name = str(b());
    else if (f === 2) devices.push(containerDevices(b()));
    else if (f === 5) dynamicResources.push(dynamicResource(b()));
    else return false;
    return true;
  });
  return { name, devices, dynamicResources };
}

function podResources(buf: Uint8Array): PodResources {
  let name = '';
  let namespace = '';
  const containers: ContainerResources[] = [];
  walk(buf, (f, b) => {
    if (f === 1) name = str(b());
    else if (f === 2) namespace = str(b());
    else if (f === 3) containers.push(containerResources(b()));
    else return false;
    return true;
  });
  return { name, namespace, containers };
}

/** ListPodResourcesResponse { repeated PodResources pod_resources = 1; } */
export function decodeListResponse(buf: Uint8Array): PodResources[] {
  const pods: PodResources[] = [];
  walk(buf, (f, b) => (f === 1 ? (pods.push(podResources(b())), true) : false));
  return pods;
}

/** ListPodResourcesRequest {}: no fields, so zero bytes on the wire. */
export function encodeListRequest(): Buffer {
  return Buffer.alloc(0);
}
