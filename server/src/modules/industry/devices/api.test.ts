import type { DeviceDetail, DeviceList, DeviceTokenIssued, DeviceTypeView } from '@yuanqi/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnterpriseRow } from '../../../db/schema.js';
import { clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../../test/harness.js';
import { buildEnterprise, buildPark, buildUser, type TestPark } from '../../../../test/factories.js';

const NOW = new Date('2026-12-07T02:00:00Z');

let t: TestApp;
let park: TestPark;
let firm: EnterpriseRow;
let otherFirm: EnterpriseRow;
let firmUser: Client;
let otherFirmUser: Client;
let liaison: Client;
let dispatcher: Client;
let leader: Client;
let foreignDispatcher: Client;

beforeAll(async () => {
  t = await createTestApp({}, NOW);
  park = await buildPark(t.ctx.db);
  const otherPark = await buildPark(t.ctx.db, '另一个园区');
  const liaisonRow = await buildUser(t.ctx.db, park, { roles: ['liaison'] });
  firm = await buildEnterprise(t.ctx.db, park, { liaison_id: liaisonRow.id, is_above_scale: true });
  otherFirm = await buildEnterprise(t.ctx.db, park, { is_above_scale: true });
  firmUser = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: firm.id }));
  otherFirmUser = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: otherFirm.id }));
  liaison = await clientAs(t, liaisonRow);
  dispatcher = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['dispatcher'] }));
  leader = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['leader'] }));
  foreignDispatcher = await clientAs(t, await buildUser(t.ctx.db, otherPark, { roles: ['dispatcher'] }));
});
afterAll(async () => {
  await t.close();
});

function post(deviceId: string, token: string, readings: unknown[]) {
  return t.app.inject({ method: 'POST', url: `/api/industry/devices/${deviceId}/telemetry`, headers: { authorization: `Bearer ${token}` }, payload: { readings } });
}

describe('device types', () => {
  it('every park starts with the built-in types; the office adds its own with metrics', async () => {
    const list = await firmUser.get('/api/industry/device-types');
    expect(list.statusCode).toBe(200);
    const types: DeviceTypeView[] = list.json();
    expect(types.map((x) => x.code)).toEqual(expect.arrayContaining(['power_meter', 'line_counter', 'furnace', 'safety_sensor', 'env_sensor']));
    expect(types.find((x) => x.code === 'power_meter')!.metrics.find((m) => m.key === 'energy_kwh')).toMatchObject({ kind: 'counter', energy: true });

    const body = {
      code: 'air_compressor',
      label: '空压机',
      metrics: [
        { key: 'pressure_mpa', label: '排气压力', unit: 'MPa', kind: 'gauge', min: 0, max: 2 },
        { key: 'energy_kwh', label: '累计电量', unit: 'kWh', kind: 'counter', min: 0, energy: true },
        { key: 'running', label: '运行', kind: 'flag' },
      ],
    };
    expect((await firmUser.post('/api/industry/device-types', body)).statusCode).toBe(403);
    const created = await dispatcher.post('/api/industry/device-types', body);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().metrics[2]).toMatchObject({ key: 'running', kind: 'flag', min: 0, max: 1, unit: '' });
    const again = await dispatcher.post('/api/industry/device-types', body);
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).details[0]).toEqual({ path: 'code', message: '类型编码已存在' });
    // another park does not see it
    const foreign: DeviceTypeView[] = (await foreignDispatcher.get('/api/industry/device-types')).json();
    expect(foreign.map((x) => x.code)).not.toContain('air_compressor');

    // a device of the new type reports its metrics; the range applies
    const reg = await firmUser.post('/api/industry/devices', { code: 'AC-1', name: '1号空压机', typeCode: 'air_compressor' });
    expect(reg.statusCode, reg.body).toBe(201);
    const { device, token }: DeviceTokenIssued = reg.json();
    const res = await post(device.id, token, [
      { metric: 'pressure_mpa', value: 0.8 },
      { metric: 'pressure_mpa', value: 3, ts: '2026-12-07T01:59:00Z' },
      { metric: 'running', value: false },
    ]);
    expect(res.json()).toMatchObject({ accepted: 2, rejected: 1, rejectedByReason: { out_of_range: 1 } });
    // in use: cannot be deleted; built-ins never
    expect((await dispatcher.delete('/api/industry/device-types/air_compressor')).statusCode).toBe(409);
    expect((await dispatcher.delete('/api/industry/device-types/furnace')).statusCode).toBe(409);
  });

  it('refuses a bad type with messages naming the field', async () => {
    const bad = await dispatcher.post('/api/industry/device-types', {
      code: 'Bad Code',
      label: '',
      metrics: [
        { key: 'a', label: '甲', kind: 'gauge', min: 5, max: 1 },
        { key: 'b', label: '乙', kind: 'gauge', energy: true },
      ],
    });
    expect(bad.statusCode).toBe(400);
    const messages = errorOf(bad).details.map((d) => d.message).join(';');
    expect(messages).toContain('类型编码须为小写字母开头');
    expect(messages).toContain('类型名称不能为空');
    expect(messages).toContain('下限不能大于上限');
    expect(messages).toContain('电量指标须为累计值');
    const dup = await dispatcher.post('/api/industry/device-types', { code: 'dup_type', label: '重复', metrics: [{ key: 'a', label: '甲', kind: 'gauge' }, { key: 'a', label: '乙', kind: 'gauge' }] });
    expect(dup.statusCode).toBe(400);
    expect(errorOf(dup).message).toContain('指标编码不能重复');
    // an unused custom type can be deleted
    expect((await dispatcher.post('/api/industry/device-types', { code: 'temp_type', label: '临时', metrics: [{ key: 'a', label: '甲', kind: 'gauge' }] })).statusCode).toBe(201);
    expect((await dispatcher.delete('/api/industry/device-types/temp_type')).statusCode).toBe(204);
  });
});

