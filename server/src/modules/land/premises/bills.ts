import {
  ZReliefRule,
  reliefOfBill,
  rentBillGross,
  rentDaysInMonth,
  rentDaysLet,
  rentMonthEnd,
  type BuildingKind,
  type ReliefRule,
} from '@yuanqi/contract';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { landParameterOn } from '../parameters.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** What billing needs of a lease: its dates, rent, unit area, building kind and the firm's class. */
export type BillingLease = {
  leaseId: string;
  enterpriseId: string;
  startsOn: string;
  /** the last day let: terminated_on or ends_on */
  lastDay: string;
  monthlyRentFen: number;
  areaM2: number;
  buildingKind: BuildingKind;
  firm: { chain: string | null; tags: string[]; isAboveScale: boolean };
};

export type MeasureRow = { id: string; code: string; name: string; periodFrom: string; periodTo: string; rule: ReliefRule };

export type ComputedBill = {
  days: number;
  grossFen: number;
  reliefs: { measureId: string; amountFen: number; explanation: string }[];
  reliefFen: number;
};

/**
 * One month's bill of a lease: the days let that month, the gross (the monthly rent for a full
 * month, pro rata by days otherwise, rounded once) and the relief of each measure in order, each
 * at most what the measures before it left of the gross. Null when the lease has no day that month.
 */
export function computeBill(lease: BillingLease, period: string, measures: readonly MeasureRow[]): ComputedBill | null {
  const days = rentDaysLet(period, lease.startsOn, lease.lastDay);
  if (days <= 0) return null;
  const grossFen = rentBillGross(lease.monthlyRentFen, days, period);
  const reliefs: ComputedBill['reliefs'] = [];
  let remaining = grossFen;
  for (const m of measures) {
    const r = reliefOfBill(
      m,
      { period, days, grossFen, areaM2: lease.areaM2, buildingKind: lease.buildingKind, leaseStartsOn: lease.startsOn, firm: lease.firm },
      remaining,
    );
    if (!r) continue;
    reliefs.push({ measureId: m.id, amountFen: r.amountFen, explanation: r.explanation });
    remaining -= r.amountFen;
  }
  return { days, grossFen, reliefs, reliefFen: grossFen - remaining };
}

/** open / partial / paid from what is due and what was paid. */
export function billStatusOf(dueFen: number, paidFen: number): 'open' | 'partial' | 'paid' {
  if (paidFen >= dueFen) return 'paid';
  return paidFen > 0 ? 'partial' : 'open';
}

/** The due day of a month's bills: bill_due_day of that month (the last day for a short month). */
export async function billDueOn(db: Executor, parkId: string, period: string): Promise<string> {
  const day = await landParameterOn(db, parkId, 'bill_due_day', period);
  const d = Math.max(1, Math.min(day, rentDaysInMonth(period)));
  return `${period.slice(0, 7)}-${String(d).padStart(2, '0')}`;
}

/** Active relief measures whose period touches the month, oldest first (the order reliefs stack in). */
export async function measuresForMonth(db: Executor, parkId: string, period: string, statuses: string[] = ['active']): Promise<MeasureRow[]> {
  const rows = await db
    .selectFrom('premises_relief_measures')
    .select(['id', 'code', 'name', 'period_from', 'period_to', 'rule'])
    .where('park_id', '=', parkId)
    .where('status', 'in', statuses)
    .where('period_from', '<=', rentMonthEnd(period))
    .where('period_to', '>=', period)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toMeasure);
}

export function toMeasure(r: { id: string; code: string; name: string; period_from: string; period_to: string; rule: unknown }): MeasureRow {
  return { id: r.id, code: r.code, name: r.name, periodFrom: r.period_from, periodTo: r.period_to, rule: ZReliefRule.parse(r.rule) };
}

/** The billing facts of leases (by id, or every lease with a day in `period` that has no bill for it yet). */
export function billingLeaseQuery(db: Executor, parkId: string) {
  return db
    .selectFrom('premises_leases as l')
    .innerJoin('premises_units as u', 'u.id', 'l.unit_id')
    .innerJoin('premises_buildings as b', 'b.id', 'u.building_id')
    .innerJoin('enterprises as e', 'e.id', 'l.enterprise_id')
    .select([
      'l.id as leaseId',
      'l.enterprise_id as enterpriseId',
      'l.starts_on as startsOn',
      sql<string>`coalesce(l.terminated_on, l.ends_on)::text`.as('lastDay'),
      'l.monthly_rent_fen as monthlyRentFen',
      'u.area_m2 as areaM2',
      'b.kind as buildingKind',
      'e.chain',
      'e.tags',
      'e.is_above_scale as isAboveScale',
    ])
    .where('l.park_id', '=', parkId)
    .where('l.status', '<>', 'cancelled');
}

