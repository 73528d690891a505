// pause()/resume(): requests are accepted but not answered until resume, like an apiserver stuck on
// its storage; clients with deadlines time out meanwhile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { call, fake } from './client.ts';

test('held requests are answered after resume', async (t) => {
  const api = await fake(t);
  api.pause();
  let answered = false;
  const pending = call(api, 'GET', '/version').then((r) => {
    answered = true;
    return r;
  });
  await sleep(80);
  assert.equal(answered, false);
  assert.equal(api.requests.length, 1, 'the request arrived');
  api.resume();
  assert.equal((await pending).status, 200);
});
