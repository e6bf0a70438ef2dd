import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../test/harness.js';
import { buildEnterprise, buildPark, buildUser, type TestPark } from '../../../test/factories.js';

const START = new Date('2026-11-26T02:00:00Z'); // Thursday 10:00 in Shanghai
let t: TestApp;
let park: TestPark;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp({}, START);
  park = await buildPark(t.ctx.db);
  admin = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['admin'] }));
});
afterAll(async () => {
  await t.close();
});

describe('GET /api/dictionaries', () => {
  it('answers 401 without a session and 403 to a liaison', async () => {
    expect((await anonymous(t).get('/api/dictionaries')).statusCode).toBe(401);
    const liaison = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['liaison'] }));
    const res = await liaison.get('/api/dictionaries');
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).code).toBe('FORBIDDEN');
  });

  it('lists the editable kinds with Chinese labels and counts, the default categories included', async () => {
    const res = await admin.get('/api/dictionaries');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { kind: string; label: string; count: number }[];
    expect(items.map((i) => i.kind)).toEqual(['chain', 'tag', 'industry', 'demand_category']);
    expect(items.find((i) => i.kind === 'chain')).toEqual({ kind: 'chain', label: '产业链', count: 3 });
    expect(items.find((i) => i.kind === 'tag')!.count).toBe(2);
    expect(items.find((i) => i.kind === 'industry')!.label).toContain('GB/T 4754');
    expect(items.find((i) => i.kind === 'demand_category')!.count).toBe(9);
  });

  it('shows 承办单位 once the park has such entries', async () => {
    const own = await buildPark(t.ctx.db, '承办单位园区');
    const ownAdmin = await clientAs(t, await buildUser(t.ctx.db, own, { roles: ['admin'] }));
    expect((await ownAdmin.put('/api/dictionaries/department', { code: 'approval_bureau', label: '行政审批局' })).statusCode).toBe(200);
    const items = (await ownAdmin.get('/api/dictionaries')).json().items as { kind: string; label: string; count: number }[];
    expect(items.at(-1)).toEqual({ kind: 'department', label: '承办单位', count: 1 });
  });
});

