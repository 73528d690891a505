// §2.2: validated once at start; every error names the key and the fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadDaemonConfig, parseDaemonConfig } from '../../../src/daemon/config/daemon-config.ts';
import { CniError } from '../../../src/errors/catalogue.ts';
import { tempDir } from './helpers.ts';

function refuse(text: string, id: string, ...parts: (string | RegExp)[]): void {
  assert.throws(() => parseDaemonConfig(text, { env: {}, source: '/etc/d.json' }), (e: unknown) => {
    assert.ok(e instanceof CniError);
    assert.equal(e.id, id);
    assert.match(e.message, /^daemon config \/etc\/d\.json: /);
    for (const p of parts) {
      if (typeof p === 'string') assert.ok(e.message.includes(p), `${JSON.stringify(e.message)} lacks ${JSON.stringify(p)}`);
      else assert.match(e.message, p);
    }
    return true;
  });
}

test('syntax errors and non-objects', () => {
  refuse('{"cniVersion":', 'CONFIG_PARSE', 'invalid JSON: unexpected end of JSON input');
  refuse('[]', 'CONFIG_PARSE', 'must be a JSON object', 'write e.g.');
});

test('type errors name the key and the fix', () => {
  refuse('{"cniVersion":"0.3.1","metricsPort":"9091"}', 'CONFIG_INVALID', '"metricsPort" must be an integer', 'write e.g. "metricsPort": 9091');
  refuse('{"cniVersion":"0.3.1","logToStderr":"true"}', 'CONFIG_INVALID', '"logToStderr" must be true or false', 'write "logToStderr": true');
  refuse('{"cniVersion":3}', 'CONFIG_INVALID', '"cniVersion" must be a string', 'write e.g. "cniVersion": "0.3.1"');
  refuse('{"cniVersion":"0.3.1","capabilities":{"portMappings":"yes"}}', 'CONFIG_INVALID', '"capabilities.portMappings" must be true or false');
  refuse('{"cniVersion":"0.3.1","logOptions":{"maxAge":"5"}}', 'CONFIG_INVALID', '"logOptions.maxAge" must be an integer');
  refuse('{"cniVersion":"0.3.1","delegateConcurrency":0}', 'CONFIG_INVALID', '"delegateConcurrency" must be between 1 and', 'write e.g. "delegateConcurrency": 16');
});

test('auto mode needs a cniVersion multus-ts implements', () => {
  refuse('{}', 'CONFIG_INVALID', '"cniVersion" is required when "multusConfigFile" is "auto"', 'write e.g. "cniVersion": "0.3.1"');
  refuse('{"cniVersion":"0.5.0"}', 'CONFIG_INVALID', '"cniVersion" is not a CNI version', '"1.1.0"');
});

test('paths must be absolute', () => {
  refuse('{"cniVersion":"0.3.1","socketDir":"run/multus"}', 'CONFIG_INVALID', '"socketDir" must be an absolute path', 'write e.g. "socketDir": "/host/run/multus/"');
  refuse('{"cniVersion":"0.3.1","readinessindicatorfile":"ready"}', 'CONFIG_INVALID', '"readinessindicatorfile" must be an absolute path');
  refuse('{"cniVersion":"0.3.1","localSource":{"nadDir":"nads","statusDir":"/s"}}', 'CONFIG_INVALID', '"localSource.nadDir" must be an absolute path');
});

test('multusMasterCNI is a file name in multusAutoconfigDir, never our own output', () => {
  refuse('{"cniVersion":"0.3.1","multusMasterCNI":"/etc/cni/net.d/10-aws.conflist"}', 'CONFIG_INVALID', '"multusMasterCNI" names a file inside "multusAutoconfigDir"', '"10-aws.conflist"');
  refuse('{"cniVersion":"0.3.1","multusMasterCNI":"00-multus.conf"}', 'CONFIG_INVALID', 'would make Multus call itself');
});

test('logLevel must be a Multus level; localSource needs both dirs; an enabled per-node certificate needs its paths', () => {
  refuse('{"cniVersion":"0.3.1","logLevel":"info"}', 'CONFIG_INVALID', '"logLevel" is not a level', '"debug", "verbose", "error", "panic"');
  refuse('{"cniVersion":"0.3.1","localSource":{"nadDir":"/n"}}', 'CONFIG_INVALID', '"localSource" needs "nadDir" and "statusDir"');
  refuse('{"cniVersion":"0.3.1","perNodeCertificate":{"enabled":true}}', 'CONFIG_INVALID', '"perNodeCertificate" is enabled but lacks');
  refuse('{"cniVersion":"0.3.1","perNodeCertificate":{"certDuration":"ten minutes"}}', 'CONFIG_INVALID', '"perNodeCertificate.certDuration" is not a positive Go duration');
});

test('a key that would break every request (§2.5) is refused at start', () => {
  refuse('{"cniVersion":"0.3.1","defaultNetworks":"macvlan"}', 'CONFIG_INVALID', 'every CNI request receives this file', 'NetConf.defaultNetworks', 'fix or remove that key');
});

test('loading: a missing file says where it was looked for', async (t) => {
  const dir = tempDir(t);
  const missing = path.join(dir, 'daemon-config.json');
  await assert.rejects(loadDaemonConfig(missing), (e: unknown) => e instanceof CniError && e.id === 'CONFIG_NOT_FOUND' && e.message.includes(missing) && e.message.includes('-config'));
  writeFileSync(missing, '{"cniVersion":"1.0.0"}');
  const c = await loadDaemonConfig(missing, { env: {} });
  assert.equal(c.source, missing);
  assert.equal(c.cniVersion, '1.0.0');
});
