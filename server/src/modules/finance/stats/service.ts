import type { FinanceEventStatistics, FinanceInstitutionStatistics, FinanceStatistics } from '@yuanqi/contract';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { shanghaiDate } from '../../../platform/calendar/index.js';
import { bridgeLoanStatistics } from '../bridge/stats.js';
import { copperStatistics } from '../copper/stats.js';
import { needStatistics } from '../market/stats.js';

type Period = { from: string; to: string };
const num = (v: unknown) => Number(v ?? 0);

/** 融资对接会 held in the period (not cancelled): count, sign-ups, distinct signed firms, signed amount. */
export async function eventStatistics(db: Kysely<DB>, parkId: string, period: Period): Promise<FinanceEventStatistics> {
  const events = db.selectFrom('finance_events').select('id').where('park_id', '=', parkId).where('held_on', '>=', period.from).where('held_on', '<=', period.to).where('status', '<>', 'cancelled');
  const [count, signups, outcomes] = await Promise.all([
    db.selectFrom('finance_events').select(sql<string>`count(*)`.as('n')).where('park_id', '=', parkId).where('held_on', '>=', period.from).where('held_on', '<=', period.to).where('status', '<>', 'cancelled').executeTakeFirstOrThrow(),
    db.selectFrom('finance_event_signups').select(sql<string>`count(*)`.as('n')).where('park_id', '=', parkId).where('event_id', 'in', events).executeTakeFirstOrThrow(),
    db
      .selectFrom('finance_event_outcomes')
      .select([sql<string>`count(distinct enterprise_id)`.as('firms'), sql<string>`coalesce(sum(signed_amount_fen), 0)`.as('fen')])
      .where('park_id', '=', parkId)
      .where('event_id', 'in', events)
      .executeTakeFirstOrThrow(),
  ]);
  return { count: num(count.n), signups: num(signups.n), signedFirms: num(outcomes.firms), signedAmountFen: num(outcomes.fen) };
}

/** The park's active financial institutions now: banks, others, strategic partners. */
export async function institutionStatistics(db: Kysely<DB>, parkId: string): Promise<FinanceInstitutionStatistics> {
  const r = await db
    .selectFrom('banks')
    .select([
      sql<string>`count(*)`.as('total'),
      sql<string>`count(*) filter (where kind = 'bank')`.as('banks'),
      sql<string>`count(*) filter (where strategic)`.as('strategic'),
    ])
    .where('park_id', '=', parkId)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return { total: num(r.total), banks: num(r.banks), others: num(r.total) - num(r.banks), strategic: num(r.strategic) };
}

/**
 * Every finance figure of a period for one park. Each part is its sub-domain's own per-park,
 * index-backed aggregate; they run side by side (on PostgreSQL each on its own pooled connection).
 */
export async function financeStatistics(db: Kysely<DB>, parkId: string, period: Period, now: Date): Promise<FinanceStatistics> {
  const [needs, bridge, copper, events, institutions] = await Promise.all([
    needStatistics(db, parkId, period, now),
    bridgeLoanStatistics(db, parkId, period),
    copperStatistics(db, parkId, period, shanghaiDate(now)),
    eventStatistics(db, parkId, period),
    institutionStatistics(db, parkId),
  ]);
  return { from: period.from, to: period.to, needs, bridge, copper, events, institutions };
}
