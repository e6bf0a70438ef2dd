import { copperLimitFen } from '@yuanqi/contract';
import { sql, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { mulberry32 } from '../../../db/seed/random.js';
import { buildActor } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit.js';
import { WorkingCalendar, shanghaiDate, startOfShanghaiDay, type AdminCalendarYear } from '../../../platform/calendar/index.js';
import type { Notifier } from '../../../platform/notifications.js';
import { parameterOn } from '../parameters.js';
import { applyPledgeStep, nextPledgeNumber, pledgeEvents, sweepMarginCalls } from '../copper/service.js';
import type { FinanceSeedOptions } from './index.js';

const DAY_MS = 86_400_000;
const WAREHOUSES = ['鹰潭综合保税区铜仓一号库', '上期所指定交割库(鹰潭)', '江西铜产业物流园二号库'];
const GRADES = ['阴极铜 Cu-CATH-1', '阴极铜 Cu-CATH-1', 'A级铜', '1#电解铜', '阴极铜 Cu-CATH-2'];

/** Notices written as rows, in the seed's transaction (no SMS from a seed). */
const seedNotifier: Notifier = {
  async notify(trx, items) {
    if (items.length === 0) return;
    await trx
      .insertInto('notifications')
      .values(items.map((n) => ({ park_id: n.parkId, user_id: n.userId, kind: n.kind, title: n.title, body: n.body ?? null, link: n.link ?? null })))
      .execute();
  },
};

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The built-in calendar, any year it lacks accepted as weekday-only (demo data only). */
function seedCalendar(fromYear: number, toYear: number): WorkingCalendar {
  const builtin = new WorkingCalendar();
  const missing: AdminCalendarYear[] = [];
  for (let y = fromYear; y <= toYear; y++) if (builtin.yearSource(y) === 'missing') missing.push({ year: y, source: 'weekday_only', days: [] });
  return missing.length ? new WorkingCalendar(missing) : builtin;
}

/** 10:00 Shanghai of a day: when the seed's sweeps and resolutions happen. */
const morningOf = (day: string, hour = 10) => new Date(startOfShanghaiDay(day).getTime() + hour * 3_600_000);

/**
 * Two years of SHFE-like 阴极铜 prices on working days: a deterministic random walk (daily σ ≈ 0.9 %)
 * whose drift changes every few weeks, kept between ¥62,000 and ¥82,000 per ton and rounded to
 * ¥10, ending with a fall over the last week so today's price is ~6 % under the week before.
 */
export function copperPriceSeries(days: readonly string[], seed = 20261207): number[] {
  const random = mulberry32(seed);
  const gauss = () => {
    const u = Math.max(1e-9, random());
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };
  const prices: number[] = [];
  let price = 68_500;
  let drift = 0;
  for (let i = 0; i < days.length; i++) {
    if (i % 30 === 0) drift = (random() - 0.5) * 0.004; // a trend of up to ±0.2 %/day for ~6 weeks
    const fromEnd = days.length - 1 - i;
    // a slow pull back towards ¥72,000 keeps the walk from sticking to a bound
    const step = fromEnd < 6 ? -0.011 + gauss() * 0.002 : drift + 0.01 * Math.log(72_000 / price) + gauss() * 0.009;
    price *= 1 + step;
    // reflect at the bounds; before the last week leave room for its fall (66,000 × 0.93 > 62,000)
    const [low, high] = fromEnd >= 6 ? [66_000, 80_000] : [62_000, 82_000];
    if (price < low) price = low + (low - price);
    if (price > high) price = high - (price - high);
    prices.push(Math.round(price / 10) * 10);
  }
  return prices;
}

/** The park's demo log-in of a role: the user named after the role, else the role's first user (usernames are unique across parks). */
async function demoLogin(trx: Transaction<DB>, parkId: string, role: 'enterprise' | 'bank' | 'finance_officer') {
  const users = await trx
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'enterprise_id', 'bank_id'])
    .where('park_id', '=', parkId)
    .where(sql<SqlBool>`${role} = any(roles)`)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return users.find((u) => u.username === role) ?? users[0];
}

type PledgePlan = { receiptIndex: number; bankId: string; pricedOn: string; ratio: number };

/**
 * 存铜融 demo data: two years of daily prices, ten receipts of copper-chain firms (the demo firm's
 * own among them when it is a copper firm), six pledges across institutions (the demo bank first),
 * weekly margin sweeps over the pledges' lives with each past call topped up by the bank the next
 * working day, and today's sweep after the last week's fall, which leaves at least one call open.
 */
