// The few things Multus does inside a pod's network namespace itself (everything else is done by the
// delegates): check the namespace exists, and move default routes (multus.md §3.5). One interface so
// tests can swap it; the implementation runs `ip` inside the namespace with nsenter, because the
// namespace is a path (containerd's /var/run/netns/cni-…, or any bind mount), not always a name.
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { cniError } from '../errors/catalogue.ts';

export interface NetnsOps {
  exists(netnsPath: string): Promise<boolean>;
  /** Remove every route without a destination (default route) of `ifName`, both IP families. */
  deleteDefaultRoutes(netnsPath: string, ifName: string): Promise<void>;
  /** Add a default route via `gateway` on `ifName`; an existing identical route is fine. */
  addDefaultRoute(netnsPath: string, ifName: string, gateway: string): Promise<void>;
}

function run(argv: readonly string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(argv[0], argv.slice(1), { timeout: 10_000 }, (err, _stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stderr: String(stderr) });
    });
  });
}

export class NsenterNetnsOps implements NetnsOps {
  readonly #nsenter: string;
  readonly #ip: string;

  constructor(opts: { nsenter?: string; ip?: string } = {}) {
    this.#nsenter = opts.nsenter ?? 'nsenter';
    this.#ip = opts.ip ?? 'ip';
  }

  async exists(netnsPath: string): Promise<boolean> {
    try {
      statSync(netnsPath);
      return true;
    } catch {
      return false;
    }
  }

  #inNs(netnsPath: string, args: readonly string[]): Promise<{ code: number; stderr: string }> {
    return run([this.#nsenter, `--net=${netnsPath}`, this.#ip, ...args]);
  }

  async deleteDefaultRoutes(netnsPath: string, ifName: string): Promise<void> {
    for (const family of ['-4', '-6']) {
      // one route per call; stop when none is left ("No such process" / "No such file")
      for (let i = 0; i < 64; i++) {
        const r = await this.#inNs(netnsPath, [family, 'route', 'del', 'default', 'dev', ifName]);
        if (r.code !== 0) break;
      }
    }
  }

  async addDefaultRoute(netnsPath: string, ifName: string, gateway: string): Promise<void> {
    const family = gateway.includes(':') ? '-6' : '-4';
    const r = await this.#inNs(netnsPath, [family, 'route', 'add', 'default', 'via', gateway, 'dev', ifName]);
    if (r.code !== 0 && !/File exists/.test(r.stderr)) {
      throw cniError('INTERNAL', `error setting default gateway: ${r.stderr.trim() || `ip exited ${r.code}`}`);
    }
  }
}
