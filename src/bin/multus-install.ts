#!/usr/bin/env node
// Entry point of the DaemonSet init container's install step: `multus-install -d <host cni bin dir>
// <file>...` copies each file in atomically, overwriting (temp file, fsync, rename; Multus #1221).
import { runInstallCommand } from '../daemon/config/install.ts';

void runInstallCommand(process.argv.slice(2), { stdout: (l) => process.stdout.write(`${l}\n`), stderr: (l) => process.stderr.write(`${l}\n`) }).then((code) => {
  process.exitCode = code;
});
