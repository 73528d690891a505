// HTTPS with a CA generated at test time: trusted with caPem, refused without it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import https from 'node:https';
import { X509Certificate } from 'node:crypto';
import { call, fake } from './client.ts';

test('HTTPS verifies against the generated CA and not without it', async (t) => {
  const api = await fake(t, { https: true, token: 'tok' });
  assert.match(api.url, /^https:\/\/127\.0\.0\.1:\d+$/);
  assert.ok(api.caPem?.includes('BEGIN CERTIFICATE'));
  const ca = new X509Certificate(api.caPem as string);
  assert.ok(ca.ca);
  const r = await call(api, 'GET', '/version', { token: 'tok' });
  assert.equal(r.status, 200);
  const untrusted = await new Promise<Error>((resolve) => {
    https.get(`${api.url}/version`, { agent: false }, () => resolve(new Error('unexpectedly trusted'))).on('error', resolve);
  });
  assert.match(String((untrusted as { code?: string }).code), /SELF_SIGNED|UNABLE_TO_VERIFY|DEPTH_ZERO/);
});
