import { formatYuan, type ExemptionRunReport, type FundStatement, type PolicyGrantDetail } from '@yuanqi/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEnterprise, buildPark, buildUser, type TestPark } from '../../../../test/factories.js';
import { buildFund } from '../../../../test/fund-factories.js';
import { clientAs, createTestApp, type Client, type TestApp } from '../../../../test/harness.js';
import { buildPolicy, rematch, setFacts, wengangRule } from '../../../../test/policy-factories.js';
import { reserveFunds } from '../../funds/service.js';
import { runPolicySweep } from '../library/sweep.js';

/**
 * 免申即享 grants hold their money: a run on a fund too small for all its grants grants no more
 * than the fund holds (smallest amount first), reserves what it grants, and every granted firm is
 * paid on confirmation whatever is reserved later. Cancelled and expired grants give the money back.
 */

let t: TestApp;
let officer: Client;
let officerUser: { id: string; park_id: string };

beforeAll(async () => {
  t = await createTestApp();
});

afterAll(async () => {
  await t.close();
});

const account = (name: string) => ({ accountName: name, bankName: '鹰潭农商银行', accountNo: '6230009988776655' });

async function fundFigures(fundId: string) {
  const f = await t.ctx.db.selectFrom('funds').select(['budget_fen', 'reserved_fen', 'paid_fen', 'available_fen']).where('id', '=', fundId).executeTakeFirstOrThrow();
  return { budget: Number(f.budget_fen), reserved: Number(f.reserved_fen), paid: Number(f.paid_fen), available: Number(f.available_fen) };
}

/** A park with a ¥150,000 fund and a 稳岗返还-like 免申即享 policy (60% of last year's premiums). */
async function smallFundPark(): Promise<{ park: TestPark; fundId: string; policyId: string; firm: (name: string, premiumFen: number) => Promise<string> }> {
  const park = await buildPark(t.ctx.db);
  const fundId = (await buildFund(t.ctx.db, park, { budgetFen: 15_000_000, name: '稳岗小额资金' })).id;
  const policyId = (await buildPolicy(t.ctx.db, park, { fundId, title: '失业保险稳岗返还(小额资金)', mode: 'auto', rule: wengangRule() })).policy.id;
  officerUser = await buildUser(t.ctx.db, park, { roles: ['policy_officer'] });
  officer = await clientAs(t, officerUser);
  const firm = async (name: string, premiumFen: number) => {
    const id = (await buildEnterprise(t.ctx.db, park, { name })).id;
    await setFacts(t.ctx.db, park, id, 2025, { ui_paid_months: 12, ui_premium_paid_fen: premiumFen, serious_dishonesty: false });
    return id;
  };
  return { park, fundId, policyId, firm };
}

