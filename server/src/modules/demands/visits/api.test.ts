import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../../test/harness.js';
import { buildEnterprise, buildPark, buildUser, type TestPark } from '../../../../test/factories.js';
import { buildDaiban, buildVisit } from '../../../../test/demand-factories.js';
import type { EnterpriseRow, UserRow } from '../../../db/schema.js';

let t: TestApp;
let park: TestPark;
let liaison: UserRow;
let otherLiaison: UserRow;
let firm: EnterpriseRow;
let otherFirm: EnterpriseRow;
let asLiaison: Client;
let asOtherLiaison: Client;
let asDispatcher: Client;
let asFirm: Client;

beforeAll(async () => {
  t = await createTestApp({}, new Date('2026-11-26T02:00:00Z'));
  park = await buildPark(t.ctx.db);
  liaison = await buildUser(t.ctx.db, park, { roles: ['liaison'], displayName: '钱专员' });
  otherLiaison = await buildUser(t.ctx.db, park, { roles: ['liaison'] });
  firm = await buildEnterprise(t.ctx.db, park, { liaison_id: liaison.id });
  otherFirm = await buildEnterprise(t.ctx.db, park, { liaison_id: otherLiaison.id });
  asLiaison = await clientAs(t, liaison);
  asOtherLiaison = await clientAs(t, otherLiaison);
  asDispatcher = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['dispatcher'] }));
  asFirm = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: firm.id }));
});
afterAll(async () => {
  await t.close();
});

const visitBody = (extra: Record<string, unknown> = {}) => ({
  enterpriseId: firm.id,
  visitedOn: '2026-11-25',
  participants: '总经理 陈伟、行政主管 刘芳',
  findings: '企业新产线11月投产,反映用工缺口约40人,用电增容申请未批复。',
  ...extra,
});

async function countsFor(enterpriseId: string) {
  const visits = await t.ctx.db.selectFrom('visits').select((eb) => eb.fn.countAll<number>().as('n')).where('enterprise_id', '=', enterpriseId).executeTakeFirstOrThrow();
  const demands = await t.ctx.db.selectFrom('demands').select((eb) => eb.fn.countAll<number>().as('n')).where('enterprise_id', '=', enterpriseId).executeTakeFirstOrThrow();
  const daiban = await t.ctx.db.selectFrom('daiban_records').select((eb) => eb.fn.countAll<number>().as('n')).where('enterprise_id', '=', enterpriseId).executeTakeFirstOrThrow();
  return { visits: Number(visits.n), demands: Number(demands.n), daiban: Number(daiban.n) };
}

