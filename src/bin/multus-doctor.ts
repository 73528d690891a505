#!/usr/bin/env node
// Entry point of `multus-doctor` (see src/cli/doctor/main.ts).
import { main } from '../cli/doctor/main.ts';

void main(process.argv.slice(2)).then((out) => {
  process.stdout.write(out.stdout);
  process.exitCode = out.code;
});
