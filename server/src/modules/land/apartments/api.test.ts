import type { ApartmentApplicationRow, ApartmentApplicationView, ApartmentOccupancyView, ApartmentRuleSetView, Paged } from '@yuanqi/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnterpriseRow } from '../../../db/schema.js';
import { clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../../test/harness.js';
import { buildEnterprise, buildPark, buildUser, type TestPark } from '../../../../test/factories.js';
import { hashIdNumber } from '../../policies/applications/persons.js';
import { TEST_RULES, buildApartmentBuilding, buildRuleSet, freshIdCard, idCardFrom } from './test-factories.js';

// 2026-11-20 10:00 Shanghai
const NOW = new Date('2026-11-20T02:00:00Z');
const TODAY = '2026-11-20';

let t: TestApp;
let park: TestPark;
let firm: EnterpriseRow;
let otherFirm: EnterpriseRow;
let firmUser: Client;
let firmUserRow: { id: string; park_id: string };
let otherFirmUser: Client;
let dispatcher: Client;
let finance: Client;
let units: { id: string; code: string; layout: string | null }[];

const facts = (over: Record<string, unknown> = {}) => ({ education: 'bachelor', title: 'none', employedMonths: 12, socialInsuranceMonths: 12, hasHouseInCity: false, ...over });

async function apply(client: Client, body: Record<string, unknown> = {}) {
  return client.post('/api/land/apartments/applications', {
    applicantName: '王小明',
    idNumber: freshIdCard(),
    phone: '13912345678',
    position: '研发工程师',
    facts: facts(),
    ...body,
  });
}
async function applied(client: Client, body: Record<string, unknown> = {}): Promise<ApartmentApplicationView> {
  const res = await apply(client, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const act = (client: Client, id: string, body: Record<string, unknown>) => client.post(`/api/land/apartments/applications/${id}/actions`, body);
async function occupancy(on: string): Promise<ApartmentOccupancyView> {
  const res = await dispatcher.get(`/api/land/apartments/occupancy?on=${on}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

beforeAll(async () => {
  t = await createTestApp({}, NOW);
  park = await buildPark(t.ctx.db);
  firm = await buildEnterprise(t.ctx.db, park, { is_above_scale: true, tags: ['高新技术企业'] });
  otherFirm = await buildEnterprise(t.ctx.db, park);
  firmUserRow = await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: firm.id });
  firmUser = await clientAs(t, firmUserRow);
  otherFirmUser = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: otherFirm.id }));
  dispatcher = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['dispatcher'] }));
  finance = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['finance_officer'] }));
  await buildRuleSet(t.ctx.db, park, '2024-01-01', TEST_RULES.slice(0, 2));
  await buildRuleSet(t.ctx.db, park, '2026-01-01', TEST_RULES);
  units = (await buildApartmentBuilding(t.ctx.db, park, { units: 6 })).units;
});
afterAll(async () => {
  await t.close();
});

describe('filing an application', () => {
  it('keeps the ID number only hashed and masked, nowhere in plain', async () => {
    const idNumber = idCardFrom('36060219900101123');
    const view = await applied(firmUser, { idNumber, applicantName: '李明' });
    expect(view.idNumberMasked).toBe(`${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`);
    expect(JSON.stringify(view)).not.toContain(idNumber);
    const row = await t.ctx.db.selectFrom('apartment_applications').selectAll().where('id', '=', view.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(idNumber);
    expect(row.id_number_hash).toBe(hashIdNumber(park.id, idNumber));
    const audits = await t.ctx.db.selectFrom('audit_log').select(['before', 'after']).where('entity_id', '=', view.id).execute();
    expect(audits.length).toBeGreaterThan(0);
    expect(JSON.stringify(audits)).not.toContain(idNumber);
    const events = await t.ctx.db.selectFrom('apartment_application_events').select(['data', 'note']).where('application_id', '=', view.id).execute();
    expect(JSON.stringify(events)).not.toContain(idNumber);
    // the office sees the phone in full on the case; lists mask it
    const list = await dispatcher.get(`/api/land/apartments/applications?q=${encodeURIComponent('李明')}`);
    const item = (list.json() as Paged<ApartmentApplicationRow>).items.find((i) => i.id === view.id)!;
    expect(item.phoneMasked).toBe('139****5678');
    expect(JSON.stringify(list.json())).not.toContain('13912345678');
    expect((await finance.get(`/api/land/apartments/applications/${view.id}`)).json().phone).toBe('139****5678');
  });

  it('refuses a bad ID number, naming the field', async () => {
    const res = await apply(firmUser, { idNumber: '360602199001011231' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details.some((d) => d.path === 'idNumber')).toBe(true);
    expect(errorOf(res).message).toContain('身份证号');
  });

  it('refuses a second live application of the same person (409), from any firm; allows it again after withdrawal', async () => {
    const idNumber = freshIdCard();
    const first = await applied(firmUser, { idNumber });
    expect(first.status).toBe('waitlisted');
    const again = await apply(firmUser, { idNumber: idNumber.toLowerCase() });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).message).toContain(first.code);
    const elsewhere = await apply(otherFirmUser, { idNumber });
    expect(elsewhere.statusCode).toBe(409);
    expect(errorOf(elsewhere).message).not.toContain(first.code);
    const withdrawn = await act(firmUser, first.id, { action: 'withdraw', note: '已在市区购房' });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json().status).toBe('withdrawn');
    const later = await apply(otherFirmUser, { idNumber });
    expect(later.statusCode, later.body).toBe(200);
  });

  it('evaluates by the rules: require rules reject naming the failing ones, score rules add up (firm facts from the registry)', async () => {
    const rejected = await applied(firmUser, { facts: facts({ education: 'college', hasHouseInCity: true }) });
    expect(rejected.status).toBe('rejected');
    expect(rejected.eligible).toBe(false);
    expect(rejected.evaluation!.failed).toEqual(['本科及以上学历', '本市无自有住房']);
    expect(rejected.rejectReason).toContain('本科及以上学历');
    expect(rejected.timeline.map((e) => e.action)).toEqual(['submit', 'evaluate']);
    // master +30, senior +20, firm 规上 +10, insurance 36 ≥ 24 +10
    const top = await applied(firmUser, { facts: facts({ education: 'master', title: 'senior', socialInsuranceMonths: 36 }) });
    expect(top.status).toBe('waitlisted');
    expect(top.score).toBe(70);
    expect(top.evaluation!.results.find((r) => r.ruleId === 'scale')!.passed).toBe(true);
    expect(top.firmFacts).toEqual({ firmAboveScale: true, firmHighTech: true, firmChain: 'iot' });
    // the other firm is not 规上: no 10 points
    const other = await applied(otherFirmUser, { facts: facts({ education: 'master', title: 'senior', socialInsuranceMonths: 36 }) });
    expect(other.score).toBe(60);
  });

  it('applies the rule set valid on the application day', async () => {
    const ruleSets: ApartmentRuleSetView[] = (await dispatcher.get('/api/land/apartments/rule-sets')).json();
    const mine = ruleSets.filter((r) => r.validFrom === '2026-01-01' || r.validFrom === '2024-01-01');
    expect(mine.map((r) => [r.validFrom, r.current, r.validTo])).toEqual([
      ['2026-01-01', true, null],
      ['2024-01-01', false, '2025-12-31'],
    ]);
    // a revision from 2026-12-01 requires a master's degree
    const future = await dispatcher.post('/api/land/apartments/rule-sets', {
      validFrom: '2026-12-01',
      note: '2026年12月起',
      rules: [{ id: 'edu', label: '硕士及以上学历', field: 'education', op: 'in', value: ['master', 'doctor'], effect: 'require', points: 0 }],
    });
    expect(future.statusCode, future.body).toBe(200);
    const past = await dispatcher.post('/api/land/apartments/rule-sets', { validFrom: '2026-11-01', rules: TEST_RULES });
    expect(past.statusCode).toBe(400);
    expect(errorOf(past).details[0]!.path).toBe('validFrom');
    const dup = await dispatcher.post('/api/land/apartments/rule-sets', { validFrom: '2026-12-01', rules: TEST_RULES });
    expect(dup.statusCode).toBe(409);
    const badRule = await dispatcher.post('/api/land/apartments/rule-sets', { validFrom: '2027-01-01', rules: [{ id: 'x', label: '学历', field: 'education', op: 'gte', value: 3, effect: 'require' }] });
    expect(badRule.statusCode).toBe(400);
    expect(errorOf(badRule).details[0]!.path).toBe('rules.0.op');
    expect((await firmUser.post('/api/land/apartments/rule-sets', { validFrom: '2027-01-01', rules: TEST_RULES })).statusCode).toBe(403);

    const bachelorToday = await applied(firmUser);
    expect(bachelorToday.status).toBe('waitlisted');
    expect(bachelorToday.ruleSet!.validFrom).toBe('2026-01-01');
    t.clock.set(new Date('2026-12-02T02:00:00Z'));
    try {
      const bachelorLater = await applied(await clientAs(t, firmUserRow));
      expect(bachelorLater.status).toBe('rejected');
      expect(bachelorLater.ruleSet!.validFrom).toBe('2026-12-01');
      expect(bachelorLater.evaluation!.failed).toEqual(['硕士及以上学历']);
    } finally {
      t.clock.set(NOW);
      await t.ctx.db.deleteFrom('apartment_rule_sets').where('park_id', '=', park.id).where('valid_from', '=', '2026-12-01').execute().catch(() => undefined);
    }
  });
});

describe('waitlist, allocation, move-in and move-out', () => {
  let park2: TestPark;
  let firm2: EnterpriseRow;
  let firm2User: Client;
  let office: Client;
  let rooms: { id: string; code: string; layout: string | null }[];

  beforeAll(async () => {
    // a park of its own: the waitlist and the occupancy are counted from nothing
    park2 = await buildPark(t.ctx.db, '公寓测试园区');
    firm2 = await buildEnterprise(t.ctx.db, park2, { is_above_scale: false });
    firm2User = await clientAs(t, await buildUser(t.ctx.db, park2, { roles: ['enterprise'], enterpriseId: firm2.id }));
    office = await clientAs(t, await buildUser(t.ctx.db, park2, { roles: ['dispatcher'] }));
    await buildRuleSet(t.ctx.db, park2, '2026-01-01', TEST_RULES);
    rooms = (await buildApartmentBuilding(t.ctx.db, park2, { units: 3, layouts: ['一室一厅'] })).units;
  });

  it('orders the waitlist by score, then submission time', async () => {
    t.clock.set(new Date('2026-11-10T02:00:00Z'));
    const low = await applied(firm2User, { applicantName: '低分甲', facts: facts() }); // 0
    t.clock.advance(60_000);
    const highEarly = await applied(firm2User, { applicantName: '高分乙', facts: facts({ education: 'master' }) }); // 30
    t.clock.advance(60_000);
    const highLate = await applied(firm2User, { applicantName: '高分丙', facts: facts({ education: 'doctor' }) }); // 30
    t.clock.set(NOW);
    const list = (await office.get('/api/land/apartments/waitlist')).json() as Paged<ApartmentApplicationRow>;
    expect(list.items.map((i) => [i.applicantName, i.score, i.queuePosition])).toEqual([
      ['高分乙', 30, 1],
      ['高分丙', 30, 2],
      ['低分甲', 0, 3],
    ]);
    const detail = (await firm2User.get(`/api/land/apartments/applications/${low.id}`)).json() as ApartmentApplicationView;
    expect(detail.queuePosition).toBe(3);
    expect(detail.waitlistSize).toBe(3);
    const next = (await office.get('/api/land/apartments/waitlist/next')).json();
    expect(next.application.id).toBe(highEarly.id);
    expect(next.vacant).toBe(3);
    expect(highLate.queuePosition).toBe(2);
  });

  it('allocates a vacant unit, refuses an occupied one (409), records move-in; move-out frees the unit', async () => {
    const list = (await office.get('/api/land/apartments/waitlist')).json() as Paged<ApartmentApplicationRow>;
    const [first, second, third] = list.items;
    // the firm may not allocate
    expect((await act(firm2User, first!.id, { action: 'allocate', unitId: rooms[0]!.id, date: '2026-11-10' })).statusCode).toBe(403);
    expect((await act(office, first!.id, { action: 'allocate' })).statusCode).toBe(400);
    const vacant = (await office.get(`/api/land/apartments/applications/${first!.id}/vacant-units`)).json();
    expect(vacant).toHaveLength(3);
    const a1 = await act(office, first!.id, { action: 'allocate', unitId: rooms[0]!.id, date: '2026-11-18' });
    expect(a1.statusCode, a1.body).toBe(200);
    expect(a1.json().status).toBe('allocated');
    expect(a1.json().unit.id).toBe(rooms[0]!.id);
    const taken = await act(office, second!.id, { action: 'allocate', unitId: rooms[0]!.id, date: '2026-11-19' });
    expect(taken.statusCode).toBe(409);
    expect(errorOf(taken).message).toContain('不能重复分配');
    expect((await office.get(`/api/land/apartments/applications/${second!.id}/vacant-units`)).json()).toHaveLength(2);
    // the bare constraint: an overlapping occupancy is refused by the database itself
    await expect(
      t.ctx.db.insertInto('apartment_occupancies').values({ park_id: park2.id, unit_id: rooms[0]!.id, application_id: second!.id, enterprise_id: firm2.id, starts_on: '2026-12-01', ends_on: null, created_at: new Date() }).execute(),
    ).rejects.toMatchObject({ code: '23P01' });

    expect((await act(office, first!.id, { action: 'move_in', date: '2026-11-17' })).statusCode).toBe(400);
    const moved = await act(office, first!.id, { action: 'move_in', date: '2026-11-19' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().status).toBe('moved_in');
    expect((await act(office, first!.id, { action: 'withdraw' })).statusCode).toBe(409);

    // 18th: allocated, not moved in; 19th: occupied
    const on18 = await occupancy2(office, '2026-11-18');
    expect([on18.total, on18.occupied, on18.allocated, on18.vacant]).toEqual([3, 0, 1, 2]);
    const on19 = await occupancy2(office, '2026-11-19');
    expect([on19.total, on19.occupied, on19.allocated, on19.vacant, on19.waitlist]).toEqual([3, 1, 0, 2, 2]);
    expect(on19.occupancyPct).toBe(33.3);
    expect(on19.byFirm).toEqual([{ enterpriseId: firm2.id, name: firm2.name, occupied: 1, allocated: 0, waitlisted: 2 }]);
    expect(on19.byBuilding[0]).toMatchObject({ total: 3, occupied: 1, vacant: 2 });
    expect(on19.allocatedAverageWaitDays).toBe(8); // filed on the 10th, allocated on the 18th
    expect(on19.waitlistAverageDays).toBe(9);

    // move-out on the 20th frees the room from that day: the next on the waitlist gets it the same day
    const out = await act(office, first!.id, { action: 'move_out', date: TODAY });
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json().status).toBe('moved_out');
    const occ = await t.ctx.db.selectFrom('apartment_occupancies').select(['starts_on', 'ends_on']).where('application_id', '=', first!.id).execute();
    expect(occ).toEqual([{ starts_on: '2026-11-18', ends_on: TODAY }]);
    const onOut = await occupancy2(office, TODAY);
    expect([onOut.occupied, onOut.vacant]).toEqual([0, 3]);
    const a2 = await act(office, second!.id, { action: 'allocate', unitId: rooms[0]!.id, date: TODAY });
    expect(a2.statusCode, a2.body).toBe(200);

    // release: an allocation not taken up goes back to the waitlist, the room is free again
    const a3 = await act(office, third!.id, { action: 'allocate', unitId: rooms[1]!.id, date: TODAY });
    expect(a3.statusCode, a3.body).toBe(200);
    const released = await act(office, third!.id, { action: 'release', note: '本人放弃该房' });
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json().status).toBe('waitlisted');
    expect(released.json().queuePosition).toBe(1);
    expect((await office.get(`/api/land/apartments/applications/${third!.id}/vacant-units`)).json()).toHaveLength(2);
    const timeline = (released.json() as ApartmentApplicationView).timeline.map((e) => e.action);
    expect(timeline).toEqual(['submit', 'evaluate', 'allocate', 'release']);
  });

  it('two concurrent allocations of one unit: exactly one wins', async () => {
    const a = await applied(firm2User, { applicantName: '并发甲' });
    const b = await applied(firm2User, { applicantName: '并发乙' });
    const room = rooms[2]!;
    const results = await Promise.all([
      act(office, a.id, { action: 'allocate', unitId: room.id, date: TODAY }),
      act(office, b.id, { action: 'allocate', unitId: room.id, date: TODAY }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const rows = await t.ctx.db.selectFrom('apartment_occupancies').select('id').where('unit_id', '=', room.id).execute();
    expect(rows).toHaveLength(1);
  });
});

async function occupancy2(client: Client, on: string): Promise<ApartmentOccupancyView> {
  const res = await client.get(`/api/land/apartments/occupancy?on=${on}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('scope', () => {
  it("answers 404 for another firm's application, 403 for a step that is not the firm's", async () => {
    const mine = await applied(firmUser);
    expect((await otherFirmUser.get(`/api/land/apartments/applications/${mine.id}`)).statusCode).toBe(404);
    expect((await act(otherFirmUser, mine.id, { action: 'withdraw' })).statusCode).toBe(404);
    const theirs = (await otherFirmUser.get('/api/land/apartments/applications')).json() as Paged<ApartmentApplicationRow>;
    expect(theirs.items.every((i) => i.enterpriseId === otherFirm.id)).toBe(true);
    expect(theirs.items.some((i) => i.id === mine.id)).toBe(false);
    // a firm files only for itself
    expect((await apply(firmUser, { enterpriseId: otherFirm.id })).statusCode).toBe(404);
    expect((await firmUser.get('/api/land/apartments/occupancy')).statusCode).toBe(403);
    expect((await firmUser.get('/api/land/apartments/waitlist')).statusCode).toBe(403);
    expect((await act(firmUser, mine.id, { action: 'allocate', unitId: units[0]!.id })).statusCode).toBe(403);
    // the office files for a firm and must say which
    const noFirm = await apply(dispatcher);
    expect(noFirm.statusCode).toBe(400);
    expect(errorOf(noFirm).details[0]!.path).toBe('enterpriseId');
    const forFirm = await apply(dispatcher, { enterpriseId: firm.id });
    expect(forFirm.statusCode, forFirm.body).toBe(200);
    // a finance officer reads, but may not file or allocate
    expect((await apply(finance, { enterpriseId: firm.id })).statusCode).toBe(403);
    expect((await finance.get(`/api/land/apartments/applications/${mine.id}`)).statusCode).toBe(200);
    expect((await finance.get(`/api/land/apartments/applications/${mine.id}`)).json().actions).toEqual([]);
    // another park's dispatcher does not see it
    const otherPark = await buildPark(t.ctx.db, '别的园区');
    const stranger = await clientAs(t, await buildUser(t.ctx.db, otherPark, { roles: ['dispatcher'] }));
    expect((await stranger.get(`/api/land/apartments/applications/${mine.id}`)).statusCode).toBe(404);
  });

  it('occupancy figures of the first park come from its own rows', async () => {
    const o = await occupancy(TODAY);
    expect(o.total).toBe(6);
    expect(o.occupied + o.allocated + o.vacant + o.unavailable).toBe(6);
  });
});
