import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../test/harness.js';
import { buildEnterprise, buildPark, buildUscc, buildUser, type TestPark } from '../../../test/factories.js';

let t: TestApp;
let park: TestPark;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  park = await buildPark(t.ctx.db);
  admin = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['admin'] }));
});
afterAll(async () => {
  await t.close();
});

describe('GET /api/enterprises', () => {
  it('answers 401 without a session', async () => {
    const res = await anonymous(t).get('/api/enterprises');
    expect(res.statusCode).toBe(401);
    expect(errorOf(res).code).toBe('UNAUTHENTICATED');
  });

  it('answers 400 naming the field for a bad page size', async () => {
    const res = await admin.get('/api/enterprises?pageSize=1000');
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details[0]).toMatchObject({ path: 'pageSize' });
    expect(errorOf(res).message).toContain('每页条数');
  });

  it('searches by name and USCC prefix within the park only', async () => {
    const other = await buildPark(t.ctx.db, '别的园区');
    const mine = await buildEnterprise(t.ctx.db, park, { name: '鹰潭搜索铜业有限公司' });
    await buildEnterprise(t.ctx.db, other, { name: '鹰潭搜索铜业分公司' });
    const byName = await admin.get(`/api/enterprises?q=${encodeURIComponent('搜索铜业')}`);
    expect(byName.statusCode).toBe(200);
    expect(byName.json().items.map((e: { id: string }) => e.id)).toEqual([mine.id]);
    expect(byName.json().total).toBe(1);
    const byUscc = await admin.get(`/api/enterprises?q=${mine.uscc.slice(0, 14).toLowerCase()}`);
    expect(byUscc.json().items.map((e: { id: string }) => e.id)).toContain(mine.id);
  });
});

describe('POST /api/enterprises', () => {
  it('rejects a USCC with a wrong check character, naming position 18', async () => {
    const good = buildUscc();
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const res = await admin.post('/api/enterprises', { uscc: bad, name: '校验测试有限公司' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details[0]!.path).toBe('uscc');
    expect(errorOf(res).message).toContain('第18位');
  });

  it('normalises a full-width, lower-case USCC with spaces and creates the firm', async () => {
    const uscc = buildUscc();
    const typed = ` ${uscc.toLowerCase().replace(/[0-9a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))} `;
    const res = await admin.post('/api/enterprises', { uscc: typed, name: '全角录入测试有限公司', annualRevenueFen: 2_500_000_000 });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ uscc, name: '全角录入测试有限公司', isAboveScale: true, version: 1 });
  });

  it('answers 409 for a USCC already in the park', async () => {
    const existing = await buildEnterprise(t.ctx.db, park);
    const res = await admin.post('/api/enterprises', { uscc: existing.uscc, name: '重复企业有限公司' });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).message).toContain(existing.name);
  });
});
