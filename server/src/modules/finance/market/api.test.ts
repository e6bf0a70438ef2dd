import type { NeedDetailView, OfferDetailView, OfferView, Paged } from '@yuanqi/contract';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EnterpriseRow } from '../../../db/schema.js';
import { anonymous, clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../../test/harness.js';
import { buildBank, buildEnterprise, buildPark, buildUser, type TestPark } from '../../../../test/factories.js';
import { buildNeed } from '../../../../test/finance-market-factories.js';
import { escalateOverdueOffers } from './sweep.js';
import { needStatistics } from './stats.js';
import { liveConsentScopes } from './consents.js';

// Thursday 2026-04-30 10:00 Asia/Shanghai, the day before 劳动节 (5/1–5/5 off, Saturday 5/9 a 调休 working day).
const NOW = new Date('2026-04-30T02:00:00Z');

let t: TestApp;
let park: TestPark;
let firm: EnterpriseRow;
let otherFirm: EnterpriseRow;
let liaisonFirm: EnterpriseRow;
let firmUser: Client;
let otherFirmUser: Client;
let liaison: Client;
let officer: Client;
let bankA: Client;
let bankB: Client;
let bankC: Client;
let banks: { a: string; b: string; c: string };
let rows: Record<'firmUser' | 'bankA' | 'officer', { id: string; park_id: string }>;

/** Sessions last 12 hours: after moving the clock by days, open new ones. */
async function reopenSessions(): Promise<void> {
  firmUser = await clientAs(t, rows.firmUser);
  bankA = await clientAs(t, rows.bankA);
  officer = await clientAs(t, rows.officer);
}

beforeAll(async () => {
  t = await createTestApp({}, NOW);
  park = await buildPark(t.ctx.db);
  const liaisonRow = await buildUser(t.ctx.db, park, { roles: ['liaison'] });
  firm = await buildEnterprise(t.ctx.db, park, { address: '鹰潭市月湖区测试路1号' });
  otherFirm = await buildEnterprise(t.ctx.db, park);
  liaisonFirm = await buildEnterprise(t.ctx.db, park, { liaison_id: liaisonRow.id });
  const firmUserRow = await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: firm.id });
  firmUser = await clientAs(t, firmUserRow);
  otherFirmUser = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: otherFirm.id }));
  liaison = await clientAs(t, liaisonRow);
  const officerRow = await buildUser(t.ctx.db, park, { roles: ['finance_officer'] });
  officer = await clientAs(t, officerRow);
  const a = await buildBank(t.ctx.db, park, '甲银行鹰潭分行');
  const b = await buildBank(t.ctx.db, park, '乙银行鹰潭分行');
  const c = await buildBank(t.ctx.db, park, '丙银行鹰潭分行');
  banks = { a: a.id, b: b.id, c: c.id };
  const bankARow = await buildUser(t.ctx.db, park, { roles: ['bank'], bankId: a.id });
  bankA = await clientAs(t, bankARow);
  rows = { firmUser: firmUserRow, bankA: bankARow, officer: officerRow };
  bankB = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['bank'], bankId: b.id }));
  bankC = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['bank'], bankId: c.id }));
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => {
  t.clock.set(NOW);
});

const need = (o: Record<string, unknown> = {}) => ({
  amountFen: 500_000_000,
  termMonths: 12,
  purpose: '采购铜杆原料的流动资金',
  collateral: ['receivables'],
  sendTo: 'chosen',
  bankIds: [banks.a, banks.b, banks.c],
  consents: [{ bankId: banks.a, scopes: ['registry', 'credit'] }],
  ...o,
});

