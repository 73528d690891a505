// retryWithBackoff: exponential delays with jitter, capped; bounded by attempts and by total time;
// errors that are not worth retrying are thrown at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay, isTransient, retryWithBackoff } from '../../src/k8s/retry.ts';
import { KubeError } from '../../src/k8s/errors.ts';

const unavailable = () => new KubeError('K8S_UNAVAILABLE', 'down', undefined, { status: 503, reason: 'ServiceUnavailable' });

function fakeClock() {
  let now = 0;
  const waits: number[] = [];
  return {
    waits,
    now: () => now,
    sleep: async (ms: number) => {
      waits.push(ms);
      now += ms;
    },
  };
}

test('delays double from the initial one up to the cap, with jitter added on top', async () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, { initialDelayMs: 10, factor: 2, maxDelayMs: 100 })), [10, 20, 40, 80, 100, 100]);
  const c = fakeClock();
  let n = 0;
  const v = await retryWithBackoff(
    async ({ attempt }) => {
      n = attempt;
      if (attempt < 4) throw unavailable();
      return 'ok';
    },
    isTransient,
    { initialDelayMs: 100, jitter: 0.5, random: () => 1, now: c.now, sleep: c.sleep },
  );
  assert.equal(v, 'ok');
  assert.equal(n, 4);
  assert.deepEqual(c.waits, [150, 300, 600]);
});

test('bounded by attempts and by total time; remainingMs tells each attempt its budget', async () => {
  const c = fakeClock();
  let calls = 0;
  await assert.rejects(
    retryWithBackoff(async () => {
      calls++;
      throw unavailable();
    }, isTransient, { attempts: 3, initialDelayMs: 1, now: c.now, sleep: c.sleep }),
    /down/,
  );
  assert.equal(calls, 3);

  const c2 = fakeClock();
  const budgets: number[] = [];
  await assert.rejects(
    retryWithBackoff(async ({ remainingMs }) => {
      budgets.push(remainingMs);
      throw unavailable();
    }, isTransient, { attempts: 100, initialDelayMs: 100, factor: 2, jitter: 0, totalTimeoutMs: 1000, now: c2.now, sleep: c2.sleep }),
    /down/,
  );
  // 100 + 200 + 400 = 700 ms waited; the next wait (800) would pass 1000 ms, so it stops there
  assert.deepEqual(c2.waits, [100, 200, 400]);
  assert.deepEqual(budgets, [1000, 900, 700, 300]);
});

test('an error that is not retriable is thrown at once', async () => {
  const c = fakeClock();
  let calls = 0;
  const notFound = new KubeError('K8S_NOT_FOUND', 'pods "x" not found', undefined, { status: 404, reason: 'NotFound' });
  await assert.rejects(
    retryWithBackoff(async () => {
      calls++;
      throw notFound;
    }, isTransient, { now: c.now, sleep: c.sleep }),
    (e) => e === notFound,
  );
  assert.equal(calls, 1);
  assert.deepEqual(c.waits, []);
});
