import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkGatewayConfig, defaultRouteActions } from '../../src/multus/default-route.ts';
import { throwsCni } from './helpers.ts';

const d = (gatewayRequest?: string[]) => ({ name: 'x', filterV4Gateway: false, filterV6Gateway: false, ...(gatewayRequest ? { gatewayRequest } : {}) });

test('no default-route anywhere: flags stay false', () => {
  const out = checkGatewayConfig([d(), d()]);
  assert.deepEqual(out.map((x) => [x.filterV4Gateway, x.filterV6Gateway]), [[false, false], [false, false]]);
});

test('S31, S32, S34: every delegate filters, except the families it asks a gateway for', () => {
  const [master, s31] = checkGatewayConfig([d(), d(), d(['10.1.1.1', 'fc00::1'])]);
  assert.deepEqual([master.filterV4Gateway, master.filterV6Gateway], [true, true]);
  assert.deepEqual([s31.filterV4Gateway, s31.filterV6Gateway], [true, true]);
  const s32 = checkGatewayConfig([d(), d([])])[1];
  assert.deepEqual([s32.gatewayRequest, s32.filterV4Gateway, s32.filterV6Gateway], [[], true, true]);
  const s34 = checkGatewayConfig([d(['10.1.1.1', 'fc00::1'])])[0];
  assert.deepEqual([s34.filterV4Gateway, s34.filterV6Gateway], [false, false]);
});

test('V1: two IPv4 gateways across the pod is ECMP, refused', () => {
  throwsCni(() => checkGatewayConfig([d(), d(['10.1.1.1']), d(['10.2.2.1'])]), 'multus does not support ECMP for default-route');
  throwsCni(() => checkGatewayConfig([d(['fc00::1', 'fc00::2'])]), 'multus does not support ECMP for default-route');
});

test('§3.5: what to do after each ADD', () => {
  const [master, gw, other] = checkGatewayConfig([d(), d(['10.1.1.1']), d()]);
  assert.deepEqual(defaultRouteActions(master), { deleteV4: true, deleteV6: true, add: false });
  assert.deepEqual(defaultRouteActions(gw), { deleteV4: true, deleteV6: true, add: true });
  assert.deepEqual(defaultRouteActions(other), { deleteV4: true, deleteV6: true, add: false });
  assert.deepEqual(defaultRouteActions(d()), { deleteV4: false, deleteV6: false, add: false });
  assert.deepEqual(defaultRouteActions(d([])), { deleteV4: false, deleteV6: false, add: false });
});
