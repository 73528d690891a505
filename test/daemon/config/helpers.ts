// Shared by the daemon config tests: temp dirs with files, a daemon config, waiting for regenerations.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseDaemonConfig, type DaemonConfig } from '../../../src/daemon/config/daemon-config.ts';
import type { MultusConfigManager, RegenerationOutcome } from '../../../src/daemon/config/watcher.ts';
import { tempDir, type AfterHost } from '../../support/tmp.ts';

export { tempDir };

export function put(dir: string, name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

/** A daemon config over `keys` (JSON object members), with an empty env. */
export function daemonConfig(keys: Record<string, unknown>): DaemonConfig {
  return parseDaemonConfig(JSON.stringify(keys), { env: {} });
}

/** A temp dir used as both cniConfigDir and multusAutoconfigDir (as the Multus manifest does). */
export function confDir(t: AfterHost): string {
  return tempDir(t, 'mts-netd-');
}

/** The next outcome satisfying `pred`, or a rejection after `ms`. */
export function nextOutcome(
  mgr: MultusConfigManager,
  pred: (o: RegenerationOutcome) => boolean = () => true,
  ms = 3000,
): Promise<RegenerationOutcome> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no matching regeneration within ${ms} ms`));
    }, ms);
    const off = mgr.onRegenerated((o) => {
      if (!pred(o)) return;
      clearTimeout(timer);
      off();
      resolve(o);
    });
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
