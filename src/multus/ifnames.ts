// Interface names inside the pod (multus.md §1.5, Appendix B.1), Go's getIfname:
//   1. an explicit request (`@ifname`, `interface`; cached as `ifnameRequest`) wins — also for the master,
//      which only ever has one through the default-network annotation;
//   2. otherwise the master (delegate #0) gets the runtime's CNI_IFNAME;
//   3. otherwise `net<i>`, i = the delegate's position in the FULL delegate list (cluster network = 0,
//      explicit names consume an index): `a@foo,b` → eth0, foo, net2.
// DEL recomputes the names from the cached requests with the same rule, so a cache written by Go Multus
// names the same interfaces.
import { CniError } from '../errors/catalogue.ts';

export interface IfnameSource {
  readonly ifnameRequest?: string;
}

/** The interface name of the delegate at `index` (index 0 is the master). */
export function delegateIfname(d: IfnameSource, cniIfname: string, index: number): string {
  if (d.ifnameRequest) return d.ifnameRequest;
  if (index === 0) return cniIfname;
  return `net${index}`;
}

/**
 * Every delegate's interface name, for ADD. Two delegates with the same name would make the second ADD
 * fail half-way (Go notices only then, in the netns: `validateIfName: interface name <n> already
 * exists`); we refuse the request before anything runs. DEL should use delegateIfname per delegate
 * instead, so that a bad cache can still be torn down.
 */
export function assignIfnames(delegates: readonly IfnameSource[], cniIfname: string): string[] {
  const names = delegates.map((d, i) => delegateIfname(d, cniIfname, i));
  const seen = new Map<string, number>();
  names.forEach((n, i) => {
    const first = seen.get(n);
    if (first !== undefined) {
      throw new CniError('CONFIG_INVALID', `interface name ${n} is used by more than one network of the pod (delegates ${first} and ${i})`);
    }
    seen.set(n, i);
  });
  return names;
}
