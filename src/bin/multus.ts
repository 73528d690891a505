#!/usr/bin/env node
// Entry point of the thin plugin `multus` (the CNI binary of `"type": "multus"`).
import { readFileSync } from 'node:fs';
import { main } from '../cli/multus/main.ts';

let stdin = '';
try {
  if (process.env.CNI_COMMAND) stdin = readFileSync(0, 'utf8');
} catch {
  // no stdin: the command reports the missing config
}
void main(process.env, stdin).then((out) => {
  process.stdout.write(out.stdout);
  process.stderr.write(out.stderr);
  process.exitCode = out.code;
});
