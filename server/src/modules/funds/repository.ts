import type { ListPayoutsQuery } from '@yuanqi/contract';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { endOfShanghaiDay, startOfShanghaiDay } from '../../platform/calendar/index.js';
import { inEnterpriseScope, type EnterpriseScope } from '../../platform/scope.js';

/** The only SQL of funds, ledgers and payouts. Every query filters by park. */

export type FundStats = { fund_id: string; payout_count: number; beneficiary_count: number };

export async function listFunds(db: Kysely<DB>, parkId: string, q: { year?: number; status?: string; q?: string; ids?: string[] }) {
  let query = db.selectFrom('funds').selectAll().where('park_id', '=', parkId);
  if (q.year) query = query.where('year', '=', q.year);
  if (q.status) query = query.where('status', '=', q.status as 'active' | 'closed');
  if (q.q) query = query.where((eb) => eb.or([eb('name', 'ilike', `%${q.q}%`), eb('code', 'ilike', `%${q.q}%`)]));
  if (q.ids) query = query.where('id', 'in', q.ids.length ? q.ids : ['00000000-0000-0000-0000-000000000000']);
  return query.orderBy('year', 'desc').orderBy('code').execute();
}

export async function fundStats(db: Kysely<DB>, parkId: string, fundIds: string[]): Promise<Map<string, FundStats>> {
  if (fundIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('payouts')
    .select((eb) => [
      'fund_id',
      sql<number>`count(*)::int`.as('payout_count'),
      eb.fn.count<number>('enterprise_id').distinct().as('beneficiary_count'),
    ])
    .where('park_id', '=', parkId)
    .where('status', '=', 'paid')
    .where('fund_id', 'in', fundIds)
    .groupBy('fund_id')
    .execute();
  return new Map(rows.map((r) => [r.fund_id, { fund_id: r.fund_id, payout_count: Number(r.payout_count), beneficiary_count: Number(r.beneficiary_count) }]));
}

export async function findFund(db: Kysely<DB>, parkId: string, id: string) {
  return db.selectFrom('funds').selectAll().where('park_id', '=', parkId).where('id', '=', id).executeTakeFirst();
}

/** Sums of the entries booked before `before` (the opening figures of a statement). */
export async function ledgerSumsBefore(db: Kysely<DB>, parkId: string, fundId: string, before: Date) {
  const row = await db
    .selectFrom('fund_ledger')
    .select([sql<number>`coalesce(sum(amount_fen), 0)::bigint`.as('balance'), sql<number>`coalesce(sum(reserved_delta_fen), 0)::bigint`.as('reserved')])
    .where('park_id', '=', parkId)
    .where('fund_id', '=', fundId)
    .where('created_at', '<', before)
    .executeTakeFirstOrThrow();
  return { balance: Number(row.balance), reserved: Number(row.reserved) };
}

/** The entries of a fund booked in [from, to] (Shanghai days), in time order. */
export async function ledgerEntries(db: Kysely<DB>, parkId: string, fundId: string, from: string | null, to: string | null) {
  let query = db
    .selectFrom('fund_ledger as l')
    .leftJoin('enterprises as e', 'e.id', 'l.enterprise_id')
    .leftJoin('payouts as p', (j) => j.on(sql<boolean>`p.id = case when l.ref_type = 'payout' then l.ref_id::uuid end`))
    .leftJoin('users as u', 'u.id', 'l.created_by')
    .selectAll('l')
    .select(['e.name as enterprise_name', 'p.voucher_number', 'u.display_name as created_by_name'])
    .where('l.park_id', '=', parkId)
    .where('l.fund_id', '=', fundId);
  if (from) query = query.where('l.created_at', '>=', startOfShanghaiDay(from));
  if (to) query = query.where('l.created_at', '<=', endOfShanghaiDay(to));
  return query.orderBy('l.created_at').orderBy('l.seq').execute();
}

export type PayoutListRow = Awaited<ReturnType<typeof listPayouts>>['rows'][number];

function payoutFilters(scope: EnterpriseScope, q: Omit<ListPayoutsQuery, 'page' | 'pageSize'>) {
  return (db: Kysely<DB>) => {
    let query = db
      .selectFrom('payouts as p')
      .innerJoin('enterprises as e', 'e.id', 'p.enterprise_id')
      .innerJoin('funds as f', 'f.id', 'p.fund_id')
      .where((eb) => inEnterpriseScope<any, any>(scope, 'p.park_id', 'p.enterprise_id')(eb));
    if (q.fundId) query = query.where('p.fund_id', '=', q.fundId);
    if (q.policyId) query = query.where('p.policy_id', '=', q.policyId);
    if (q.enterpriseId) query = query.where('p.enterprise_id', '=', q.enterpriseId);
    if (q.periodKey) query = query.where('p.period_key', '=', q.periodKey);
    if (q.source) query = query.where('p.source', '=', q.source);
    if (q.status) query = query.where('p.status', '=', q.status);
    if (q.from) query = query.where('p.paid_at', '>=', startOfShanghaiDay(q.from));
    if (q.to) query = query.where('p.paid_at', '<=', endOfShanghaiDay(q.to));
    if (q.q) {
      const like = `%${q.q}%`;
      query = query.where((eb) => eb.or([eb('e.name', 'ilike', like), eb('p.voucher_number', 'ilike', like), eb('p.memo', 'ilike', like)]));
    }
    return query;
  };
}

export async function listPayouts(db: Kysely<DB>, scope: EnterpriseScope, q: Omit<ListPayoutsQuery, 'page' | 'pageSize'>, page: { limit: number; offset: number }) {
  const filtered = payoutFilters(scope, q)(db);
  const rows = await filtered
    .leftJoin('policies as pol', 'pol.id', 'p.policy_id')
    .selectAll('p')
    .select(['e.name as enterprise_name', 'f.name as fund_name', 'pol.title as policy_title'])
    .orderBy('p.paid_at', 'desc')
    .orderBy('p.voucher_number', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const totals = await filtered
    .select([
      sql<number>`count(*)::int`.as('n'),
      sql<number>`coalesce(sum(case when p.status = 'paid' then p.amount_fen else 0 end), 0)::bigint`.as('amount'),
      sql<number>`count(distinct case when p.status = 'paid' then p.enterprise_id end)::int`.as('firms'),
    ])
    .executeTakeFirstOrThrow();
  return { rows, total: Number(totals.n), totalAmountFen: Number(totals.amount), beneficiaryCount: Number(totals.firms) };
}

export async function findPayout(db: Kysely<DB>, scope: EnterpriseScope, id: string) {
  return db
    .selectFrom('payouts as p')
    .innerJoin('enterprises as e', 'e.id', 'p.enterprise_id')
    .innerJoin('funds as f', 'f.id', 'p.fund_id')
    .leftJoin('policies as pol', 'pol.id', 'p.policy_id')
    .selectAll('p')
    .select(['e.name as enterprise_name', 'f.name as fund_name', 'pol.title as policy_title'])
    .where('p.id', '=', id)
    .where((eb) => inEnterpriseScope<any, any>(scope, 'p.park_id', 'p.enterprise_id')(eb))
    .executeTakeFirst();
}