describe('a 免申即享 run on a fund too small for all its grants', () => {
  it('grants smallest first up to the available balance, reserves it, reports the rest as 资金不足, and pays every granted firm after a later reservation', async () => {
    const { park, fundId, policyId, firm } = await smallFundPark();
    // 60 % of the premiums: ¥111,111.10, ¥37,037.03 (¥37,037.028 四舍五入到分) and ¥30,000.00 — ¥178,148.13 against ¥150,000
    const big = await firm('稳岗大额公司', 18_518_517);
    const mid = await firm('稳岗中额公司', 6_172_838);
    const small = await firm('稳岗小额公司', 5_000_000);
    await rematch(t.ctx.db, park, t.clock.now());

    const run = await officer.post(`/api/policies/${policyId}/runs?wait=true`, {});
    expect(run.statusCode).toBe(201);
    const report = (await officer.get(`/api/policy-runs/${run.json().id}?pageSize=50`)).json() as ExemptionRunReport;
    const item = (id: string) => report.items.find((i) => i.enterpriseId === id)!;
    expect(item(small)).toMatchObject({ outcome: 'granted', amountFen: 3_000_000 });
    expect(item(mid)).toMatchObject({ outcome: 'granted', amountFen: 3_703_703 });
    expect(item(big)).toMatchObject({ outcome: 'skipped', reasonCode: 'no_funds', reasonLabel: '专项资金余额不足', amountFen: 11_111_110 });
    expect(item(big).reason).toBe('专项资金「稳岗小额资金」可用余额不足:按金额从小到大发放后可用 ¥82,962.97,本户 ¥111,111.10');
    expect(report.grantedAmountFen).toBe(6_703_703);
    expect(report.reservedFen).toBe(6_703_703);
    // the granted total is held in the fund: never more than it had available
    expect(await fundFigures(fundId)).toEqual({ budget: 15_000_000, reserved: 6_703_703, paid: 0, available: 8_296_297 });

    // the statement shows what the run holds as one line
    const statement = (await officer.get(`/api/funds/${fundId}/statement`)).json() as FundStatement;
    const held = statement.entries.filter((e) => e.kind === 'reserve');
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ reservedDeltaFen: 6_703_703 });
    expect(held[0]!.memo).toContain(run.json().number);

    // a later reservation (复审 of a 申报) takes everything still available…
    await t.ctx.db.transaction().execute((trx) =>
      reserveFunds(trx, t.ctx, null, { parkId: park.id, fundId, enterpriseId: big, amountFen: 8_296_297, source: 'policy_application', sourceId: `later-${park.id}`, now: t.clock.now() }),
    );
    expect((await fundFigures(fundId)).available).toBe(0);

    // …and still every granted firm's confirmation pays its grant
    for (const [id, name, fen] of [[small, '稳岗小额公司', 3_000_000], [mid, '稳岗中额公司', 3_703_703]] as const) {
      const user = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: id }));
      const grant = (await user.get('/api/policy-grants')).json().items[0] as PolicyGrantDetail;
      expect(grant.reservedFen).toBe(fen);
      const res = await user.post(`/api/policy-grants/${grant.id}/confirm`, account(name));
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'paid', amountFen: fen, reservedFen: 0 });
      const payout = await t.ctx.db.selectFrom('payouts').select(['amount_fen', 'reservation_id']).where('source_id', '=', grant.id).executeTakeFirstOrThrow();
      expect(Number(payout.amount_fen)).toBe(fen);
      expect(payout.reservation_id).not.toBeNull();
      const note = await t.ctx.db.selectFrom('notifications').select('body').where('link', '=', `/policy-grants/${grant.id}`).where('kind', '=', 'policy-grant.paid').executeTakeFirstOrThrow();
      expect(note.body).toContain(formatYuan(fen));
    }
    expect(await fundFigures(fundId)).toEqual({ budget: 15_000_000, reserved: 8_296_297, paid: 6_703_703, available: 0 });
    const after = (await officer.get(`/api/policy-runs/${run.json().id}`)).json() as ExemptionRunReport;
    expect(after).toMatchObject({ reservedFen: 0, grantPaidFen: 6_703_703, releasedFen: 0 });
  });

  it('releases the money of a cancelled grant and of one left unconfirmed past its deadline, with a ledger entry each', async () => {
    const { park, fundId, policyId, firm } = await smallFundPark();
    const a = await firm('稳岗撤销公司', 1_000_000);
    const b = await firm('稳岗过期公司', 2_000_000);
    await rematch(t.ctx.db, park, t.clock.now());
    const run = await officer.post(`/api/policies/${policyId}/runs?wait=true`, {});
    expect(run.json().granted).toBe(2);
    expect(await fundFigures(fundId)).toMatchObject({ reserved: 1_800_000, available: 13_200_000 });
    const grants = (await officer.get(`/api/policy-grants?runId=${run.json().id}`)).json().items as PolicyGrantDetail[];
    const ga = grants.find((g) => g.enterpriseId === a)!;
    const gb = grants.find((g) => g.enterpriseId === b)!;
    expect(gb.expiresAt).not.toBeNull();

    const cancelled = await officer.post(`/api/policy-grants/${ga.id}/cancel`, { reason: '企业已注销' });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', reservedFen: 0 });
    expect(await fundFigures(fundId)).toMatchObject({ reserved: 1_200_000, available: 13_800_000 });

    // the sweep before the deadline leaves the grant alone; after it, the grant expires
    const sweepAt = async (iso: string) => {
      const saved = t.clock.now();
      t.clock.set(new Date(iso));
      try {
        return await runPolicySweep(t.ctx, { grantParkIds: [park.id] });
      } finally {
        t.clock.set(saved);
      }
    };
    expect((await sweepAt(new Date(new Date(gb.expiresAt!).getTime() - 60_000).toISOString())).expiredGrants).toBe(0);
    expect((await sweepAt(new Date(new Date(gb.expiresAt!).getTime() + 60_000).toISOString())).expiredGrants).toBe(1);
    const expired = (await officer.get(`/api/policy-grants/${gb.id}`)).json() as PolicyGrantDetail;
    expect(expired).toMatchObject({ status: 'expired', statusLabel: '已过期', reservedFen: 0, allowedActions: [] });
    expect(await fundFigures(fundId)).toEqual({ budget: 15_000_000, reserved: 0, paid: 0, available: 15_000_000 });
    const user = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: b }));
    expect((await user.post(`/api/policy-grants/${gb.id}/confirm`, account('稳岗过期公司'))).statusCode).toBe(409);

    const statement = (await officer.get(`/api/funds/${fundId}/statement`)).json() as FundStatement;
    expect(statement.entries.map((e) => [e.kind, e.reservedDeltaFen])).toEqual([
      ['budget', 0],
      ['reserve', 1_800_000],
      ['release', -600_000],
      ['release', -1_200_000],
    ]);
    expect((await officer.get(`/api/policy-runs/${run.json().id}`)).json()).toMatchObject({ reservedFen: 0, grantPaidFen: 0, releasedFen: 1_800_000 });
  });
});
