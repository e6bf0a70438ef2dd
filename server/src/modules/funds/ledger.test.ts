import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/actor.js';
import { systemActor } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { buildEnterprise, buildPark, type TestPark } from '../../../test/factories.js';
import { buildFund } from '../../../test/fund-factories.js';
import { recordPayout, releaseReservation, reserveFunds, reversePayout, type RecordPayoutInput } from './service.js';

const NOW = new Date('2026-06-10T02:00:00Z');
const ACCOUNT = { accountName: '测试企业', bankName: '测试银行', accountNo: '6222020200112233' };

let t: TestApp;
let park: TestPark;
let actor: Actor;

beforeAll(async () => {
  t = await createTestApp({}, NOW);
  park = await buildPark(t.ctx.db);
  actor = systemActor(park.id);
});
afterAll(async () => {
  await t.close();
});

function payoutInput(fundId: string, enterpriseId: string, o: Partial<RecordPayoutInput> = {}): RecordPayoutInput {
  return {
    parkId: park.id,
    fundId,
    enterpriseId,
    amountFen: 100_000,
    policyId: null,
    policyVersionId: null,
    periodKey: '2026',
    exclusionKey: 'policy:test',
    source: 'manual',
    sourceId: `src-${Math.random()}`,
    account: ACCOUNT,
    now: NOW,
    ...o,
  };
}

const pay = (input: RecordPayoutInput) => t.ctx.db.transaction().execute((trx) => recordPayout(trx, t.ctx, actor, input));
const settle = <T>(promises: Promise<T>[]) => Promise.allSettled(promises);
const codeOf = (r: PromiseSettledResult<unknown>) => (r.status === 'rejected' ? (r.reason as AppError).code : 'OK');

describe('recordPayout', () => {
  it('two concurrent payouts of the same firm, policy and period: exactly one succeeds', async () => {
    const fund = await buildFund(t.ctx.db, park, { budgetFen: 10_000_000 });
    const firm = await buildEnterprise(t.ctx.db, park);
    const results = await settle([pay(payoutInput(fund.id, firm.id)), pay(payoutInput(fund.id, firm.id))]);
    expect(results.map(codeOf).sort()).toEqual(['CONFLICT', 'OK']);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((rejected.reason as AppError).message).toBe('该企业本期已兑付此项政策,不能重复拨付');
    const live = await t.ctx.db.selectFrom('payouts').select(sql<number>`count(*)::int`.as('n')).where('fund_id', '=', fund.id).executeTakeFirstOrThrow();
    expect(live.n).toBe(1);
    const after = await t.ctx.db.selectFrom('funds').selectAll().where('id', '=', fund.id).executeTakeFirstOrThrow();
    expect(Number(after.paid_fen)).toBe(100_000);
    expect(Number(after.available_fen)).toBe(9_900_000);
    expect(after.ledger_seq).toBe(2);
  });

  it('the database itself refuses a second live payout of the same slot', async () => {
    const fund = await buildFund(t.ctx.db, park);
    const firm = await buildEnterprise(t.ctx.db, park);
    await pay(payoutInput(fund.id, firm.id, { exclusionKey: 'db-unique' }));
    const err = await t.ctx.db
      .insertInto('payouts')
      .values({
        park_id: park.id, fund_id: fund.id, enterprise_id: firm.id, amount_fen: 1, period_key: '2026', exclusion_key: 'db-unique',
        source: 'manual', source_id: 'raw-insert', account_name: 'x', bank_name: 'x', account_no: '1', paid_at: NOW, created_at: NOW,
        policy_id: null, policy_version_id: null, reservation_id: null, voucher_number: null, memo: null, created_by: null,
      })
      .execute()
      .catch((e: { code?: string }) => e);
    expect((err as { code?: string }).code).toBe('23505');
  });

  it('a fund never goes negative under concurrent payouts summing above its balance', async () => {
    const fund = await buildFund(t.ctx.db, park, { budgetFen: 1_000_000 });
    const firms = await Promise.all(Array.from({ length: 6 }, () => buildEnterprise(t.ctx.db, park)));
    // six payouts of ¥3,000 against ¥10,000: at most three fit
    const results = await settle(firms.map((f) => pay(payoutInput(fund.id, f.id, { amountFen: 300_000 }))));
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    expect(ok).toBe(3);
    for (const r of results.filter((x) => x.status === 'rejected')) {
      expect((r as PromiseRejectedResult).reason.code).toBe('INVALID_STATE');
      expect((r as PromiseRejectedResult).reason.message).toMatch(/可用余额不足:可用 ¥1,000\.00,本次 ¥3,000\.00/);
    }
    const after = await t.ctx.db.selectFrom('funds').selectAll().where('id', '=', fund.id).executeTakeFirstOrThrow();
    expect(Number(after.available_fen)).toBe(100_000);
    expect(Number(after.paid_fen)).toBe(900_000);
    const ledger = await t.ctx.db.selectFrom('fund_ledger').selectAll().where('fund_id', '=', fund.id).orderBy('seq').execute();
    expect(ledger.map((l) => l.seq)).toEqual([1, 2, 3, 4]);
    expect(ledger.at(-1)!.available_after_fen).toBe(100_000);
  });

  it('refuses a payout the fund cannot cover, and leaves the transaction usable', async () => {
    const fund = await buildFund(t.ctx.db, park, { budgetFen: 50_000 });
    const firm = await buildEnterprise(t.ctx.db, park);
    const outcome = await t.ctx.db.transaction().execute(async (trx) => {
      const refused = await recordPayout(trx, t.ctx, actor, payoutInput(fund.id, firm.id, { amountFen: 60_000 })).catch((e: AppError) => e);
      const ok = await recordPayout(trx, t.ctx, actor, payoutInput(fund.id, firm.id, { amountFen: 50_000 }));
      return { refused, ok };
    });
    expect((outcome.refused as AppError).code).toBe('INVALID_STATE');
    expect(outcome.ok.balanceAfterFen).toBe(0);
    expect(outcome.ok.voucherNumber).toMatch(/^ZF2026-\d{6}$/);
  });

  it('a caller that skips a duplicate inside its transaction keeps the fund and ledger consistent', async () => {
    const fund = await buildFund(t.ctx.db, park, { budgetFen: 1_000_000 });
    const firm = await buildEnterprise(t.ctx.db, park);
    await t.ctx.db.transaction().execute(async (trx) => {
      await recordPayout(trx, t.ctx, actor, payoutInput(fund.id, firm.id, { exclusionKey: 'skip' }));
      const dup = await recordPayout(trx, t.ctx, actor, payoutInput(fund.id, firm.id, { exclusionKey: 'skip' })).catch((e: AppError) => e);
      expect((dup as AppError).code).toBe('CONFLICT');
    });
    const after = await t.ctx.db.selectFrom('funds').selectAll().where('id', '=', fund.id).executeTakeFirstOrThrow();
    expect([Number(after.paid_fen), after.ledger_seq]).toEqual([100_000, 2]);
  });
});

