import { computeBridgeFee } from '@yuanqi/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { buildBank, buildEnterprise, buildPark, buildUser, type TestPark } from '../../../../test/factories.js';
import { seedBridgeLoans } from './bridge.js';

const NOW = new Date('2026-12-07T02:00:00Z');

let t: TestApp;
let park: TestPark;
let firstBankId: string;
let demoFirmId: string;

beforeAll(async () => {
  t = await createTestApp({}, NOW);
  park = await buildPark(t.ctx.db);
  for (let i = 0; i < 13; i++) {
    const b = await buildBank(t.ctx.db, park, `测试银行${i + 1}`);
    if (i === 4) {
      firstBankId = b.id;
      await buildUser(t.ctx.db, park, { roles: ['bank'], bankId: b.id });
    }
  }
  for (let i = 0; i < 40; i++) await buildEnterprise(t.ctx.db, park);
  const demoFirm = await buildEnterprise(t.ctx.db, park);
  demoFirmId = demoFirm.id;
  await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: demoFirm.id });
  await buildUser(t.ctx.db, park, { roles: ['finance_officer'] });
  await buildUser(t.ctx.db, park, { roles: ['leader'] });
  await t.ctx.db.transaction().execute((trx) => seedBridgeLoans(trx, { parkId: park.id, now: NOW }));
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe('seedBridgeLoans', () => {
  it('keeps the pool row and every ledger entry consistent, in order, gap-free', async () => {
    const pool = await t.ctx.db.selectFrom('bridge_pools').selectAll().where('park_id', '=', park.id).executeTakeFirstOrThrow();
    const ledger = await t.ctx.db.selectFrom('bridge_pool_ledger').selectAll().where('pool_id', '=', pool.id).orderBy('seq').execute();
    expect(ledger.map((l) => l.seq)).toEqual(ledger.map((_, i) => i + 1));
    let available = 0;
    let lent = 0;
    let fee = 0;
    let last = 0;
    for (const l of ledger) {
      const x = Number(l.amount_fen);
      if (l.kind === 'capital') available += x;
      if (l.kind === 'withdraw') available -= x;
      if (l.kind === 'disburse') (available -= x), (lent += x);
      if (l.kind === 'repay') (available += x), (lent -= x);
      if (l.kind === 'fee' || l.kind === 'penalty') fee += x;
      expect([Number(l.available_after_fen), Number(l.lent_after_fen), Number(l.fee_income_after_fen)]).toEqual([available, lent, fee]);
      expect(available).toBeGreaterThanOrEqual(0);
      expect(l.created_at.getTime()).toBeGreaterThanOrEqual(last);
      last = l.created_at.getTime();
    }
    expect([Number(pool.available_fen), Number(pool.lent_fen), Number(pool.fee_income_fen), pool.ledger_seq]).toEqual([available, lent, fee, ledger.length]);
    expect(Number(pool.capital_fen)).toBe(2 * 10_000_000_000);
    // what is lent is exactly the disbursed loans' principal
    const out = await t.ctx.db.selectFrom('bridge_loans').select('amount_fen').where('park_id', '=', park.id).where('status', '=', 'disbursed').execute();
    expect(out.reduce((s, r) => s + Number(r.amount_fen), 0)).toBe(lent);
  });

  it('seeds about 60 loans of every kind, fees by computeBridgeFee on the disbursement day’s rate', async () => {
    const loans = await t.ctx.db.selectFrom('bridge_loans').selectAll().where('park_id', '=', park.id).execute();
    expect(loans).toHaveLength(60);
    const count = (f: (l: (typeof loans)[number]) => boolean) => loans.filter(f).length;
    expect(count((l) => l.status === 'repaid')).toBe(42);
    expect(count((l) => l.status === 'disbursed' && l.overdue_at === null)).toBe(5);
    expect(count((l) => l.status === 'disbursed' && l.overdue_at !== null)).toBe(3);
    expect(count((l) => l.status === 'submitted' && l.bank_id === firstBankId)).toBeGreaterThanOrEqual(1);
    expect(count((l) => l.status === 'approved' && l.needs_leader && !l.leader_approved_at)).toBe(1);
    expect(count((l) => l.status === 'bank_confirmed')).toBe(2);
    expect(count((l) => l.enterprise_id === demoFirmId)).toBeGreaterThanOrEqual(2);
    expect(count((l) => (l.penalty_fen ?? 0) > 0)).toBe(2);
    expect(new Set(loans.map((l) => l.daily_rate_ppm).filter((r) => r !== null))).toEqual(new Set([120, 100]));
    for (const l of loans.filter((x) => x.status === 'repaid')) {
      const fee = computeBridgeFee({ principalFen: Number(l.amount_fen), dailyRatePpm: l.daily_rate_ppm!, penaltyRatePpm: l.penalty_rate_ppm!, maxDays: l.max_days!, disbursedOn: l.disbursed_on!, repaidOn: l.repaid_on! });
      expect([l.days_used, Number(l.fee_fen), Number(l.penalty_fen)]).toEqual([fee.daysUsed, fee.feeFen, fee.penaltyFen]);
    }
    // every loan has its filing event first
    const first = await t.ctx.db.selectFrom('bridge_loan_events').select(['loan_id', 'action']).where('park_id', '=', park.id).orderBy('id').execute();
    const firstOf = new Map<string, string>();
    for (const e of first) if (!firstOf.has(e.loan_id)) firstOf.set(e.loan_id, e.action);
    expect(firstOf.size).toBe(60);
    expect([...firstOf.values()].every((a) => a === 'bridge.filed')).toBe(true);
  });
});
