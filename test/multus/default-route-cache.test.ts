import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDefaultRoutes, deleteDefaultRoutes } from '../../src/multus/default-route.ts';
import { deepFreeze } from '../../src/multus/freeze.ts';
import { throwsCni } from './helpers.ts';

// S94 fixture: a 0.2.0-style result without cniVersion.
const legacy = deepFreeze({
  ip4: { ip: '10.0.0.2/24', routes: [{ dst: '20.0.0.0/24', gw: '10.0.0.1' }, { dst: '0.0.0.0/0', gw: '10.0.0.1' }, { dst: '30.0.0.0/24', gw: '10.0.0.1' }] },
  ip6: { ip: 'fd00::2/64', routes: [{ dst: '20::0:0:0/56', gw: 'fd00::1' }, { dst: '::0/0', gw: 'fd00::1' }, { dst: '30::0:0:0/64', gw: 'fd00::1' }] },
});

test('S94: legacy results edit ip4/ip6 routes per family (input untouched)', () => {
  const v4 = deleteDefaultRoutes(legacy, { v4: true, v6: false }) as { ip4: { routes: { dst: string }[] }; ip6: { routes: unknown[] } };
  assert.deepEqual(v4.ip4.routes.map((r) => r.dst), ['20.0.0.0/24', '30.0.0.0/24']);
  assert.equal(v4.ip6.routes.length, 3);
  const v6 = deleteDefaultRoutes(legacy, { v4: false, v6: true }) as { ip4: { routes: unknown[] }; ip6: { routes: { dst: string }[] } };
  assert.equal(v6.ip4.routes.length, 3);
  assert.deepEqual(v6.ip6.routes.map((r) => r.dst), ['20::0:0:0/56', '30::0:0:0/64']);
  assert.equal(legacy.ip4.routes.length, 3);
});

test('S96, S100: an emptied routes key is removed; then a default route can be added', () => {
  const del = deleteDefaultRoutes({ cniVersion: '1.1.0', routes: [{ dst: '0.0.0.0/0', gw: '10.1.1.1' }] }, { v4: true, v6: false });
  assert.deepEqual(del, { cniVersion: '1.1.0' });
  assert.deepEqual(addDefaultRoutes(del, ['10.1.1.1']), { cniVersion: '1.1.0', routes: [{ dst: '0.0.0.0/0', gw: '10.1.1.1' }] });
  const v6 = deleteDefaultRoutes({ cniVersion: '1.0.0', routes: [{ dst: '::0/0', gw: '10::1:1:1' }] }, { v4: false, v6: true });
  assert.deepEqual(addDefaultRoutes(v6, ['10::1:1:1']), { cniVersion: '1.0.0', routes: [{ dst: '::0/0', gw: '10::1:1:1' }] });
});

test('S97: legacy add appends to ip4/ip6 routes (`::/0` there), only where the section exists', () => {
  const r = addDefaultRoutes({ ip4: { ip: '10.0.0.2/24' } }, ['10.1.1.1', '10::1:1:1']) as { ip4: { routes: unknown[] }; ip6?: unknown };
  assert.deepEqual(r.ip4.routes, [{ dst: '0.0.0.0/0', gw: '10.1.1.1' }]);
  assert.equal(r.ip6, undefined);
  const both = addDefaultRoutes(legacy, ['10.1.1.1', '10::1:1:1']) as { ip4: { routes: unknown[] }; ip6: { routes: unknown[] } };
  assert.equal(both.ip4.routes.length, 4);
  assert.deepEqual(both.ip6.routes[3], { dst: '::/0', gw: '10::1:1:1' });
});

test('S99: every v4 default route goes; dst-less routes too; `::/0` is not `::0/0` [quirk]', () => {
  const r = deleteDefaultRoutes({ cniVersion: '0.4.0', routes: [{ dst: '0.0.0.0/0', gw: '10.1.1.1' }, { dst: '10.1.1.0/24' }, { dst: '0.0.0.0/0', gw: '10.1.1.1' }] }, { v4: true, v6: false });
  assert.deepEqual(r, { cniVersion: '0.4.0', routes: [{ dst: '10.1.1.0/24' }] });
  const q = deleteDefaultRoutes({ cniVersion: '0.3.1', routes: [{ dst: '::/0' }, { gw: '1.1.1.1' }] }, { v4: false, v6: true });
  assert.deepEqual(q, { cniVersion: '0.3.1', routes: [{ dst: '::/0' }] });
});

test('unknown versions and malformed results are errors', () => {
  throwsCni(() => deleteDefaultRoutes({ cniVersion: '0.2.5', routes: [] }, { v4: true, v6: true }), 'not supported version: 0.2.5');
  throwsCni(() => deleteDefaultRoutes({ cniVersion: 1 }, { v4: true, v6: true }), 'wrong cniVersion format: 1');
  throwsCni(() => deleteDefaultRoutes({ cniVersion: '1.0.0', routes: {} }, { v4: true, v6: true }), 'wrong routes format: {}');
  throwsCni(() => addDefaultRoutes({ cniVersion: '1.0.0', routes: [] }, ['nope']), 'invalid IP address: nope');
  throwsCni(() => deleteDefaultRoutes([], { v4: true, v6: true }), 'wrong result type: []');
});
