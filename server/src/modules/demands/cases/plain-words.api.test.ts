import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../../test/harness.js';
import { buildEnterprise, buildPark, buildUser } from '../../../../test/factories.js';

// People and other systems name things in Chinese: a category as 融资, a rating as 不满意.
// The API takes those words as well as the codes, and the office can close on the firm's word.
let t: TestApp;
let asFirm: Client;
let asLiaison: Client;
let asDispatcher: Client;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.ctx.db;
  const park = await buildPark(db);
  const liaison = await buildUser(db, park, { roles: ['liaison'] });
  const firm = await buildEnterprise(db, park, { liaison_id: liaison.id });
  asFirm = await clientAs(t, await buildUser(db, park, { roles: ['enterprise'], enterpriseId: firm.id }));
  asLiaison = await clientAs(t, liaison);
  asDispatcher = await clientAs(t, await buildUser(db, park, { roles: ['dispatcher'] }));
});
afterAll(async () => {
  await t.close();
});

async function answered(category: string): Promise<string> {
  const filed = await asFirm.post('/api/demands', { category, title: '流动资金贷款续贷对接', content: '一笔500万元贷款下月到期,需对接续贷。' });
  expect(filed.statusCode).toBe(201);
  const id = filed.json().id as string;
  expect((await asLiaison.post(`/api/demands/${id}/transitions`, { action: 'accept' })).statusCode).toBe(200);
  expect((await asLiaison.post(`/api/demands/${id}/transitions`, { action: 'answer', note: '已对接工商银行,续贷审批中' })).statusCode).toBe(200);
  return id;
}

describe('POST /api/demands', () => {
  it('takes the category by its Chinese name', async () => {
    const res = await asFirm.post('/api/demands', { category: '融资', title: '申请贷款贴息', content: '了解贷款贴息政策和申报条件' });
    expect(res.statusCode).toBe(201);
    expect(res.json().category).toBe('financing');
  });

  it('refuses an unknown category naming the field', async () => {
    const res = await asFirm.post('/api/demands', { category: '不存在的类别', title: '申请贷款贴息', content: '了解贷款贴息政策和申报条件' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details[0]!.path).toBe('category');
  });
});

describe('POST /api/demands/:id/transitions close', () => {
  it('lets the dispatcher close a resolved demand on the firm’s word, with a note', async () => {
    const id = await answered('financing');
    const withoutNote = await asDispatcher.post(`/api/demands/${id}/transitions`, { action: 'close' });
    expect(withoutNote.statusCode).toBe(400);
    const res = await asDispatcher.post(`/api/demands/${id}/transitions`, { action: 'close', note: '已电话确认企业问题解决' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'closed', closedBy: 'office' });
  });

  it('does not let the liaison close its own case without the firm', async () => {
    const id = await answered('financing');
    const res = await asLiaison.post(`/api/demands/${id}/transitions`, { action: 'close', note: '自行办结' });
    expect(res.statusCode).toBe(403);
  });
});

describe('POST /api/demands/:id/rating', () => {
  it('takes the level by its Chinese name and opens a rectification for 不满意', async () => {
    const id = await answered('financing');
    expect((await asFirm.post(`/api/demands/${id}/transitions`, { action: 'confirm' })).statusCode).toBe(200);
    const res = await asFirm.post(`/api/demands/${id}/rating`, {
      level: '不满意',
      scores: { serviceEfficiency: 2, serviceLevel: 2, serviceAttitude: 3 },
      comment: '答复拖了很久,问题没有真正解决',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().level).toBe('dissatisfied');
    const again = await asFirm.post(`/api/demands/${id}/rating`, { level: '满意', scores: { serviceEfficiency: 5, serviceLevel: 5, serviceAttitude: 5 }, comment: '' });
    expect(again.statusCode).toBe(409);
  });
});