describe('registering and editing devices', () => {
  it('validates the form and keeps codes unique in the park', async () => {
    const empty = await firmUser.post('/api/industry/devices', { code: '', name: ' ', typeCode: '' });
    expect(empty.statusCode).toBe(400);
    const paths = errorOf(empty).details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['code', 'name', 'typeCode']));
    const badCode = await firmUser.post('/api/industry/devices', { code: '中文 编号', name: '设备', typeCode: 'furnace' });
    expect(errorOf(badCode).details[0]!.message).toContain('设备编号只能用字母');
    const unknownType = await firmUser.post('/api/industry/devices', { code: 'X-9', name: '设备', typeCode: 'no_such' });
    expect(unknownType.statusCode).toBe(400);
    expect(errorOf(unknownType).details[0]).toEqual({ path: 'typeCode', message: '设备类型不存在' });
    expect((await firmUser.post('/api/industry/devices', { code: 'UNIQ-1', name: '设备一', typeCode: 'furnace' })).statusCode).toBe(201);
    const dup = await otherFirmUser.post('/api/industry/devices', { code: 'UNIQ-1', name: '设备二', typeCode: 'furnace' });
    expect(dup.statusCode).toBe(409);
    expect(errorOf(dup).details[0]!.path).toBe('code');
    // the office must name the firm; then it may register for any firm of its park
    const noFirm = await dispatcher.post('/api/industry/devices', { code: 'OFF-1', name: '办公室登记', typeCode: 'furnace' });
    expect(noFirm.statusCode).toBe(400);
    expect(errorOf(noFirm).details[0]!.path).toBe('enterpriseId');
    const forFirm = await dispatcher.post('/api/industry/devices', { enterpriseId: otherFirm.id, code: 'OFF-1', name: '办公室登记', typeCode: 'furnace' });
    expect(forFirm.statusCode).toBe(201);
    expect(forFirm.json().device.enterpriseId).toBe(otherFirm.id);
    // a liaison registers for its assigned firm only
    expect((await liaison.post('/api/industry/devices', { enterpriseId: firm.id, code: 'LIA-1', name: '专员登记', typeCode: 'furnace' })).statusCode).toBe(201);
    expect((await liaison.post('/api/industry/devices', { enterpriseId: otherFirm.id, code: 'LIA-2', name: '专员登记', typeCode: 'furnace' })).statusCode).toBe(404);
    // a leader reads but does not register
    expect((await leader.post('/api/industry/devices', { enterpriseId: firm.id, code: 'LEAD-1', name: '领导', typeCode: 'furnace' })).statusCode).toBe(403);
    // another park's office does not reach this park's firm
    expect((await foreignDispatcher.post('/api/industry/devices', { enterpriseId: firm.id, code: 'FOR-1', name: '外园区', typeCode: 'furnace' })).statusCode).toBe(404);
  });

  it('edits with the version (a stale one is 409), disables and enables, and audits each change', async () => {
    const { device }: DeviceTokenIssued = (await firmUser.post('/api/industry/devices', { code: 'EDIT-1', name: '改名前', typeCode: 'env_sensor', location: '一车间' })).json();
    const edited = await firmUser.patch(`/api/industry/devices/${device.id}`, { name: '改名后', location: '', version: device.version });
    expect(edited.statusCode, edited.body).toBe(200);
    const after: DeviceDetail = edited.json();
    expect(after).toMatchObject({ name: '改名后', location: null, version: device.version + 1 });
    expect((await firmUser.patch(`/api/industry/devices/${device.id}`, { name: '再改', version: device.version })).statusCode).toBe(409);
    const disabled = await liaison.post(`/api/industry/devices/${device.id}/disable`, { version: after.version });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({ status: 'disabled', online: false });
    expect((await liaison.post(`/api/industry/devices/${device.id}/disable`, { version: after.version + 1 })).statusCode).toBe(409);
    // a leader reads it but may not change it
    const seen = await leader.get(`/api/industry/devices/${device.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().canManage).toBe(false);
    expect((await leader.post(`/api/industry/devices/${device.id}/enable`, { version: after.version + 1 })).statusCode).toBe(403);
    expect((await dispatcher.post(`/api/industry/devices/${device.id}/enable`, { version: after.version + 1 })).statusCode).toBe(200);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity_id', '=', device.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['iot_device.create', 'iot_device.update', 'iot_device.disable', 'iot_device.enable']);
    expect(audit[1]!.before).toMatchObject({ name: '改名前', location: '一车间' });
    // the token never appears in the audit log, only its hint
    expect(JSON.stringify(audit)).not.toMatch(/[\w-]{43}/);
  });
});

describe('lists', () => {
  it('the office filters by firm, type, online and text, pages, and counts online devices; a firm sees its own; another park none', async () => {
    const a: DeviceTokenIssued = (await dispatcher.post('/api/industry/devices', { enterpriseId: firm.id, code: 'LIST-A', name: '列表电表', typeCode: 'power_meter' })).json();
    await dispatcher.post('/api/industry/devices', { enterpriseId: otherFirm.id, code: 'LIST-B', name: '列表电表乙', typeCode: 'power_meter' });
    expect((await post(a.device.id, a.token, [{ metric: 'power_kw', value: 12 }])).statusCode).toBe(200);

    const all: DeviceList = (await dispatcher.get('/api/industry/devices?typeCode=power_meter')).json();
    expect(all.items.map((d) => d.code).sort()).toEqual(['LIST-A', 'LIST-B']);
    expect(all.onlineCount).toBe(1);
    expect(all.offlineCount).toBe(1);
    const online: DeviceList = (await dispatcher.get('/api/industry/devices?typeCode=power_meter&online=true')).json();
    expect(online.items.map((d) => d.code)).toEqual(['LIST-A']);
    expect(online.total).toBe(1);
    expect(online.items[0]!.lastValues).toEqual([{ metric: 'power_kw', label: '有功功率', unit: 'kW', kind: 'gauge', value: 12, ts: NOW.toISOString() }]);
    const offline: DeviceList = (await dispatcher.get('/api/industry/devices?typeCode=power_meter&online=false')).json();
    expect(offline.items.map((d) => d.code)).toEqual(['LIST-B']);
    const byFirm: DeviceList = (await dispatcher.get(`/api/industry/devices?enterpriseId=${otherFirm.id}&q=LIST`)).json();
    expect(byFirm.items.map((d) => d.code)).toEqual(['LIST-B']);
    const paged: DeviceList = (await dispatcher.get('/api/industry/devices?pageSize=1&page=2')).json();
    expect(paged.items).toHaveLength(1);
    expect(paged.total).toBeGreaterThan(2);
    expect((await dispatcher.get('/api/industry/devices?online=maybe')).statusCode).toBe(400);

    const own: DeviceList = (await firmUser.get('/api/industry/devices')).json();
    expect(own.items.every((d) => d.enterpriseId === firm.id)).toBe(true);
    expect(own.items.map((d) => d.code)).toContain('LIST-A');
    const assigned: DeviceList = (await liaison.get('/api/industry/devices?pageSize=200')).json();
    expect(assigned.items.every((d) => d.enterpriseId === firm.id)).toBe(true);
    const foreign: DeviceList = (await foreignDispatcher.get('/api/industry/devices')).json();
    expect(foreign.total).toBe(0);
    expect((await foreignDispatcher.get(`/api/industry/devices/${a.device.id}`)).statusCode).toBe(404);
  });
});