describe('refusals', () => {
  it('401 without a session, 403 for a bank filing, 400 naming the field', async () => {
    expect((await anonymous(t).get('/api/finance/offers')).statusCode).toBe(401);
    expect((await anonymous(t).post('/api/finance/needs', need())).statusCode).toBe(401);
    expect((await bankA.post('/api/finance/needs', need())).statusCode).toBe(403);

    const noAmount = await firmUser.post('/api/finance/needs', need({ amountFen: undefined }));
    expect(noAmount.statusCode).toBe(400);
    expect(errorOf(noAmount).details.map((d) => d.path)).toContain('amountFen');
    const noBanks = await firmUser.post('/api/finance/needs', need({ bankIds: [] }));
    expect(noBanks.statusCode).toBe(400);
    expect(errorOf(noBanks).details[0]).toMatchObject({ path: 'bankIds', message: '请至少选择一家金融机构' });
    const foreignConsent = await firmUser.post('/api/finance/needs', need({ bankIds: [banks.a], consents: [{ bankId: banks.b, scopes: ['registry'] }] }));
    expect(errorOf(foreignConsent).details[0].path).toBe('consents.0.bankId');
    const liaisonNoFirm = await liaison.post('/api/finance/needs', need());
    expect(errorOf(liaisonNoFirm).details[0].path).toBe('enterpriseId');
    // nothing half-written
    expect(Number((await t.ctx.db.selectFrom('finance_needs').select((eb) => eb.fn.countAll().as('n')).where('park_id', '=', park.id).executeTakeFirstOrThrow()).n)).toBe(0);
  });

  it('404 for a firm out of scope', async () => {
    expect((await firmUser.post('/api/finance/needs', need({ enterpriseId: otherFirm.id }))).statusCode).toBe(404);
    expect((await liaison.post('/api/finance/needs', need({ enterpriseId: firm.id }))).statusCode).toBe(404);
    expect((await firmUser.get(`/api/finance/needs/${crypto.randomUUID()}`)).statusCode).toBe(404);
    expect((await bankA.get(`/api/finance/offers/${crypto.randomUUID()}`)).statusCode).toBe(404);
  });
});