type BillingRow = Awaited<ReturnType<ReturnType<typeof billingLeaseQuery>['execute']>>[number];
export function toBillingLease(r: BillingRow): BillingLease {
  return {
    leaseId: r.leaseId,
    enterpriseId: r.enterpriseId,
    startsOn: r.startsOn,
    lastDay: r.lastDay,
    monthlyRentFen: Number(r.monthlyRentFen),
    areaM2: Number(r.areaM2),
    buildingKind: r.buildingKind as BuildingKind,
    firm: { chain: r.chain, tags: r.tags ?? [], isAboveScale: !!r.isAboveScale },
  };
}

export type GenerateOutcome = { period: string; created: number; existing: number; reliefLines: number; grossFen: number; reliefFen: number; billIds: string[] };

/**
 * Issues the month's bills of every lease with a day in it that has none yet (one bill per lease
 * and month: the table's unique key; a concurrent run's bills are skipped, not duplicated), with
 * the relief of the active measures of that month. Set-based: one select, inserts in chunks.
 */
export async function generateBills(trx: Transaction<DB>, parkId: string, period: string, now: Date): Promise<GenerateOutcome> {
  const end = rentMonthEnd(period);
  const leases = (
    await billingLeaseQuery(trx, parkId)
      .where('l.starts_on', '<=', end)
      .where(sql<boolean>`coalesce(l.terminated_on, l.ends_on) >= ${period}::date`)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('premises_bills as x').select(sql`1`.as('one')).whereRef('x.park_id', '=', 'l.park_id').whereRef('x.lease_id', '=', 'l.id').where('x.period', '=', period))),
      )
      .orderBy('l.contract_no')
      .execute()
  ).map(toBillingLease);
  const existing = await trx
    .selectFrom('premises_bills')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('park_id', '=', parkId)
    .where('period', '=', period)
    .executeTakeFirstOrThrow();
  const outcome: GenerateOutcome = { period, created: 0, existing: existing.n, reliefLines: 0, grossFen: 0, reliefFen: 0, billIds: [] };
  if (leases.length === 0) return outcome;
  const measures = await measuresForMonth(trx, parkId, period);
  const dueOn = await billDueOn(trx, parkId, period);
  const computed = new Map<string, ComputedBill>();
  const rows = [];
  for (const lease of leases) {
    const bill = computeBill(lease, period, measures);
    if (!bill) continue;
    computed.set(lease.leaseId, bill);
    rows.push({
      park_id: parkId,
      lease_id: lease.leaseId,
      enterprise_id: lease.enterpriseId,
      period,
      days: bill.days,
      gross_fen: bill.grossFen,
      relief_fen: bill.reliefFen,
      due_fen: bill.grossFen - bill.reliefFen,
      paid_fen: 0,
      due_on: dueOn,
      status: billStatusOf(bill.grossFen - bill.reliefFen, 0),
      issued_at: now,
      updated_at: now,
    });
  }
  for (let i = 0; i < rows.length; i += 500) {
    const inserted = await trx
      .insertInto('premises_bills')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['park_id', 'lease_id', 'period']).doNothing())
      .returning(['id', 'lease_id', 'enterprise_id'])
      .execute();
    const lines = [];
    for (const b of inserted) {
      const bill = computed.get(b.lease_id)!;
      outcome.created += 1;
      outcome.grossFen += bill.grossFen;
      outcome.reliefFen += bill.reliefFen;
      outcome.billIds.push(b.id);
      for (const r of bill.reliefs) lines.push({ park_id: parkId, bill_id: b.id, measure_id: r.measureId, enterprise_id: b.enterprise_id, amount_fen: r.amountFen, explanation: r.explanation });
    }
    if (lines.length) await trx.insertInto('premises_bill_reliefs').values(lines).execute();
    outcome.reliefLines += lines.length;
  }
  return outcome;
}

