import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { shanghaiDate, startOfShanghaiDay } from '../../../platform/calendar/index.js';
import type { FinanceSeedOptions } from './index.js';

/** The report's figure: 90 firms signed ¥11.6亿 at the 复工复产融资对接会. */
export const DEMO_EVENT_FIRMS = 90;
export const DEMO_EVENT_SIGNED_FEN = 116_000_000_000;
const UNIT_FEN = 10_000_000; // amounts in steps of 10万元

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Splits `totalUnits` over `weights` exactly: each share floored, the remainder handed out one
 * unit at a time to the largest fractions (ties by position). The shares always sum to the total.
 */
export function splitExactly(totalUnits: number, weights: number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const raw = weights.map((w) => (w * totalUnits) / sum);
  const shares = raw.map(Math.floor);
  let left = totalUnits - shares.reduce((s, x) => s + x, 0);
  const order = raw.map((r, i) => ({ i, f: r - Math.floor(r) })).sort((a, b) => b.f - a.f || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    shares[i]! += 1;
    left -= 1;
  }
  return shares;
}

/**
 * 融资对接会: the past 复工复产融资对接会 (2026-03-18, the 13 banks, 120 sign-ups, intentions, and
 * outcomes for exactly 90 distinct firms totalling exactly ¥11.6亿 — ten firms sign with two banks),
 * and an upcoming event open for sign-up (the demo firm has not signed up, so it can).
 */