describe('POST /api/visits', () => {
  it('answers 401, 400 naming the field, and 403 to an enterprise user', async () => {
    expect((await anonymous(t).post('/api/visits', visitBody())).statusCode).toBe(401);
    const bad = await asLiaison.post('/api/visits', visitBody({ findings: '' }));
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details[0]!.path).toBe('findings');
    expect((await asFirm.post('/api/visits', visitBody())).statusCode).toBe(403);
  });

  it('refuses a visit to a firm the liaison does not serve (403) and a date in the future (400)', async () => {
    expect((await asLiaison.post('/api/visits', visitBody({ enterpriseId: otherFirm.id }))).statusCode).toBe(403);
    const future = await asLiaison.post('/api/visits', visitBody({ visitedOn: '2026-11-27' }));
    expect(future.statusCode).toBe(400);
    expect(errorOf(future).details[0]!.path).toBe('visitedOn');
  });

  it('records the visit, its 代办 and the demands it raised in one go', async () => {
    const res = await asLiaison.post(
      '/api/visits',
      visitBody({
        daiban: [{ kind: 'permit', description: '代办用电增容报装手续' }],
        demands: [
          { category: 'labor', title: '新产线招工40人', content: '新产线投产需普工30人、技工10人,希望人社部门组织专场招聘。' },
          { category: 'energy', title: '用电增容申请加快审批', content: '已于10月提交800千伏安增容申请,至今未批复,影响新产线满负荷生产。' },
        ],
      }),
    );
    expect(res.statusCode).toBe(201);
    const visit = res.json();
    expect(visit).toMatchObject({ liaisonId: liaison.id, liaisonName: '钱专员', enterpriseId: firm.id, visitedOn: '2026-11-25' });
    expect(visit.raisedDemands).toHaveLength(2);
    expect(visit.daiban).toMatchObject([{ kind: 'permit', kindLabel: '审批许可', doneOn: '2026-11-25' }]);
    const demand = (await asLiaison.get(`/api/demands/${visit.raisedDemands[0].id}`)).json();
    expect(demand).toMatchObject({ source: 'liaison', visitId: visit.id, status: 'accepted', assigneeId: liaison.id });
  });

  it('writes nothing when one raised demand is bad', async () => {
    const lonely = await buildEnterprise(t.ctx.db, park, { liaison_id: liaison.id });
    const res = await asLiaison.post(
      '/api/visits',
      visitBody({
        enterpriseId: lonely.id,
        daiban: [{ kind: 'license', description: '代办营业执照变更' }],
        demands: [
          { category: 'labor', title: '招工需求', content: '需要招聘普工20名以上' },
          { category: 'nonsense', title: '不存在的类别', content: '这个类别不存在,应被拒绝' },
        ],
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details[0]!.path).toBe('demands.1.category');
    expect(await countsFor(lonely.id)).toEqual({ visits: 0, demands: 0, daiban: 0 });
  });
});

describe('GET /api/visits and the calendar', () => {
  it('shows a liaison its own visits and the office everyone’s, with filters', async () => {
    const p = await buildPark(t.ctx.db);
    const a = await buildUser(t.ctx.db, p, { roles: ['liaison'] });
    const b = await buildUser(t.ctx.db, p, { roles: ['liaison'] });
    const fa = await buildEnterprise(t.ctx.db, p, { liaison_id: a.id });
    const fb = await buildEnterprise(t.ctx.db, p, { liaison_id: b.id });
    const v1 = await buildVisit(t.ctx.db, p, { liaisonId: a.id, enterpriseId: fa.id, visitedOn: '2026-11-02' });
    const v2 = await buildVisit(t.ctx.db, p, { liaisonId: a.id, enterpriseId: fa.id, visitedOn: '2026-11-02' });
    const v3 = await buildVisit(t.ctx.db, p, { liaisonId: b.id, enterpriseId: fb.id, visitedOn: '2026-11-20' });
    await buildDaiban(t.ctx.db, p, { liaisonId: a.id, enterpriseId: fa.id, doneOn: '2026-11-02', visitId: v1.id });
    const asA = await clientAs(t, a);
    const asOffice = await clientAs(t, await buildUser(t.ctx.db, p, { roles: ['dispatcher'] }));
    const ids = async (c: Client, q = '') => (await c.get(`/api/visits?pageSize=50${q}`)).json().items.map((v: { id: string }) => v.id).sort();
    expect(await ids(asA)).toEqual([v1.id, v2.id].sort());
    expect(await ids(asOffice)).toEqual([v1.id, v2.id, v3.id].sort());
    expect(await ids(asOffice, `&liaisonId=${b.id}`)).toEqual([v3.id]);
    expect(await ids(asOffice, '&from=2026-11-10&to=2026-11-30')).toEqual([v3.id]);
    expect((await asA.get(`/api/visits/${v3.id}`)).statusCode).toBe(404);

    const calendar = (await asA.get('/api/visits/calendar?month=2026-11')).json();
    expect(calendar.total).toBe(2);
    expect(calendar.days).toHaveLength(30);
    const second = calendar.days.find((d: { date: string }) => d.date === '2026-11-02');
    expect(second.count).toBe(2);
    expect(second.entries.map((e: { daibanCount: number }) => e.daibanCount).sort()).toEqual([0, 1]);
    const office = (await asOffice.get('/api/visits/calendar?month=2026-11')).json();
    expect(office.total).toBe(3);
    expect((await asOffice.get('/api/visits/calendar?month=2026-13')).statusCode).toBe(400);
  });
});

describe('POST /api/daiban', () => {
  it('records a 代办 errand for a served firm and lists it', async () => {
    const res = await asLiaison.post('/api/daiban', { enterpriseId: firm.id, doneOn: '2026-11-24', kind: 'policy', description: '代为申报2026年度技改补贴', caseNumber: 'BJ20261124-0012' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kindLabel: '政策申报', caseNumber: 'BJ20261124-0012', liaisonId: liaison.id });
    expect((await asOtherLiaison.post('/api/daiban', { enterpriseId: firm.id, doneOn: '2026-11-24', kind: 'policy', description: '代为申报' })).statusCode).toBe(403);
    const list = (await asLiaison.get('/api/daiban?from=2026-11-24&to=2026-11-24')).json();
    expect(list.items.map((d: { id: string }) => d.id)).toContain(res.json().id);
    expect((await asOtherLiaison.get('/api/daiban')).json().items.map((d: { id: string }) => d.id)).not.toContain(res.json().id);
    expect((await asDispatcher.post('/api/daiban', { enterpriseId: firm.id, doneOn: '2026-11-24', kind: 'other', description: '代办事项', visitId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(400);
  });
});
