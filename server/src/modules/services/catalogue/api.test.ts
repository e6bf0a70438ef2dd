import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceItemListResponse, ServiceItemView } from '@yuanqi/contract';
import { anonymous, clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../../test/harness.js';
import { buildEnterprise, buildPark, buildUser, type TestPark } from '../../../../test/factories.js';
import { buildServiceItem, serviceItemInput } from '../../../../test/service-factories.js';
import type { UserRow } from '../../../db/schema.js';

let t: TestApp;
let park: TestPark;
let otherPark: TestPark;
let approverUser: UserRow;
let secondApprover: UserRow;
let admin: Client;
let asApprover: Client;
let asFirm: Client;
let asLeader: Client;
let asBank: Client;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.ctx.db;
  park = await buildPark(db);
  otherPark = await buildPark(db, '另一园区');
  approverUser = await buildUser(db, park, { roles: ['approver'], displayName: '王审批' });
  secondApprover = await buildUser(db, park, { roles: ['approver'], displayName: '李登记' });
  const firm = await buildEnterprise(db, park);
  admin = await clientAs(t, await buildUser(db, park, { roles: ['admin'] }));
  asApprover = await clientAs(t, approverUser);
  asFirm = await clientAs(t, await buildUser(db, park, { roles: ['enterprise'], enterpriseId: firm.id }));
  asLeader = await clientAs(t, await buildUser(db, park, { roles: ['leader'] }));
  asBank = await clientAs(t, await buildUser(db, park, { roles: ['bank'] }));
});
afterAll(async () => {
  await t.close();
});

async function auditOf(entityId: string) {
  return t.ctx.db.selectFrom('audit_log').select(['action', 'entity', 'before', 'after']).where('entity_id', '=', entityId).orderBy('seq').execute();
}

describe('GET /api/service-items', () => {
  it('refuses anonymous callers (401) and callers without service:read (403)', async () => {
    expect((await anonymous(t).get('/api/service-items')).statusCode).toBe(401);
    expect((await asBank.get('/api/service-items')).statusCode).toBe(403);
  });

  it('names a bad filter in Chinese (400)', async () => {
    const res = await asFirm.get('/api/service-items?itemType=nope&visits=abc');
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details.map((d) => d.path).sort()).toEqual(['itemType', 'visits']);
  });

  it('shows enterprises active items of their own park only; managers may list stopped ones', async () => {
    const active = await buildServiceItem(t.ctx.db, park, { name: '列表在用事项' });
    const stopped = await buildServiceItem(t.ctx.db, park, { name: '列表停用事项', status: 'inactive' });
    const foreign = await buildServiceItem(t.ctx.db, otherPark, { name: '外园区事项' });
    const firmList = (await asFirm.get('/api/service-items?pageSize=200')).json() as ServiceItemListResponse;
    const ids = firmList.items.map((i) => i.id);
    expect(ids).toContain(active.id);
    expect(ids).not.toContain(stopped.id);
    expect(ids).not.toContain(foreign.id);
    // an enterprise asking for stopped items still gets active ones only
    const asked = (await asFirm.get('/api/service-items?status=inactive&pageSize=200')).json() as ServiceItemListResponse;
    expect(asked.items.map((i) => i.id)).not.toContain(stopped.id);
    const managed = (await asApprover.get('/api/service-items?status=inactive&pageSize=200')).json() as ServiceItemListResponse;
    expect(managed.items.map((i) => i.id)).toEqual([stopped.id]);
  });

  it('filters by 到现场次数, online and project stage, and pages', async () => {
    const p = await buildPark(t.ctx.db);
    const user = await clientAs(t, await buildUser(t.ctx.db, p, { roles: ['approver'] }));
    await buildServiceItem(t.ctx.db, p, { code: 'F-01', visits: 0, online: true });
    await buildServiceItem(t.ctx.db, p, { code: 'F-02', visits: 1, online: false, projectStage: 'construction' });
    await buildServiceItem(t.ctx.db, p, { code: 'F-03', visits: 0, online: true, projectStage: 'construction' });
    const zero = (await user.get('/api/service-items?visits=0')).json() as ServiceItemListResponse;
    expect(zero.items.map((i) => i.code)).toEqual(['F-01', 'F-03']);
    const stage = (await user.get('/api/service-items?projectStage=construction&online=false')).json() as ServiceItemListResponse;
    expect(stage.items.map((i) => i.code)).toEqual(['F-02']);
    const page2 = (await user.get('/api/service-items?pageSize=2&page=2')).json() as ServiceItemListResponse;
    expect(page2).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page2.items.map((i) => i.code)).toEqual(['F-03']);
    const past = (await user.get('/api/service-items?pageSize=2&page=5')).json() as ServiceItemListResponse;
    expect(past).toMatchObject({ total: 3, items: [] });
  });
});