/**
 * Applies a measure to the bills already issued in its period (activation): each eligible bill
 * without a line of this measure gets one, computed on what earlier measures left of its gross.
 * The relief lowers what is due down to what was paid; any part beyond that (the bill was already
 * paid) is the bill's credit, owed back to the firm. One statement for the bills, one for the lines.
 */
export async function applyMeasureToIssuedBills(trx: Transaction<DB>, parkId: string, measure: MeasureRow, now: Date): Promise<{ bills: number; amountFen: number; creditFen: number }> {
  const bills = await trx
    .selectFrom('premises_bills as pb')
    .innerJoin('premises_leases as l', 'l.id', 'pb.lease_id')
    .innerJoin('premises_units as u', 'u.id', 'l.unit_id')
    .innerJoin('premises_buildings as b', 'b.id', 'u.building_id')
    .innerJoin('enterprises as e', 'e.id', 'l.enterprise_id')
    .select([
      'pb.id',
      'pb.period',
      'pb.days',
      'pb.gross_fen',
      'pb.due_fen',
      'pb.paid_fen',
      'pb.enterprise_id',
      'l.id as leaseId',
      'l.starts_on as startsOn',
      sql<string>`coalesce(l.terminated_on, l.ends_on)::text`.as('lastDay'),
      'l.monthly_rent_fen as monthlyRentFen',
      'u.area_m2 as areaM2',
      'b.kind as buildingKind',
      'e.chain',
      'e.tags',
      'e.is_above_scale as isAboveScale',
      sql<number>`coalesce((select sum(r.amount_fen) from premises_bill_reliefs r where r.park_id = pb.park_id and r.bill_id = pb.id), 0)`.as('linesFen'),
      sql<boolean>`exists (select 1 from premises_bill_reliefs r where r.park_id = pb.park_id and r.bill_id = pb.id and r.measure_id = ${measure.id})`.as('hasLine'),
    ])
    .where('pb.park_id', '=', parkId)
    .where('pb.status', '<>', 'void')
    .where('pb.period', '>=', `${measure.periodFrom.slice(0, 7)}-01`)
    .where('pb.period', '<=', measure.periodTo)
    .forUpdate('pb')
    .execute();
  const updates: { id: string; applied: number; credit: number }[] = [];
  const lines = [];
  let amountFen = 0;
  let creditFen = 0;
  for (const b of bills) {
    if (b.hasLine) continue;
    const lease = toBillingLease({ ...b, leaseId: b.leaseId, enterpriseId: b.enterprise_id });
    const r = reliefOfBill(
      measure,
      { period: b.period, days: b.days, grossFen: Number(b.gross_fen), areaM2: lease.areaM2, buildingKind: lease.buildingKind, leaseStartsOn: lease.startsOn, firm: lease.firm },
      Number(b.gross_fen) - Number(b.linesFen),
    );
    if (!r) continue;
    const room = Number(b.due_fen) - Number(b.paid_fen);
    const applied = Math.min(r.amountFen, Math.max(0, room));
    const credit = r.amountFen - applied;
    updates.push({ id: b.id, applied, credit });
    lines.push({ park_id: parkId, bill_id: b.id, measure_id: measure.id, enterprise_id: b.enterprise_id, amount_fen: r.amountFen, explanation: credit > 0 ? `${r.explanation}(其中${(credit / 100).toFixed(2)}元已缴,转为应退款)` : r.explanation });
    amountFen += r.amountFen;
    creditFen += credit;
  }
  for (let i = 0; i < updates.length; i += 500) {
    const chunk = JSON.stringify(updates.slice(i, i + 500));
    await sql`update premises_bills b set
        relief_fen = b.relief_fen + x.applied,
        due_fen = b.due_fen - x.applied,
        credit_fen = b.credit_fen + x.credit,
        status = case when b.paid_fen >= b.due_fen - x.applied then 'paid' when b.paid_fen > 0 then 'partial' else 'open' end,
        updated_at = ${now}
      from jsonb_to_recordset(${chunk}::jsonb) as x(id uuid, applied bigint, credit bigint)
      where b.id = x.id and b.park_id = ${parkId}`.execute(trx);
  }
  for (let i = 0; i < lines.length; i += 500) await trx.insertInto('premises_bill_reliefs').values(lines.slice(i, i + 500)).execute();
  return { bills: updates.length, amountFen, creditFen };
}