describe('fund_ledger', () => {
  it('is append-only: the database refuses update and delete', async () => {
    const fund = await buildFund(t.ctx.db, park);
    const upd = await t.ctx.db.updateTable('fund_ledger').set({ memo: 'tampered' }).where('fund_id', '=', fund.id).execute().catch((e: Error) => e);
    expect(String(upd)).toContain('append-only');
    const del = await t.ctx.db.deleteFrom('fund_ledger').where('fund_id', '=', fund.id).execute().catch((e: Error) => e);
    expect(String(del)).toContain('append-only');
  });
});

describe('reservations and reversal', () => {
  it('a reservation is consumed by payouts and its rest released; a reversal returns money to the reservation', async () => {
    const fund = await buildFund(t.ctx.db, park, { budgetFen: 1_000_000 });
    const firm = await buildEnterprise(t.ctx.db, park);
    const { reservationId } = await t.ctx.db.transaction().execute((trx) =>
      reserveFunds(trx, t.ctx, actor, { parkId: park.id, fundId: fund.id, enterpriseId: firm.id, amountFen: 400_000, source: 'manual', sourceId: 'r1', now: NOW }),
    );
    const p1 = await pay(payoutInput(fund.id, firm.id, { amountFen: 150_000, reservationId, exclusionKey: 'res-1' }));
    const over = await pay(payoutInput(fund.id, firm.id, { amountFen: 300_000, reservationId, exclusionKey: 'res-2' })).catch((e: AppError) => e);
    expect((over as AppError).message).toContain('预留资金余额不足');
    let f = await t.ctx.db.selectFrom('funds').selectAll().where('id', '=', fund.id).executeTakeFirstOrThrow();
    expect([Number(f.reserved_fen), Number(f.paid_fen), Number(f.available_fen)]).toEqual([250_000, 150_000, 600_000]);
    await t.ctx.db.transaction().execute((trx) => reversePayout(trx, t.ctx, actor, { parkId: park.id, payoutId: p1.payoutId, reason: '账号有误', now: NOW }));
    f = await t.ctx.db.selectFrom('funds').selectAll().where('id', '=', fund.id).executeTakeFirstOrThrow();
    expect([Number(f.reserved_fen), Number(f.paid_fen), Number(f.available_fen)]).toEqual([400_000, 0, 600_000]);
    // the slot is free again after the reversal
    await pay(payoutInput(fund.id, firm.id, { amountFen: 150_000, reservationId, exclusionKey: 'res-1' }));
    const { releasedFen } = await t.ctx.db.transaction().execute((trx) => releaseReservation(trx, t.ctx, actor, { parkId: park.id, reservationId, now: NOW }));
    expect(releasedFen).toBe(250_000);
    f = await t.ctx.db.selectFrom('funds').selectAll().where('id', '=', fund.id).executeTakeFirstOrThrow();
    expect([Number(f.reserved_fen), Number(f.paid_fen), Number(f.available_fen)]).toEqual([0, 150_000, 850_000]);
    const r = await t.ctx.db.selectFrom('fund_reservations').selectAll().where('id', '=', reservationId).executeTakeFirstOrThrow();
    expect(r.status).toBe('closed');
  });
});
