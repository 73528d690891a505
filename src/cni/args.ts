// Runtime argument validation exactly as libcni does it before an ADD (cni.md §2.5): the same order,
// codes and messages, so a runtime sees the same error from us as from Go tooling. CHECK, DEL, GC and
// STATUS are not validated by libcni (a DEL must go through whatever the ADD left behind).
import { cniError } from '../errors/catalogue.ts';

const CONTAINER_ID = /^[a-zA-Z0-9][a-zA-Z0-9_.\-]*$/;
const NETWORK_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.\-]*$/;
const MAX_IFNAME_BYTES = 15;

export function validateContainerId(id: string): void {
  if (id === '') throw cniError('CONTAINER_ID_MISSING', 'missing containerID');
  if (!CONTAINER_ID.test(id)) throw cniError('CONTAINER_ID_INVALID', 'invalid characters in containerID', id);
}

export function validateNetworkName(name: string): void {
  if (name === '') throw cniError('NETWORK_NAME_MISSING', 'missing network name:');
  if (!NETWORK_NAME.test(name)) throw cniError('NETWORK_NAME_INVALID', 'invalid characters found in network name', name);
}

export function validateInterfaceName(ifName: string): void {
  if (ifName === '') throw cniError('IFNAME_INVALID', 'interface name is empty');
  if (Buffer.byteLength(ifName, 'utf8') > MAX_IFNAME_BYTES) {
    throw cniError('IFNAME_INVALID', 'interface name is too long', 'interface name should be less than 16 characters');
  }
  if (ifName === '.' || ifName === '..') throw cniError('IFNAME_INVALID', 'interface name is . or ..');
  if (/[/:\s]/u.test(ifName)) throw cniError('IFNAME_INVALID', 'interface name contains / or : or whitespace characters');
}

/** libcni's ADD validation, in its order: container id, network name, interface name. */
export function validateAddArgs(containerID: string, networkName: string, ifName: string): void {
  validateContainerId(containerID);
  validateNetworkName(networkName);
  validateInterfaceName(ifName);
}