describe('PUT /api/dictionaries/:kind', () => {
  it('answers 401 without a session and 403 to non-admins', async () => {
    const body = { code: 'robotics', label: '机器人' };
    expect((await anonymous(t).put('/api/dictionaries/chain', body)).statusCode).toBe(401);
    const firm = await buildEnterprise(t.ctx.db, park);
    for (const user of [
      await buildUser(t.ctx.db, park, { roles: ['liaison'] }),
      await buildUser(t.ctx.db, park, { roles: ['dispatcher'] }),
      await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: firm.id }),
    ]) {
      const res = await (await clientAs(t, user)).put('/api/dictionaries/chain', body);
      expect(res.statusCode).toBe(403);
      expect(errorOf(res).code).toBe('FORBIDDEN');
    }
    const chains = (await admin.get('/api/dictionaries/chain')).json().items as { code: string }[];
    expect(chains.map((c) => c.code)).not.toContain('robotics');
  });

  it('answers 400 naming the field for a bad code or an empty label', async () => {
    const badCode = await admin.put('/api/dictionaries/chain', { code: '机器 人', label: '机器人' });
    expect(badCode.statusCode).toBe(400);
    expect(errorOf(badCode).details[0]!.path).toBe('code');
    expect(errorOf(badCode).details[0]!.message).toContain('编码');
    const noLabel = await admin.put('/api/dictionaries/chain', { code: 'robotics', label: '   ' });
    expect(noLabel.statusCode).toBe(400);
    expect(errorOf(noLabel).details[0]).toMatchObject({ path: 'label', message: '请填写名称' });
  });

  it('answers 400 naming extra.answerDays for a category answered in 0 or 61 working days', async () => {
    for (const answerDays of [0, 61]) {
      const res = await admin.put('/api/dictionaries/demand_category', { code: 'talent', label: '人才引进', extra: { acceptDays: 1, answerDays } });
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).details[0]!.path).toBe('extra.answerDays');
      expect(errorOf(res).details[0]!.message).toContain('答复期限');
    }
    const missing = await admin.put('/api/dictionaries/demand_category', { code: 'talent', label: '人才引进' });
    expect(missing.statusCode).toBe(400);
    const cats = (await admin.get('/api/dictionaries/demand_category')).json().items as { code: string }[];
    expect(cats.map((c) => c.code)).not.toContain('talent');
  });

  it('adds a category that an enterprise can file at once, with deadlines from its working days, and audits it', async () => {
    const own = await buildPark(t.ctx.db, '类别园区');
    const ownAdmin = await clientAs(t, await buildUser(t.ctx.db, own, { roles: ['admin'] }));
    const liaisonUser = await buildUser(t.ctx.db, own, { roles: ['liaison'], displayName: '周专员' });
    const firm = await buildEnterprise(t.ctx.db, own, { liaison_id: liaisonUser.id });
    const asFirm = await clientAs(t, await buildUser(t.ctx.db, own, { roles: ['enterprise'], enterpriseId: firm.id }));

    const put = await ownAdmin.put('/api/dictionaries/demand_category', { code: 'talent', label: '人才引进', sort: 20, extra: { acceptDays: 2, answerDays: 7 } });
    expect(put.statusCode).toBe(200);
    // The defaults are still there next to the new one.
    const cats = (await ownAdmin.get('/api/dictionaries/demand_category')).json().items as { code: string; extra: unknown }[];
    expect(cats).toHaveLength(10);
    expect(cats.find((c) => c.code === 'talent')!.extra).toEqual({ acceptDays: 2, answerDays: 7 });

    const filed = await asFirm.post('/api/demands', { category: 'talent', title: '引进高级工程师的落户补贴咨询', content: '我司拟引进两名高级工程师,想了解落户与补贴政策办理流程。' });
    expect(filed.statusCode).toBe(201);
    // 签收: 2 working days after Thursday 2026-11-26 → Monday 11-30.
    expect(filed.json()).toMatchObject({ category: 'talent', categoryLabel: '人才引进', status: 'submitted', dueKind: 'accept', dueAt: '2026-11-30T15:59:59.999Z' });
    const accepted = await (await clientAs(t, liaisonUser)).post(`/api/demands/${filed.json().id}/transitions`, { action: 'accept' });
    expect(accepted.statusCode).toBe(200);
    // 答复: 7 working days after the accept on Thursday 2026-11-26 → Monday 12-07.
    expect(accepted.json()).toMatchObject({ dueKind: 'answer', dueAt: '2026-12-07T15:59:59.999Z' });

    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('park_id', '=', own.id).where('entity', '=', 'dictionary:demand_category').where('entity_id', '=', 'talent').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create' });
    expect(audit[0]!.after).toMatchObject({ label: '人才引进', extra: { acceptDays: 2, answerDays: 7 } });
  });

  it('keeps the deadlines when only the label changes, and a deactivated category keeps its label on old demands', async () => {
    const own = await buildPark(t.ctx.db, '停用园区');
    const ownAdmin = await clientAs(t, await buildUser(t.ctx.db, own, { roles: ['admin'] }));
    const liaisonUser = await buildUser(t.ctx.db, own, { roles: ['liaison'] });
    const firm = await buildEnterprise(t.ctx.db, own, { liaison_id: liaisonUser.id });
    const asFirm = await clientAs(t, await buildUser(t.ctx.db, own, { roles: ['enterprise'], enterpriseId: firm.id }));
    const filed = await asFirm.post('/api/demands', { category: 'energy', title: '申请增容一台变压器', content: '新产线投产需增容630千伏安,请协调供电公司。' });
    expect(filed.statusCode).toBe(201);

    const off = await ownAdmin.put('/api/dictionaries/demand_category', { code: 'energy', label: '用能保障', active: false });
    expect(off.statusCode).toBe(200);
    const energy = ((await ownAdmin.get('/api/dictionaries/demand_category')).json().items as { code: string; active: boolean; extra: unknown }[]).find((c) => c.code === 'energy')!;
    expect(energy).toMatchObject({ active: false, extra: { acceptDays: 1, answerDays: 5 } });

    // The old demand still reads (with the label); a new one in that category is refused.
    const old = await asFirm.get(`/api/demands/${filed.json().id}`);
    expect(old.statusCode).toBe(200);
    expect(old.json()).toMatchObject({ category: 'energy' });
    expect(['用能', '用能保障']).toContain(old.json().categoryLabel);
    const refused = await asFirm.post('/api/demands', { category: 'energy', title: '再申请一次增容', content: '新产线投产需增容630千伏安。' });
    expect(refused.statusCode).toBe(400);
    expect(errorOf(refused).details[0]!.path).toBe('category');

    // A deactivated chain still names the firms that use it.
    const chainOff = await ownAdmin.put('/api/dictionaries/chain', { code: 'iot', label: '物联网', active: false });
    expect(chainOff.statusCode).toBe(200);
    const chains = (await ownAdmin.get('/api/dictionaries/chain')).json().items as { code: string; label: string; active: boolean }[];
    expect(chains.find((c) => c.code === 'iot')).toMatchObject({ label: '物联网', active: false });
    expect((await ownAdmin.get(`/api/enterprises/${firm.id}`)).statusCode).toBe(200);
  });
});