describe('a need to three banks, answered side by side', () => {
  let filed: NeedDetailView;
  const offerOf = (bankId: string) => filed.offers.find((o) => o.bankId === bankId)!;

  it('files: number, one answer per bank due in 3 working days (end of day, holidays skipped), consent recorded', async () => {
    const res = await firmUser.post('/api/finance/needs', need());
    expect(res.statusCode).toBe(201);
    filed = res.json();
    expect(filed.number).toMatch(/^RZ20260430-\d{4}$/);
    expect(filed.offers).toHaveLength(3);
    // 4/30 + 3 working days: 5/1–5/5 off → 5/6, 5/7, 5/8; end of 5/8 Shanghai
    expect(filed.offers.every((o) => o.dueAt === '2026-05-08T15:59:59.999Z')).toBe(true);
    expect(filed.offers.every((o) => o.status === 'pending')).toBe(true);
    expect(await liveConsentScopes(t.ctx.db, park.id, banks.a, firm.id)).toEqual(['registry', 'credit']);
    expect(await liveConsentScopes(t.ctx.db, park.id, banks.b, firm.id)).toEqual([]);
    const notes = await t.ctx.db.selectFrom('notifications').select(['user_id', 'link']).where('park_id', '=', park.id).where('kind', '=', 'finance.need').execute();
    expect(notes).toHaveLength(3);
  });

  it('isolation: each bank sees its own answer only; 404 for another bank\'s answer and for needs not sent to it', async () => {
    const inboxA: Paged<OfferView> = (await bankA.get('/api/finance/offers')).json();
    expect(inboxA.items.map((o) => o.bankId)).toEqual([banks.a]);
    expect((await bankA.get(`/api/finance/offers/${offerOf(banks.b).id}`)).statusCode).toBe(404);
    expect((await bankA.post(`/api/finance/offers/${offerOf(banks.b).id}/actions`, { action: 'interest' })).statusCode).toBe(404);
    const seenByA: NeedDetailView = (await bankA.get(`/api/finance/needs/${filed.id}`)).json();
    expect(seenByA.offers.map((o) => o.bankId)).toEqual([banks.a]);
    expect(seenByA.timeline).toEqual([]);
    // a need sent to A and B only: C gets 404
    const other = await firmUser.post('/api/finance/needs', need({ bankIds: [banks.a, banks.b], consents: [] }));
    expect((await bankC.get(`/api/finance/needs/${other.json().id}`)).statusCode).toBe(404);
    // firm view: registry only with consent; 404 for a firm that sent nothing and consented nothing
    const viewA = (await bankA.get(`/api/finance/firms/${firm.id}`)).json();
    expect(viewA.registry).toMatchObject({ uscc: firm.uscc, address: '鹰潭市月湖区测试路1号' });
    expect(viewA.consentScopes).toEqual(['registry', 'credit']);
    const viewB = (await bankB.get(`/api/finance/firms/${firm.id}`)).json();
    expect(viewB.registry).toBeNull();
    expect(viewB.name).toBe(firm.name);
    expect((await bankA.get(`/api/finance/firms/${otherFirm.id}`)).statusCode).toBe(404);
    // staff see every answer, and can filter by bank
    const all: Paged<OfferView> = (await officer.get(`/api/finance/offers?bankId=${banks.b}`)).json();
    expect(all.items.every((o) => o.bankId === banks.b)).toBe(true);
    expect(all.total).toBe(2);
  });

  it('an enterprise sees only its own needs', async () => {
    expect((await otherFirmUser.get(`/api/finance/needs/${filed.id}`)).statusCode).toBe(404);
    expect((await otherFirmUser.get('/api/finance/needs')).json().total).toBe(0);
    expect((await otherFirmUser.get('/api/finance/offers')).json().total).toBe(0);
    expect((await otherFirmUser.get(`/api/finance/offers/${offerOf(banks.a).id}`)).statusCode).toBe(404);
    expect((await firmUser.get('/api/finance/needs')).json().total).toBe(2);
  });

  it('transitions: missing fields 400, wrong state 409, wrong party 403', async () => {
    const a = offerOf(banks.a).id;
    const b = offerOf(banks.b).id;
    const noRate = await bankA.post(`/api/finance/offers/${a}/actions`, { action: 'approve', amountFen: 400_000_000, termMonths: 12 });
    expect(noRate.statusCode).toBe(400);
    expect(errorOf(noRate).details[0]).toMatchObject({ path: 'rateBp', message: '请填写年利率' });
    expect((await bankB.post(`/api/finance/offers/${b}/actions`, { action: 'disburse', amountFen: 1, disbursedOn: '2026-04-30' })).statusCode).toBe(409);
    const noReason = await bankB.post(`/api/finance/offers/${b}/actions`, { action: 'decline' });
    expect(errorOf(noReason).details[0].path).toBe('note');
    expect((await firmUser.post(`/api/finance/offers/${a}/actions`, { action: 'interest' })).statusCode).toBe(403);

    expect((await bankA.post(`/api/finance/offers/${a}/actions`, { action: 'interest' })).json().status).toBe('interested');
    expect((await bankA.post(`/api/finance/offers/${a}/actions`, { action: 'request-materials', note: '近两年财务报表' })).json()).toMatchObject({ status: 'materials_requested', materialsNote: '近两年财务报表' });
    const approved: OfferDetailView = (await bankA.post(`/api/finance/offers/${a}/actions`, { action: 'approve', amountFen: 400_000_000, rateBp: 365, termMonths: 12 })).json();
    expect(approved).toMatchObject({ status: 'approved', approvedAmountFen: 400_000_000, approvedRateBp: 365, answeredOnTime: true });
    expect(approved.allowedActions).toEqual([]); // not chosen yet: no 放款 button
    expect((await bankA.post(`/api/finance/offers/${a}/actions`, { action: 'disburse', amountFen: 1, disbursedOn: '2026-04-30' })).statusCode).toBe(409);
    expect((await bankB.post(`/api/finance/offers/${b}/actions`, { action: 'decline', note: '不在本行授信行业范围' })).json().status).toBe('declined');
    expect((await bankB.post(`/api/finance/offers/${b}/actions`, { action: 'interest' })).statusCode).toBe(409);

    const seen: NeedDetailView = (await firmUser.get(`/api/finance/needs/${filed.id}`)).json();
    expect(seen.offers.map((o) => [o.bankId, o.status])).toEqual(
      expect.arrayContaining([[banks.a, 'approved'], [banks.b, 'declined'], [banks.c, 'pending']]),
    );
    expect(seen.offers.find((o) => o.bankId === banks.b)!.declineReason).toBe('不在本行授信行业范围');
  });

  it('choose: a declined answer 409; the approved one chosen, the open one superseded and its bank told', async () => {
    expect((await firmUser.post(`/api/finance/needs/${filed.id}/actions`, { action: 'choose', offerId: offerOf(banks.b).id })).statusCode).toBe(409);
    expect(errorOf(await firmUser.post(`/api/finance/needs/${filed.id}/actions`, { action: 'choose' })).details[0].path).toBe('offerId');
    expect((await bankA.post(`/api/finance/needs/${filed.id}/actions`, { action: 'choose', offerId: offerOf(banks.a).id })).statusCode).toBe(404);
    const chosen: NeedDetailView = (await firmUser.post(`/api/finance/needs/${filed.id}/actions`, { action: 'choose', offerId: offerOf(banks.a).id })).json();
    expect(chosen.status).toBe('chosen');
    expect(chosen.offers.find((o) => o.bankId === banks.a)!.chosen).toBe(true);
    expect(chosen.offers.find((o) => o.bankId === banks.c)!.status).toBe('superseded');
    expect(chosen.offers.find((o) => o.bankId === banks.b)!.status).toBe('declined');
    const toldC = await t.ctx.db.selectFrom('notifications as n').innerJoin('users as u', 'u.id', 'n.user_id').select('n.title').where('u.bank_id', '=', banks.c).where('n.kind', '=', 'finance.offer').execute();
    expect(toldC).toHaveLength(1);
  });

  it('disbursement: the need completes with working days from filing across 劳动节 and its 调休 Saturday', async () => {
    t.clock.set(new Date('2026-05-11T03:00:00Z'));
    await reopenSessions();
    const a = offerOf(banks.a).id;
    const early = await bankA.post(`/api/finance/offers/${a}/actions`, { action: 'disburse', amountFen: 400_000_000, disbursedOn: '2026-04-29' });
    expect(early.json()).toMatchObject({ error: { details: [{ path: 'disbursedOn' }] } });
    const res = await bankA.post(`/api/finance/offers/${a}/actions`, { action: 'disburse', amountFen: 400_000_000, disbursedOn: '2026-05-11' });
    expect(res.statusCode).toBe(200);
    const done: NeedDetailView = (await firmUser.get(`/api/finance/needs/${filed.id}`)).json();
    // (4/30, 5/11]: 5/6, 5/7, 5/8, 5/9 (调休 Saturday), 5/11 — 5 working days (7 weekdays)
    expect(done).toMatchObject({ status: 'disbursed', disbursedAmountFen: 400_000_000, workingDaysToDisbursement: 5 });
    expect(done.timeline.filter((e) => e.action.startsWith('need.')).map((e) => e.action)).toEqual(['need.file', 'need.sent', 'need.choose', 'need.disbursed']);
    // every institution's answers are woven into the firm's timeline, named by institution
    expect(done.timeline.filter((e) => e.action === 'offer.decline').map((e) => e.actionLabel)).toEqual(['乙银行鹰潭分行 拒绝']);
  });

  it('consent revoked: the registry is gone from the bank\'s firm view', async () => {
    const consents = (await firmUser.get('/api/finance/consents')).json();
    const live = consents.find((c: { bankId: string; live: boolean }) => c.bankId === banks.a && c.live);
    expect(errorOf(await firmUser.post(`/api/finance/consents/${live.id}/revoke`, {})).details[0].path).toBe('reason');
    expect((await otherFirmUser.post(`/api/finance/consents/${live.id}/revoke`, { reason: '不再合作' })).statusCode).toBe(404);
    expect((await firmUser.post(`/api/finance/consents/${live.id}/revoke`, { reason: '贷款已结清' })).statusCode).toBe(200);
    const view = (await bankA.get(`/api/finance/firms/${firm.id}`)).json();
    expect(view.registry).toBeNull();
    expect(view.consentScopes).toEqual([]);
    // changing scopes keeps both rows as the record
    await firmUser.post('/api/finance/consents', { bankId: banks.b, scopes: ['registry'] });
    await firmUser.post('/api/finance/consents', { bankId: banks.b, scopes: ['registry', 'monthly'] });
    const rows = await t.ctx.db.selectFrom('finance_consents').select(['scopes', 'revoked_at']).where('bank_id', '=', banks.b).where('enterprise_id', '=', firm.id).orderBy('granted_at').orderBy('revoked_at').execute();
    expect(rows).toHaveLength(2);
    expect(rows.filter((r) => r.revoked_at === null).map((r) => r.scopes)).toEqual([['registry', 'monthly']]);
    expect((await bankB.get(`/api/finance/firms/${firm.id}`)).json().monthly.months).toEqual([]);
  });

  it('a liaison files for its assigned firm', async () => {
    const res = await liaison.post('/api/finance/needs', need({ enterpriseId: liaisonFirm.id, bankIds: [banks.c], consents: [] }));
    expect(res.statusCode).toBe(201);
    expect(res.json().filedByRole).toBe('liaison');
  });
});

