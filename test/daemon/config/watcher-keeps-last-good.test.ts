// Ours (§2.4 quirk, #1155): a primary that cannot be read or checked — half-written, invalid JSON,
// version mismatch, gone — leaves the last good 00-multus.conf; the file is never empty or partial.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { MultusConfigManager } from '../../../src/daemon/config/watcher.ts';
import { confDir, daemonConfig, nextOutcome, put } from './helpers.ts';

test('bad primaries keep the last good file; a good one replaces it', async (t) => {
  const dir = confDir(t);
  const good1 = '{"cniVersion":"0.4.0","name":"k8s-pod-network","plugins":[{"type":"calico"}]}';
  const good2 = '{"cniVersion":"0.4.0","name":"k8s-pod-network","plugins":[{"type":"calico","capabilities":{"bandwidth":true}}]}';
  put(dir, '10-calico.conflist', good1);
  const mgr = new MultusConfigManager({ config: daemonConfig({ cniVersion: '0.4.0', cniConfigDir: dir, multusAutoconfigDir: dir }), debounceMs: 50, resyncIntervalMs: 0 });
  t.after(() => mgr.stop());
  const first = await mgr.start();
  assert.equal(first.kind, 'written');
  const conf = path.join(dir, '00-multus.conf');
  const allowed = new Set([readFileSync(conf, 'utf8')]);

  // Read the file all the time: it must always be one complete good generation.
  let bad: string | undefined;
  const sampler = setInterval(() => {
    const s = readFileSync(conf, 'utf8');
    if (!allowed.has(s)) bad ??= s;
  }, 2);
  t.after(() => clearInterval(sampler));

  const step = async (action: () => void, kind: string, pattern?: RegExp) => {
    const next = nextOutcome(mgr, (o) => o.reason === 'change' && o.kind === kind);
    action();
    const o = await next;
    if (pattern && o.kind === 'kept') assert.match(o.error.message, pattern);
    const text = readFileSync(conf, 'utf8');
    assert.notEqual(text.trim(), '', 'never an empty 00-multus.conf');
    assert.ok(allowed.has(text), `unexpected content: ${text}`);
    return text;
  };

  const last = readFileSync(conf, 'utf8');
  // half-written: the writer stopped in the middle for longer than the debounce
  assert.equal(await step(() => put(dir, '10-calico.conflist', good2.slice(0, 30)), 'kept', /unexpected end of JSON input/), last);
  assert.equal(await step(() => put(dir, '10-calico.conflist', '{"cniVersion":"0.4.0",,}'), 'kept', /invalid character ','/), last);
  assert.equal(await step(() => put(dir, '10-calico.conflist', good1.replace('0.4.0', '0.3.1')), 'kept', /delegate cni version is 0\.3\.1 while top level cni version is 0\.4\.0/), last);
  assert.equal(await step(() => put(dir, '10-calico.conflist', ''), 'kept'), last);

  // a good primary again: written
  allowed.add(`{"capabilities":{"bandwidth":true},"cniVersion":"0.4.0","name":"multus-cni-network","clusterNetwork":"${path.join(dir, '10-calico.conflist')}","type":"multus-shim"}`);
  const now = await step(() => put(dir, '10-calico.conflist', good2), 'written');
  assert.notEqual(now, last);

  // the primary disappearing (and no other candidate): the last good file stays
  assert.equal(await step(() => rmSync(path.join(dir, '10-calico.conflist')), 'kept', /could not find a plugin configuration/), now);
  assert.equal(bad, undefined, `a reader saw ${JSON.stringify(bad)}`);
});

test('with multusMasterCNI, the named primary disappearing keeps the file too', async (t) => {
  const dir = confDir(t);
  put(dir, '10-aws.conflist', '{"cniVersion":"0.4.0","name":"aws-cni","plugins":[{"type":"aws-cni"}]}');
  put(dir, '20-other.conf', '{"cniVersion":"0.4.0","name":"other","type":"bridge"}');
  const mgr = new MultusConfigManager({
    config: daemonConfig({ cniVersion: '0.4.0', cniConfigDir: dir, multusAutoconfigDir: dir, multusMasterCNI: '10-aws.conflist' }),
    debounceMs: 50,
    resyncIntervalMs: 0,
  });
  t.after(() => mgr.stop());
  await mgr.start();
  const before = readFileSync(path.join(dir, '00-multus.conf'), 'utf8');
  const next = nextOutcome(mgr, (o) => o.reason === 'change');
  rmSync(path.join(dir, '10-aws.conflist'));
  const o = await next;
  assert.equal(o.kind, 'kept');
  assert.equal(readFileSync(path.join(dir, '00-multus.conf'), 'utf8'), before, 'never falls back to 20-other.conf');
});

test('no primary at start: nothing is written (the caller waits or exits)', async (t) => {
  const dir = confDir(t);
  const mgr = new MultusConfigManager({ config: daemonConfig({ cniVersion: '0.4.0', cniConfigDir: dir, multusAutoconfigDir: dir }), debounceMs: 50, resyncIntervalMs: 0 });
  t.after(() => mgr.stop());
  const o = await mgr.regenerate('start');
  assert.equal(o.kind, 'kept');
  assert.equal(o.kind === 'kept' && o.error.id, 'CONFIG_NOT_FOUND');
  assert.throws(() => readFileSync(path.join(dir, '00-multus.conf')), { code: 'ENOENT' });
});
