import type { CreditFormulaView, CreditProfile, CreditProfileResponse } from '@yuanqi/contract';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EnterpriseRow } from '../../../db/schema.js';
import { anonymous, clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../../test/harness.js';
import { buildBank, buildEnterprise, buildPark, buildUser, type TestPark } from '../../../../test/factories.js';
import { buildConsent } from '../../../../test/finance-insight-factories.js';
import { DEMO_CREDIT_FORMULA } from '../seed/credit.js';
import { ensureIndustryDefaults } from '../../industry/defaults.js';
import { writeFigureFixtures } from '../../industry/stats/figure-fixtures.js';

const NOW = new Date('2026-06-10T02:00:00Z');

let t: TestApp;
let park: TestPark;
let firm: EnterpriseRow;
let otherFirm: EnterpriseRow;
let officer: Client;
let leader: Client;
let firmUser: Client;
let otherFirmUser: Client;
let bankerA: Client;
let bankerB: Client;
let bankerC: Client;
let bankA: { id: string };
let bankB: { id: string };
let bankC: { id: string };

const formula = {
  name: '测试公式',
  definition: {
    indicators: [
      { metric: 'years_founded', weight: 60, bands: [{ min: null, max: 5, score: 40 }, { min: 5, max: 10, score: 70 }, { min: 10, max: null, score: 100 }] },
      { metric: 'high_tech', weight: 40, bands: [{ min: null, max: 1, score: 50 }, { min: 1, max: null, score: 100 }] },
    ],
    grades: { AAA: 90, AA: 80, A: 70, BBB: 60, BB: 50 },
  },
};

beforeAll(async () => {
  t = await createTestApp({}, NOW);
  park = await buildPark(t.ctx.db);
  firm = await buildEnterprise(t.ctx.db, park, { founded_on: '2014-03-01', tags: ['high_tech'], registered_capital_fen: 3_000_000_000, is_above_scale: true, headcount: 180 });
  otherFirm = await buildEnterprise(t.ctx.db, park, { founded_on: '2023-01-01' });
  officer = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['finance_officer'] }));
  leader = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['leader'] }));
  firmUser = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: firm.id }));
  otherFirmUser = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: otherFirm.id }));
  bankA = await buildBank(t.ctx.db, park, '甲银行');
  bankB = await buildBank(t.ctx.db, park, '乙银行');
  bankC = await buildBank(t.ctx.db, park, '丙银行');
  bankerA = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['bank'], bankId: bankA.id }));
  bankerB = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['bank'], bankId: bankB.id }));
  bankerC = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['bank'], bankId: bankC.id }));
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => {
  t.clock.set(NOW);
});

describe('credit formula versions', () => {
  it('refuses a bad formula with the field named, and non-officers', async () => {
    expect((await anonymous(t).post('/api/finance/credit/formulas', formula)).statusCode).toBe(401);
    expect((await leader.post('/api/finance/credit/formulas', formula)).statusCode).toBe(403);
    expect((await bankerA.get('/api/finance/credit/formulas')).statusCode).toBe(403);
    const bad = await officer.post('/api/finance/credit/formulas', { ...formula, definition: { ...formula.definition, indicators: [{ ...formula.definition.indicators[0], weight: 50 }, formula.definition.indicators[1]] } });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details).toEqual([{ path: 'definition.indicators', message: '各指标权重之和须为100%,现为90%' }]);
  });

  it('creates a draft, tests it on a firm, publishes it (the previous one retired and kept), and the draft is then frozen', async () => {
    expect(((await firmUser.get(`/api/finance/credit/enterprises/${firm.id}`)).json() as CreditProfileResponse).profile).toBeNull();
    const v1 = (await officer.post('/api/finance/credit/formulas', formula)).json() as CreditFormulaView;
    expect(v1).toMatchObject({ version: 1, status: 'draft' });
    expect(v1.description[0]).toBe('成立年限:≥10年 得100分;5–10年 得70分;<5年 得40分;权重60%');
    const tried = await officer.post(`/api/finance/credit/formulas/${v1.id}/test`, { enterpriseId: firm.id });
    expect(tried.statusCode).toBe(200);
    expect(tried.json()).toMatchObject({ formulaStatus: 'draft', totalScore: 100, grade: 'AAA' });
    // a draft is not in force
    expect(((await firmUser.get(`/api/finance/credit/enterprises/${firm.id}`)).json() as CreditProfileResponse).profile).toBeNull();
    expect((await officer.post(`/api/finance/credit/formulas/${v1.id}/publish`)).json()).toMatchObject({ status: 'published' });
    const v2 = (await officer.post('/api/finance/credit/formulas', { name: '第二版', definition: DEMO_CREDIT_FORMULA })).json() as CreditFormulaView;
    expect(v2.version).toBe(2);
    expect((await officer.post(`/api/finance/credit/formulas/${v2.id}/publish`)).statusCode).toBe(200);
    expect((await officer.post(`/api/finance/credit/formulas/${v2.id}/publish`)).statusCode).toBe(409);
    const list = (await leader.get('/api/finance/credit/formulas')).json() as CreditFormulaView[];
    expect(list.map((f) => [f.version, f.status])).toEqual([
      [2, 'published'],
      [1, 'retired'],
    ]);
    const edit = await officer.put(`/api/finance/credit/formulas/${v1.id}`, formula);
    expect(edit.statusCode).toBe(409);
    const profile = ((await firmUser.get(`/api/finance/credit/enterprises/${firm.id}`)).json() as CreditProfileResponse).profile as CreditProfile;
    expect(profile.formulaVersion).toBe(2);
    expect(profile.indicators).toHaveLength(DEMO_CREDIT_FORMULA.indicators.length);
    const years = profile.indicators.find((i) => i.metric === 'years_founded')!;
    expect(years).toMatchObject({ value: 12, score: 100, weight: 15 });
    expect(profile.indicators.find((i) => i.metric === 'registered_capital_wan')).toMatchObject({ value: 3000, score: 85 });
    expect(profile.totalScore).toBe(Math.round(profile.indicators.reduce((s, i) => s + (i.score * i.weight) / 100, 0) * 10) / 10);
  });
});