describe('GET /api/service-items/:id', () => {
  it('answers 404 for a malformed id, an unknown id and another park’s item', async () => {
    const foreign = await buildServiceItem(t.ctx.db, otherPark);
    expect((await asFirm.get('/api/service-items/not-a-uuid')).statusCode).toBe(404);
    expect((await asFirm.get('/api/service-items/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await asFirm.get(`/api/service-items/${foreign.id}`)).statusCode).toBe(404);
  });

  it('gives the whole guide; approvers’ names only to staff who manage or handle items', async () => {
    const item = await buildServiceItem(t.ctx.db, park, { approverIds: [approverUser.id] });
    const forFirm = (await asFirm.get(`/api/service-items/${item.id}`)).json() as ServiceItemView;
    expect(forFirm.materials.map((m) => m.key)).toEqual(['m1', 'm2', 'm3']);
    expect(forFirm.materials[0]).toMatchObject({ name: '申请书', isKey: true, rongqueAllowed: false });
    expect(forFirm.chengnuoText).toContain('承诺');
    expect(forFirm.approvers).toEqual([]);
    expect(forFirm.approverIds).toEqual([]);
    const forStaff = (await asApprover.get(`/api/service-items/${item.id}`)).json() as ServiceItemView;
    expect(forStaff.approvers).toEqual([{ id: approverUser.id, displayName: '王审批' }]);
    expect((await asLeader.get(`/api/service-items/${item.id}`)).json().approvers).toEqual([]);
  });
});

describe('POST /api/service-items', () => {
  it('refuses anonymous (401), enterprises and leaders (403)', async () => {
    expect((await anonymous(t).post('/api/service-items', serviceItemInput())).statusCode).toBe(401);
    expect((await asFirm.post('/api/service-items', serviceItemInput())).statusCode).toBe(403);
    expect((await asLeader.post('/api/service-items', serviceItemInput())).statusCode).toBe(403);
  });

  it('names every rule broken (400): committed above legal, a key material allowed 容缺', async () => {
    const res = await admin.post('/api/service-items', serviceItemInput({
      committedDays: 30,
      legalDays: 20,
      materials: [{ name: '申请书', form: '原件', copies: 1, required: true, isKey: true, rongqueAllowed: true, chengnuoReplaceable: false }],
    }));
    expect(res.statusCode).toBe(400);
    const details = errorOf(res).details;
    expect(details).toContainEqual({ path: 'committedDays', message: '承诺办结时限不能超过法定办结时限' });
    expect(details).toContainEqual({ path: 'materials.0.rongqueAllowed', message: '关键材料不能容缺后补' });
  });

  it('refuses an approver who is not an approver of this park (400)', async () => {
    const stranger = await buildUser(t.ctx.db, otherPark, { roles: ['approver'] });
    const liaison = await buildUser(t.ctx.db, park, { roles: ['liaison'] });
    for (const id of [stranger.id, liaison.id]) {
      const res = await admin.post('/api/service-items', serviceItemInput({ approverIds: [id] }));
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).details[0]!.path).toBe('approverIds');
    }
  });

  it('creates an item with material keys, audits it, and refuses its code a second time (409)', async () => {
    const input = serviceItemInput({ name: '新建测试事项', approverIds: [approverUser.id] });
    const res = await asApprover.post('/api/service-items', input);
    expect(res.statusCode).toBe(201);
    const item = res.json() as ServiceItemView;
    expect(item).toMatchObject({ name: '新建测试事项', version: 1, status: 'active', approverIds: [approverUser.id] });
    expect(item.materials.map((m) => m.key)).toEqual(['m1', 'm2', 'm3']);
    const audit = await auditOf(item.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', entity: 'service_item', before: null });
    const again = await asApprover.post('/api/service-items', { ...input, name: '另一个' });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).details[0]!.path).toBe('code');
  });
});

