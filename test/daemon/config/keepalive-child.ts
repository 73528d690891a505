// Child of watcher-stop.test.ts: starts a manager, never stops it, and must exit by itself.
import { parseDaemonConfig } from '../../../src/daemon/config/daemon-config.ts';
import { MultusConfigManager } from '../../../src/daemon/config/watcher.ts';

const dir = process.argv[2];
const config = parseDaemonConfig(JSON.stringify({ cniVersion: '1.0.0', cniConfigDir: dir, multusAutoconfigDir: dir }), { env: {} });
const mgr = new MultusConfigManager({ config, debounceMs: 20, resyncIntervalMs: 1000 });
const o = await mgr.start();
process.stdout.write(`${o.kind}\n`);