export async function seedEvents(trx: Transaction<DB>, options: FinanceSeedOptions): Promise<void> {
  const parkId = options.parkId;
  const banks = await trx.selectFrom('banks').select(['id']).where('park_id', '=', parkId).where('kind', '=', 'bank').where('status', '=', 'active').orderBy('sort').orderBy('code').execute();
  if (!banks.length) return;
  const users = await trx.selectFrom('users').select(['id', 'username', 'enterprise_id', 'bank_id']).where('park_id', '=', parkId).where('username', 'in', ['finance_officer', 'enterprise', 'bank']).execute();
  const officer = users.find((u) => u.username === 'finance_officer')?.id ?? null;
  const demoFirm = users.find((u) => u.username === 'enterprise')?.enterprise_id ?? null;
  const demoBank = users.find((u) => u.username === 'bank')?.bank_id ?? null;
  const firms = await trx.selectFrom('enterprises').select('id').where('park_id', '=', parkId).orderBy('uscc').limit(400).execute();
  // the demo firm attends the past event (its 我的报名), other firms fill the rest
  const pool = [...(demoFirm ? [demoFirm] : []), ...firms.map((f) => f.id).filter((id) => id !== demoFirm)];
  const signupCount = Math.min(120, pool.length);
  const signed = Math.min(DEMO_EVENT_FIRMS, signupCount);
  const signedUp = pool.slice(0, signupCount);

  const heldOn = '2026-03-18';
  const past = await trx
    .insertInto('finance_events')
    .values({
      park_id: parkId,
      title: '复工复产融资对接会',
      theme: '金融助企纾困 · 稳产稳岗',
      held_on: heldOn,
      venue: '鹰潭高新区管委会一楼报告厅',
      signup_deadline: '2026-03-13',
      status: 'held',
      description: '园区13家合作银行现场对接复工复产企业的融资需求,现场登记意向,会后两周内完成签约。',
      created_by: officer,
      created_at: startOfShanghaiDay('2026-02-26'),
      updated_at: startOfShanghaiDay('2026-04-01'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('finance_event_banks').values(banks.map((b) => ({ park_id: parkId, event_id: past.id, bank_id: b.id }))).execute();

  // deterministic weights: 1..10 units of 10万元 spread, larger firms first
  const outcomes: { enterprise: string; bank: string; weight: number; day: number }[] = [];
  for (let i = 0; i < signed; i += 1) {
    const weight = 20 + ((i * 37) % 90) + (i < 15 ? 120 : 0);
    outcomes.push({ enterprise: signedUp[i]!, bank: banks[i % banks.length]!.id, weight, day: 1 + (i % 12) });
    if (i % 9 === 4) outcomes.push({ enterprise: signedUp[i]!, bank: banks[(i + 5) % banks.length]!.id, weight: 15 + ((i * 11) % 40), day: 3 + (i % 10) });
  }
  const shares = splitExactly(DEMO_EVENT_SIGNED_FEN / UNIT_FEN, outcomes.map((o) => o.weight));

  const signupAt = (i: number) => new Date(startOfShanghaiDay('2026-03-02').getTime() + i * 3_517_000);
  await trx
    .insertInto('finance_event_signups')
    .values(
      signedUp.map((enterprise, i) => {
        const mine = outcomes.map((o, k) => (o.enterprise === enterprise ? shares[k]! : 0)).reduce((s, x) => s + x, 0);
        const amountUnits = mine > 0 ? mine + (i % 3) * 5 : 30 + ((i * 13) % 120);
        return { park_id: parkId, event_id: past.id, enterprise_id: enterprise, need_id: null, amount_fen: amountUnits * UNIT_FEN, note: i % 4 === 0 ? '流动资金周转,复工备料' : null, signed_up_by: officer, signed_up_at: signupAt(i) };
      }),
    )
    .execute();
  const heldAt = startOfShanghaiDay(heldOn);
  const intentions = [
    ...outcomes.map((o, k) => ({ enterprise: o.enterprise, bank: o.bank, fen: (shares[k]! + 10) * UNIT_FEN })),
    // intentions that did not end in a contract
    ...signedUp.slice(signed).map((enterprise, i) => ({ enterprise, bank: banks[(i * 3) % banks.length]!.id, fen: (40 + ((i * 7) % 60)) * UNIT_FEN })),
  ];
  await trx
    .insertInto('finance_event_intentions')
    .values(intentions.map((x, i) => ({ park_id: parkId, event_id: past.id, bank_id: x.bank, enterprise_id: x.enterprise, amount_fen: x.fen, note: null, created_by: officer, created_at: new Date(heldAt.getTime() + 3_600_000 + i * 60_000) })))
    .execute();
  await trx
    .insertInto('finance_event_outcomes')
    .values(
      outcomes.map((o, k) => ({
        park_id: parkId,
        event_id: past.id,
        bank_id: o.bank,
        enterprise_id: o.enterprise,
        signed_amount_fen: shares[k]! * UNIT_FEN,
        signed_on: addDays(heldOn, o.day),
        contract_no: `FG2026-${String(k + 1).padStart(4, '0')}`,
        note: null,
        created_by: officer,
        created_at: startOfShanghaiDay(addDays(heldOn, o.day + 1)),
      })),
    )
    .execute();

  // the upcoming event: open for sign-up, a few firms signed up already (not the demo firm)
  const today = shanghaiDate(options.now);
  const upcoming = await trx
    .insertInto('finance_events')
    .values({
      park_id: parkId,
      title: '专精特新企业银企对接会',
      theme: '科技金融 · 知识产权质押',
      held_on: addDays(today, 24),
      venue: '鹰潭高新区科创中心三楼会议室',
      signup_deadline: addDays(today, 17),
      status: 'planned',
      description: '面向专精特新、高新技术企业,银行现场介绍科技贷、知识产权质押贷等产品,企业可带融资需求报名。',
      created_by: officer,
      created_at: new Date(options.now.getTime() - 5 * 86_400_000),
      updated_at: new Date(options.now.getTime() - 5 * 86_400_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const upcomingBanks = [...new Set([...(demoBank ? [demoBank] : []), ...banks.slice(0, 6).map((b) => b.id)])];
  await trx.insertInto('finance_event_banks').values(upcomingBanks.map((bank_id) => ({ park_id: parkId, event_id: upcoming.id, bank_id }))).execute();
  const early = pool.filter((id) => id !== demoFirm).slice(150, 158);
  if (early.length) {
    await trx
      .insertInto('finance_event_signups')
      .values(early.map((enterprise, i) => ({ park_id: parkId, event_id: upcoming.id, enterprise_id: enterprise, need_id: null, amount_fen: (50 + i * 25) * UNIT_FEN, note: null, signed_up_by: officer, signed_up_at: new Date(options.now.getTime() - (4 - (i % 4)) * 86_400_000) })))
      .execute();
  }
}