describe('PUT /api/service-items/:id', () => {
  it('answers 404 for an unknown item and 409 for a stale version', async () => {
    const item = await buildServiceItem(t.ctx.db, park);
    const body = { ...serviceItemInput({ code: item.code }), version: 1 };
    expect((await admin.put('/api/service-items/00000000-0000-4000-8000-000000000000', body)).statusCode).toBe(404);
    expect((await admin.put(`/api/service-items/${item.id}`, { ...body, version: 7 })).statusCode).toBe(409);
  });

  it('keeps the keys of materials it keeps, gives a new one the next key, bumps the version and audits before/after', async () => {
    const item = await buildServiceItem(t.ctx.db, park, { name: '修改前' });
    const current = (await admin.get(`/api/service-items/${item.id}`)).json() as ServiceItemView;
    const materials = [
      // m1 dropped, m3 renamed keeps its key, m2 sent without key keeps its key by name, one new
      { ...current.materials[2]!, name: '场地使用证明或租赁合同' },
      { ...current.materials[1]!, key: undefined },
      { name: '环评批复', form: '复印件' as const, copies: 1, required: false, isKey: false, rongqueAllowed: false, chengnuoReplaceable: false },
    ];
    const res = await admin.put(`/api/service-items/${item.id}`, { ...serviceItemInput({ code: item.code, name: '修改后', materials }), version: current.version });
    expect(res.statusCode).toBe(200);
    const saved = res.json() as ServiceItemView;
    expect(saved.version).toBe(2);
    expect(saved.materials.map((m) => [m.key, m.name])).toEqual([['m3', '场地使用证明或租赁合同'], ['m2', '营业执照'], ['m4', '环评批复']]);
    const audit = await auditOf(item.id);
    expect(audit.at(-1)).toMatchObject({ action: 'update', before: expect.objectContaining({ name: '修改前' }), after: expect.objectContaining({ name: '修改后' }) });
    // the old version is now stale
    const stale = await admin.put(`/api/service-items/${item.id}`, { ...serviceItemInput({ code: item.code }), version: current.version });
    expect(stale.statusCode).toBe(409);
  });
});

describe('POST /api/service-items/:id/deactivate|activate', () => {
  it('takes a stopped item out of the guide and back; stopping twice is 409', async () => {
    const item = await buildServiceItem(t.ctx.db, park, { name: '可停用事项' });
    const off = await asApprover.post(`/api/service-items/${item.id}/deactivate`, { version: 1 });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ status: 'inactive', version: 2 });
    expect((await asApprover.post(`/api/service-items/${item.id}/deactivate`, { version: 2 })).statusCode).toBe(409);
    const list = (await asFirm.get('/api/service-items?pageSize=200')).json() as ServiceItemListResponse;
    expect(list.items.map((i) => i.id)).not.toContain(item.id);
    expect((await asFirm.post(`/api/service-items/${item.id}/activate`, { version: 2 })).statusCode).toBe(403);
    const on = await asApprover.post(`/api/service-items/${item.id}/activate`, { version: 2 });
    expect(on.json()).toMatchObject({ status: 'active', version: 3 });
    expect((await auditOf(item.id)).map((a) => a.action)).toEqual(['deactivate', 'activate']);
  });
});

describe('approvers', () => {
  it('sets the approvers of one item and lists approvers with their item counts', async () => {
    const p = await buildPark(t.ctx.db);
    const a1 = await buildUser(t.ctx.db, p, { roles: ['approver'], displayName: '甲' });
    const a2 = await buildUser(t.ctx.db, p, { roles: ['approver'], displayName: '乙' });
    const manager = await clientAs(t, a1);
    const item = await buildServiceItem(t.ctx.db, p);
    const res = await manager.put(`/api/service-items/${item.id}/approvers`, { approverIds: [a2.id, a1.id], version: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json().approvers.map((a: { displayName: string }) => a.displayName)).toEqual(['乙', '甲']);
    const options = (await manager.get('/api/service-items/approver-options')).json();
    expect(options).toHaveLength(2);
    expect(options).toEqual(expect.arrayContaining([
      expect.objectContaining({ id: a1.id, displayName: '甲', itemCount: 1 }),
      expect.objectContaining({ id: a2.id, displayName: '乙', itemCount: 1 }),
    ]));
    const mine = (await manager.get(`/api/service-items?approverId=${a2.id}`)).json() as ServiceItemListResponse;
    expect(mine.items.map((i) => i.id)).toEqual([item.id]);
  });

  it('adds and removes one approver on many items at once, leaving items already so', async () => {
    const items = [await buildServiceItem(t.ctx.db, park), await buildServiceItem(t.ctx.db, park, { approverIds: [secondApprover.id] })];
    const ids = items.map((i) => i.id);
    const add = await admin.post('/api/service-items/approvers', { itemIds: ids, approverId: secondApprover.id, mode: 'add' });
    expect(add.json()).toEqual({ changed: 1 });
    const remove = await admin.post('/api/service-items/approvers', { itemIds: ids, approverId: secondApprover.id, mode: 'remove' });
    expect(remove.json()).toEqual({ changed: 2 });
    const foreign = await buildServiceItem(t.ctx.db, otherPark);
    expect((await admin.post('/api/service-items/approvers', { itemIds: [foreign.id], approverId: secondApprover.id, mode: 'add' })).statusCode).toBe(404);
  });
});