export async function seedCopper(trx: Transaction<DB>, options: FinanceSeedOptions): Promise<void> {
  const { parkId, now } = options;
  const today = shanghaiDate(now);
  const startDay = addDays(today, -730);
  const calendar = seedCalendar(Number(startDay.slice(0, 4)) - 1, Number(today.slice(0, 4)) + 1);
  const days: string[] = [];
  for (let d = startDay; d <= today; d = addDays(d, 1)) if (calendar.isWorkingDay(d)) days.push(d);
  const series = copperPriceSeries(days);
  const priceOf = new Map(days.map((d, i) => [d, series[i]! * 100]));
  const priceOn = (day: string) => {
    for (let d = day; d >= startDay; d = addDays(d, -1)) if (priceOf.has(d)) return priceOf.get(d)!;
    throw new Error(`seedCopper: no price on or before ${day}`);
  };
  for (let i = 0; i < days.length; i += 500) {
    await trx
      .insertInto('copper_prices')
      .values(days.slice(i, i + 500).map((d) => ({ park_id: parkId, price_on: d, price_fen_per_ton: priceOf.get(d)!, source: 'seed' as const, created_at: morningOf(d, 16) })))
      .execute();
  }

  // firms of the copper chain; the demo firm first when it is one
  const demoUser = await demoLogin(trx, parkId, 'enterprise');
  const bankUser = await demoLogin(trx, parkId, 'bank');
  const copperFirms = await trx.selectFrom('enterprises').select(['id', 'name', 'chain']).where('park_id', '=', parkId).where('chain', '=', 'copper').orderBy('uscc').limit(12).execute();
  if (copperFirms.length === 0) return;
  const demoFirm = demoUser?.enterprise_id ? await trx.selectFrom('enterprises').select(['id', 'name', 'chain']).where('id', '=', demoUser.enterprise_id).executeTakeFirst() : undefined;
  const firms = [...(demoFirm?.chain === 'copper' ? [demoFirm] : []), ...copperFirms.filter((f) => f.id !== demoFirm?.id)].slice(0, 8);
  const banks = await trx.selectFrom('banks').select(['id']).where('park_id', '=', parkId).orderBy('sort').orderBy('code').execute();
  const firstBankId = bankUser?.bank_id ?? banks[0]!.id;
  const otherBanks = banks.filter((b) => b.id !== firstBankId).map((b) => b.id);

  const random = mulberry32(7_301);
  const receipts: { id: string; enterpriseId: string; weightKg: number; receiptNo: string; storedOn: string }[] = [];
  for (let i = 0; i < 10; i++) {
    // receipts 0 and 1 are the first firm's (the demo firm's when it is a copper firm)
    const firm = firms[i <= 1 ? 0 : (i - 1) % firms.length]!;
    const weightKg = 20_000 + Math.floor(random() * 280_000); // 20–300 t, to the kilogram
    const storedOn = days[Math.floor(days.length * 0.55) + Math.floor(random() * days.length * 0.25)]!;
    const receiptNo = `CU${storedOn.replace(/-/g, '').slice(2)}${String(101 + i * 7)}`;
    const row = await trx
      .insertInto('warehouse_receipts')
      .values({ park_id: parkId, enterprise_id: firm.id, warehouse: WAREHOUSES[i % WAREHOUSES.length]!, receipt_no: receiptNo, weight_kg: weightKg, grade: GRADES[i % GRADES.length]!, stored_on: storedOn, created_by: null, created_at: morningOf(storedOn, 15), updated_at: morningOf(storedOn, 15) })
      .returning('id')
      .executeTakeFirstOrThrow();
    receipts.push({ id: row.id, enterpriseId: firm.id, weightKg, receiptNo, storedOn });
  }

  // The pledges: priced on their stored day's price. Receipts 0 and 1 (the demo firm's, if a copper
  // firm) with the demo bank: 0 at a comfortable 72 % of its limit, 1 at 97 % priced at the recent
  // high (today's fall calls it); the others across institutions.
  const recentHighDay = days.slice(-70, -8).reduce((best, d) => (priceOf.get(d)! > priceOf.get(best)! ? d : best));
  const plans: PledgePlan[] = [
    { receiptIndex: 0, bankId: firstBankId, pricedOn: receipts[0]!.storedOn, ratio: 0.72 },
    { receiptIndex: 1, bankId: firstBankId, pricedOn: recentHighDay, ratio: 0.97 },
    { receiptIndex: 2, bankId: otherBanks[0] ?? firstBankId, pricedOn: receipts[2]!.storedOn, ratio: 0.95 },
    { receiptIndex: 3, bankId: otherBanks[1] ?? firstBankId, pricedOn: receipts[3]!.storedOn, ratio: 0.8 },
    { receiptIndex: 4, bankId: otherBanks[2] ?? firstBankId, pricedOn: receipts[4]!.storedOn, ratio: 0.9 },
    { receiptIndex: 5, bankId: otherBanks[3] ?? firstBankId, pricedOn: receipts[5]!.storedOn, ratio: 0.98 },
  ];
  const officer = await demoLogin(trx, parkId, 'finance_officer');
  // the demo bank records its own clients' top-ups; the finance officer those of the other institutions
  const actorFor = (bankId: string) =>
    bankId === firstBankId && bankUser
      ? buildActor({ userId: bankUser.id, parkId, username: 'bank', displayName: bankUser.display_name, roles: ['bank'], enterpriseId: null, bankId, sessionId: null, requestId: null })
      : officer
        ? buildActor({ userId: officer.id, parkId, username: 'finance_officer', displayName: officer.display_name, roles: ['finance_officer'], enterpriseId: null, bankId: null, sessionId: null, requestId: null })
        : null;

  type Scheduled = { day: string; run: () => Promise<void> };
  const scheduled: Scheduled[] = [];
  for (const plan of plans) {
    const receipt = receipts[plan.receiptIndex]!;
    const pledgedOn = plan.pricedOn < receipt.storedOn ? receipt.storedOn : plan.pricedOn;
    scheduled.push({
      day: pledgedOn,
      run: async () => {
        const price = priceOn(plan.pricedOn);
        const ltvBp = await parameterOn(trx, parkId, 'copper_ltv_bp', plan.pricedOn);
        const limitFen = copperLimitFen(receipt.weightKg, price, ltvBp);
        const loanFen = Math.floor((limitFen * plan.ratio) / 1_000_000) * 1_000_000; // whole 万元
        const at = morningOf(pledgedOn, 11);
        const number = await nextPledgeNumber(trx, parkId, pledgedOn);
        const row = await trx
          .insertInto('copper_pledges')
          .values({ park_id: parkId, number, receipt_id: receipt.id, enterprise_id: receipt.enterpriseId, bank_id: plan.bankId, priced_on: plan.pricedOn, price_fen_per_ton: price, ltv_bp: ltvBp, loan_fen: loanFen, outstanding_fen: loanFen, status: 'active', pledged_on: pledgedOn, created_by: null, created_at: at, updated_at: at })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx.updateTable('warehouse_receipts').set({ status: 'pledged', updated_at: at }).where('id', '=', receipt.id).execute();
        await pledgeEvents.write(trx, parkId, row.id, [
          { action: 'pledge', from_status: null, to_status: 'active', actor_id: null, actor_name: '金融机构客户经理', actor_role: 'bank', note: null, data: { receiptNo: receipt.receiptNo, weightKg: receipt.weightKg, priceFenPerTon: price, ltvBp, limitFen, loanFen }, at },
        ]);
      },
    });
  }
  // a weekly check (Fridays, or the last working day of the week) over the pledges' lives; a
  // call is met by the bank recording the firm's top-up the next working day
  const firstPledge = scheduled.map((s) => s.day).sort()[0]!;
  // (none in the last week: today's check, after the fall, is the one that calls)
  const lastWeek = days[days.length - 6]!;
  const sweepDays = days.filter((d) => d >= firstPledge && d < lastWeek && new Date(`${d}T00:00:00Z`).getUTCDay() === 5);
  const events: { day: string; order: number; run: () => Promise<void> }[] = [
    ...scheduled.map((s) => ({ day: s.day, order: 0, run: s.run })),
    ...sweepDays.map((day) => ({
      day,
      order: 1,
      run: async () => {
        const at = morningOf(day, 17);
        await sweepMarginCalls(trx, { calendar, notifier: seedNotifier }, parkId, at);
        const next = calendar.addWorkingDays(day, 1);
        if (next >= today) return;
        const open = await trx.selectFrom('margin_calls').select(['pledge_id', 'shortfall_fen', 'bank_id']).where('park_id', '=', parkId).where('status', '=', 'open').execute();
        for (const call of open) {
          const actor = actorFor(call.bank_id);
          if (!actor) continue;
          await applyPledgeStep(trx, { notifier: seedNotifier }, actor, call.pledge_id, 'top_up', { amountFen: Number(call.shortfall_fen) + 1_000_000, note: '企业追加保证金到账' }, morningOf(next, 10));
        }
      },
    })),
  ].sort((a, b) => (a.day === b.day ? a.order - b.order : a.day < b.day ? -1 : 1));
  for (const e of events) await e.run();

  // today's check, after the last week's fall
  await sweepMarginCalls(trx, { calendar, notifier: seedNotifier }, parkId, now);
  const open = await trx.selectFrom('margin_calls').select('id').where('park_id', '=', parkId).where('status', '=', 'open').execute();
  const resolved = await trx.selectFrom('margin_calls').select('id').where('park_id', '=', parkId).where('status', '=', 'resolved').execute();
  await recordAudit(trx, null, parkId, [
    { action: 'seed', entity: 'copper_pledge', entityId: parkId, before: null, after: { prices: days.length, receipts: receipts.length, pledges: plans.length, marginCallsOpen: open.length, marginCallsResolved: resolved.length } },
  ], now);
}
