#!/usr/bin/env node
// Entry point of `multus-daemon` (the thick plugin's node daemon).
import { main } from '../daemon/main.ts';

void main(process.argv.slice(2), process.env).then((code) => {
  process.exitCode = code;
});
