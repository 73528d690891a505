import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadDelegate } from '../../src/multus/delegate.ts';
import { delegateCachePath, readDelegateCache, removeDelegateCache, writeDelegateCache } from '../../src/multus/delegate-cache.ts';
import { parseNetworkSelection } from '../../src/multus/selection.ts';
import { tempDir } from '../support/tmp.ts';
import { throwsCni } from './helpers.ts';

test('S80: written to <cniDir>/<containerID> (dir 0700, file 0600), read back equal, removed', async (t) => {
  const cniDir = path.join(tempDir(t), 'cniData');
  const [sel] = parseNetworkSelection('[{"name":"net1","interface":"eth9","ips":["10.0.0.1"],"default-route":[],"deviceID":"d1"}]', 'test');
  const delegates = [
    loadDelegate('{"name":"weave1","cniVersion":"1.0.0","plugins":[{"type":"weave-net","big":12345678901234567890}]}'),
    loadDelegate('{"cniVersion":"1.0.0","type":"mynet","name":"net1"}', { selection: sel }),
  ];
  await writeDelegateCache(cniDir, '123456789', delegates);
  assert.equal(statSync(cniDir).mode & 0o777, 0o700);
  assert.equal(statSync(path.join(cniDir, '123456789')).mode & 0o777, 0o600);
  assert.deepEqual(readdirSync(cniDir), ['123456789']); // no temp file left behind
  const back = await readDelegateCache(cniDir, '123456789');
  // portMappings/bandwidth are not cached (as Go); everything else round-trips.
  assert.deepEqual(back, delegates);
  assert.equal(await removeDelegateCache(cniDir, '123456789'), true);
  assert.equal(await readDelegateCache(cniDir, '123456789'), undefined);
  assert.equal(await removeDelegateCache(cniDir, '123456789'), false);
});

test('a corrupt cache is a CACHE_READ error; an empty array is no delegates', async (t) => {
  const dir = tempDir(t);
  for (const [text, why] of [['[{"Bytes":', /Unexpected end|JSON/], ['{}', /not a JSON array/], ['[{"Bytes":"***"}]', /\[0\]\.Bytes is not valid base64/],
    ['[{"Name":1}]', /\[0\]\.Name is not a string/], ['[{"default-route":["x"]}]', /invalid IP address: x/]] as const) {
    writeFileSync(path.join(dir, 'c1'), text);
    await assert.rejects(readDelegateCache(dir, 'c1'), (e: unknown) => {
      assert.equal((e as { id: string }).id, 'CACHE_READ');
      assert.match((e as Error).message, why);
      return true;
    });
  }
  writeFileSync(path.join(dir, 'c1'), '[]');
  assert.deepEqual(await readDelegateCache(dir, 'c1'), []);
});

test('container ids are validated so the path never leaves cniDir; an empty cniDir is refused (S92)', () => {
  for (const bad of ['../etc', 'a/b', '.hidden', '', '..']) throwsCni(() => delegateCachePath('/var/lib/cni/multus', bad), /containerID/);
  throwsCni(() => delegateCachePath('', 'abc'), /cniDir is empty/);
  assert.equal(delegateCachePath('/var/lib/cni/multus', 'abc-1.2_3'), '/var/lib/cni/multus/abc-1.2_3');
});