describe('GET /api/finance/credit/enterprises/:id visibility', () => {
  it('staff see any firm; a firm only its own; a bank only with the live credit consent', async () => {
    const url = `/api/finance/credit/enterprises/${firm.id}`;
    expect((await officer.get(url)).statusCode).toBe(200);
    expect((await leader.get(url)).statusCode).toBe(200);
    expect((await firmUser.get(url)).statusCode).toBe(200);
    expect((await otherFirmUser.get(url)).statusCode).toBe(404);
    // no consent: 404
    expect((await bankerA.get(url)).statusCode).toBe(404);
    // consent without the credit scope: 404
    await buildConsent(t.ctx.db, park, { enterpriseId: firm.id, bankId: bankC.id, scopes: ['registry'] });
    expect((await bankerC.get(url)).statusCode).toBe(404);
    // revoked consent: 404
    await buildConsent(t.ctx.db, park, { enterpriseId: firm.id, bankId: bankB.id, scopes: ['credit'], revoked: true });
    expect((await bankerB.get(url)).statusCode).toBe(404);
    // live credit consent: 200, and only for that firm
    await buildConsent(t.ctx.db, park, { enterpriseId: firm.id, bankId: bankA.id, scopes: ['registry', 'credit'] });
    const ok = await bankerA.get(url);
    expect(ok.statusCode).toBe(200);
    expect((ok.json() as CreditProfileResponse).profile!.enterpriseId).toBe(firm.id);
    expect((await bankerA.get(`/api/finance/credit/enterprises/${otherFirm.id}`)).statusCode).toBe(404);
    // a firm of another park does not exist here
    const foreign = await buildEnterprise(t.ctx.db, await buildPark(t.ctx.db));
    expect((await officer.get(`/api/finance/credit/enterprises/${foreign.id}`)).statusCode).toBe(404);
  });
});

describe("GET /api/finance/firms/:id with the 'monthly' consent", () => {
  it("shows a bank the firm's last 12 accepted months of key figures only with 'monthly'; without any consent the firm is 404", async () => {
    await ensureIndustryDefaults(t.ctx.db, park.id);
    const periods = Array.from({ length: 14 }, (_, i) => `${2025 + Math.floor((2 + i) / 12)}-${String(((2 + i) % 12) + 1).padStart(2, '0')}-01`); // 2025-03 … 2026-04
    await writeFigureFixtures(
      t.ctx.db,
      periods.map((period, i) => ({ parkId: park.id, enterpriseId: firm.id, chain: firm.chain, period, values: { output_fen: 100_000_000 + i, revenue_fen: 90_000_000 + i, tax_fen: 1_000_000, power_kwh: 50_000, employees: 180 } })),
    );
    const bankD = await buildBank(t.ctx.db, park, '丁银行');
    const bankE = await buildBank(t.ctx.db, park, '戊银行');
    const bankF = await buildBank(t.ctx.db, park, '己银行');
    const bankerD = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['bank'], bankId: bankD.id }));
    const bankerE = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['bank'], bankId: bankE.id }));
    const bankerF = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['bank'], bankId: bankF.id }));
    await buildConsent(t.ctx.db, park, { enterpriseId: firm.id, bankId: bankD.id, scopes: ['monthly'] });
    await buildConsent(t.ctx.db, park, { enterpriseId: firm.id, bankId: bankE.id, scopes: ['registry'] });
    const url = `/api/finance/firms/${firm.id}`;
    const d = (await bankerD.get(url)).json();
    expect(d.registry).toBeNull();
    expect(d.monthly.indicators.map((i: { key: string }) => i.key)).toEqual(['output_fen', 'revenue_fen', 'tax_fen', 'power_kwh', 'employees']);
    expect(d.monthly.months).toHaveLength(12);
    expect(d.monthly.months[0]).toEqual({ period: '2026-04-01', values: { output_fen: 100_000_013, revenue_fen: 90_000_013, tax_fen: 1_000_000, power_kwh: 50_000, employees: 180 } });
    expect(d.monthly.months[11].period).toBe('2025-05-01');
    expect((await bankerE.get(url)).json().monthly).toBeNull();
    expect((await bankerF.get(url)).statusCode).toBe(404);
  });
});
