import { sql, type Kysely, type Transaction } from 'kysely';
import type { CopperStatistics } from '@yuanqi/contract';
import type { DB } from '../../../db/schema.js';
import { shanghaiDate } from '../../../platform/calendar/index.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * 存铜融 figures of a park for a period [from, to] (Asia/Shanghai dates, inclusive): the pledges live
 * now with their limit at the latest price on or before `today` (each pledge at its own LTV, rounded
 * down to the fen per pledge exactly like `copperLimitFen`), pledges and margin calls of the period,
 * the latest price and the price change over the period. `today` defaults to the Shanghai date now.
 */
export async function copperStatistics(db: Executor, parkId: string, period: { from: string; to: string }, today: string = shanghaiDate(new Date())): Promise<CopperStatistics> {
  const latest = await db
    .selectFrom('copper_prices')
    .select(['price_on', 'price_fen_per_ton'])
    .where('park_id', '=', parkId)
    .where('price_on', '<=', today)
    .orderBy('price_on', 'desc')
    .limit(1)
    .executeTakeFirst();
  const price = latest ? Number(latest.price_fen_per_ton) : null;

  const active = await db
    .selectFrom('copper_pledges as p')
    .innerJoin('warehouse_receipts as r', 'r.id', 'p.receipt_id')
    .where('p.park_id', '=', parkId)
    // said of the receipts too, or the planner hashes every park's receipts (bench:finance)
    .where('r.park_id', '=', parkId)
    .where('p.status', '<>', 'released')
    .select([
      sql<number>`count(*)::int`.as('count'),
      sql<number>`coalesce(sum(r.weight_kg), 0)::bigint`.as('weight_kg'),
      sql<number>`coalesce(sum(p.outstanding_fen), 0)::bigint`.as('outstanding_fen'),
      sql<number>`coalesce(sum(p.margin_fen), 0)::bigint`.as('margin_fen'),
      // weight_kg × price × ltv_bp / 10^7, floored per pledge (the contract's copperLimitFen)
      sql<number>`coalesce(sum(floor(r.weight_kg::numeric * ${price ?? 0}::numeric * p.ltv_bp::numeric / 10000000)), 0)::bigint`.as('limit_fen'),
      sql<number>`(count(*) filter (where p.status = 'margin_call'))::int`.as('in_margin_call'),
    ])
    .executeTakeFirstOrThrow();

  const pledged = await db
    .selectFrom('copper_pledges as p')
    .innerJoin('warehouse_receipts as r', 'r.id', 'p.receipt_id')
    .where('p.park_id', '=', parkId)
    .where('r.park_id', '=', parkId)
    .where('p.pledged_on', '>=', period.from)
    .where('p.pledged_on', '<=', period.to)
    .select([
      sql<number>`count(*)::int`.as('count'),
      sql<number>`coalesce(sum(p.loan_fen), 0)::bigint`.as('loan_fen'),
      sql<number>`coalesce(sum(r.weight_kg), 0)::bigint`.as('weight_kg'),
    ])
    .executeTakeFirstOrThrow();

  const now = new Date();
  const calls = await db
    .selectFrom('margin_calls')
    .where('park_id', '=', parkId)
    .where('call_on', '>=', period.from)
    .where('call_on', '<=', period.to)
    .select([
      sql<number>`count(*)::int`.as('count'),
      sql<number>`coalesce(sum(shortfall_fen), 0)::bigint`.as('shortfall_fen'),
      sql<number>`(count(*) filter (where status = 'resolved'))::int`.as('resolved'),
      sql<number>`(count(*) filter (where status = 'open'))::int`.as('open'),
      sql<number>`(count(*) filter (where status = 'open' and due_at < ${now}))::int`.as('overdue_open'),
    ])
    .executeTakeFirstOrThrow();

  const atOrBefore = (day: string) =>
    db.selectFrom('copper_prices').select(['price_on', 'price_fen_per_ton']).where('park_id', '=', parkId).where('price_on', '<=', day).orderBy('price_on', 'desc').limit(1).executeTakeFirst();
  let start = await atOrBefore(period.from);
  if (!start) {
    start = await db
      .selectFrom('copper_prices')
      .select(['price_on', 'price_fen_per_ton'])
      .where('park_id', '=', parkId)
      .where('price_on', '>=', period.from)
      .where('price_on', '<=', period.to)
      .orderBy('price_on', 'asc')
      .limit(1)
      .executeTakeFirst();
  }
  const end = await atOrBefore(period.to);
  let priceChange: CopperStatistics['priceChange'] = null;
  if (start && end) {
    const from = Number(start.price_fen_per_ton);
    const to = Number(end.price_fen_per_ton);
    priceChange = { fromOn: start.price_on, fromPriceFenPerTon: from, toOn: end.price_on, toPriceFenPerTon: to, percent: Math.round(((to - from) / from) * 10_000) / 100 };
  }

  return {
    activePledges: {
      count: Number(active.count),
      weightKg: Number(active.weight_kg),
      outstandingFen: Number(active.outstanding_fen),
      marginFen: Number(active.margin_fen),
      currentLimitFen: price === null ? null : Number(active.limit_fen),
      inMarginCall: Number(active.in_margin_call),
    },
    pledgedInPeriod: { count: Number(pledged.count), loanFen: Number(pledged.loan_fen), weightKg: Number(pledged.weight_kg) },
    marginCallsInPeriod: { count: Number(calls.count), shortfallFen: Number(calls.shortfall_fen), resolved: Number(calls.resolved), open: Number(calls.open), overdueOpen: Number(calls.overdue_open) },
    latestPrice: latest ? { priceOn: latest.price_on, priceFenPerTon: Number(latest.price_fen_per_ton) } : null,
    priceChange,
  };
}
