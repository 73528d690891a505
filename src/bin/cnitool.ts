#!/usr/bin/env node
// Entry point of the `cnitool` bin: everything testable lives in src/cli/cnitool.
import { main } from '../cli/cnitool/main.ts';

void main(process.argv.slice(2), process.env).then((out) => {
  process.stdout.write(out.stdout);
  process.stderr.write(out.stderr);
  process.exitCode = out.code;
});