describe('escalation sweep', () => {
  it('marks an unanswered answer past its deadline once, however often it runs', async () => {
    const { offerIds } = await buildNeed(t.ctx.db, park, otherFirm.id, [banks.a, banks.b], { filedAt: new Date('2026-06-01T02:00:00Z'), dueAt: new Date('2026-06-04T15:59:59.999Z') });
    await t.ctx.db.updateTable('finance_offers').set({ status: 'interested', answered_at: new Date('2026-06-02T02:00:00Z') }).where('id', '=', offerIds[1]).execute();
    const escalatedOf = async () => (await t.ctx.db.selectFrom('finance_offer_events').select('offer_id').where('action', '=', 'offer.escalated').where('offer_id', 'in', offerIds).execute()).length;
    await escalateOverdueOffers(t.ctx, new Date('2026-06-04T10:00:00Z'));
    expect(await escalatedOf()).toBe(0);
    const after = new Date('2026-06-05T02:00:00Z');
    const [first, second] = [await escalateOverdueOffers(t.ctx, after), await escalateOverdueOffers(t.ctx, after)];
    expect(first.escalated).toBe(1);
    expect(second.escalated).toBe(0);
    const events = await t.ctx.db.selectFrom('finance_offer_events').select('offer_id').where('action', '=', 'offer.escalated').where('offer_id', 'in', offerIds).execute();
    expect(events.map((e) => e.offer_id)).toEqual([offerIds[0]]);
    t.clock.set(after);
    await reopenSessions();
    const overdue: Paged<OfferView> = (await officer.get('/api/finance/offers?overdue=true')).json();
    expect(overdue.items.map((o) => o.id)).toContain(offerIds[0]);
    expect(overdue.items.map((o) => o.id)).not.toContain(offerIds[1]);
    expect((await t.ctx.db.selectFrom('notifications').select('id').where('kind', '=', 'finance.escalation').execute()).length).toBeGreaterThanOrEqual(1);
    // the finance officer's 立即检查 runs the same sweep: nothing left to escalate; a bank may not run it
    expect((await officer.post('/api/finance/offers/escalate')).json()).toEqual({ escalated: 0 });
    expect((await bankA.post('/api/finance/offers/escalate')).statusCode).toBe(403);
  });

  it('concurrent runs escalate each answer once', async () => {
    const { offerIds } = await buildNeed(t.ctx.db, park, otherFirm.id, [banks.a, banks.b, banks.c], { filedAt: new Date('2026-07-01T02:00:00Z'), dueAt: new Date('2026-07-03T15:59:59.999Z') });
    const at = new Date('2026-07-06T02:00:00Z');
    await Promise.all([escalateOverdueOffers(t.ctx, at), escalateOverdueOffers(t.ctx, at), escalateOverdueOffers(t.ctx, at)]);
    const events = await t.ctx.db.selectFrom('finance_offer_events').select('offer_id').where('action', '=', 'offer.escalated').where('offer_id', 'in', offerIds).execute();
    expect(events).toHaveLength(3);
  });
});

describe('statistics', () => {
  it('counts the period\'s needs, answers and working days', async () => {
    const s = await needStatistics(t.ctx.db, park.id, { from: '2026-04-01', to: '2026-04-30' }, new Date('2026-07-10T00:00:00Z'));
    expect(s.needsFiled).toBe(3);
    expect(s.offersSent).toBe(6);
    expect(s.approvedCount).toBe(1);
    expect(s.approvedAmountFen).toBe(400_000_000);
    expect(s.declinedCount).toBe(1);
    expect(s.disbursedCount).toBe(1);
    expect(s.workingDays).toMatchObject({ average: 5, median: 5, p90: 5, withinFive: 1, withinFiveShare: 1 });
    expect(s.byBank.find((r) => r.bankId === banks.a)).toMatchObject({ sent: 2, answeredOnTime: 1, approvedCount: 1, disbursedCount: 1, disbursedAmountFen: 400_000_000 });
    const empty = await needStatistics(t.ctx.db, park.id, { from: '2025-01-01', to: '2025-01-31' });
    expect(empty).toMatchObject({ needsFiled: 0, offersSent: 0, answeredOnTimeShare: 0, byBank: [] });
    expect(empty.workingDays.median).toBeNull();
  });
});
