#!/usr/bin/env node
// `passthru` (Multus' cmd/passthru-cni, multus.md §1.2): the head of the auxiliary CNI chain. ADD prints
// an empty result of the config's version so the chain's plugins get an (empty) prevResult; every other
// command does nothing. Versions 0.3.0–1.1.0, as Multus'.
import { readFileSync } from 'node:fs';

const VERSIONS = ['0.3.0', '0.3.1', '0.4.0', '1.0.0', '1.1.0'];

function main(): number {
  const command = process.env.CNI_COMMAND ?? '';
  let stdin = '';
  try {
    stdin = readFileSync(0, 'utf8');
  } catch {
    // no stdin
  }
  let version = '';
  try {
    const v = (JSON.parse(stdin) as { cniVersion?: unknown }).cniVersion;
    if (typeof v === 'string') version = v;
  } catch {
    if (command !== 'VERSION') {
      process.stdout.write(`${JSON.stringify({ code: 6, msg: 'passthru: the config on stdin is not JSON' })}\n`);
      return 1;
    }
  }
  if (command === 'VERSION') {
    process.stdout.write(`${JSON.stringify({ cniVersion: version || '1.1.0', supportedVersions: VERSIONS })}\n`);
    return 0;
  }
  if (command !== 'ADD') return 0;
  if (!VERSIONS.includes(version)) {
    process.stdout.write(`${JSON.stringify({ code: 1, msg: `passthru: incompatible CNI versions: config is "${version}", plugin supports ${JSON.stringify(VERSIONS)}` })}\n`);
    return 1;
  }
  process.stdout.write(`${JSON.stringify({ cniVersion: version, interfaces: [], ips: [], routes: [], dns: {} })}\n`);
  return 0;
}

process.exitCode = main();
