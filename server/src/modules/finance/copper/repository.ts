import { sql, type ExpressionBuilder, type Expression, type Kysely, type Selectable, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { EnterpriseScope } from '../../../platform/scope.js';
import { inEnterpriseScope } from '../../../platform/scope.js';

export type Executor = Kysely<DB> | Transaction<DB>;
export type PledgeRow = Selectable<DB['copper_pledges']>;
export type ReceiptRow = Selectable<DB['warehouse_receipts']>;
export type MarginCallRow = Selectable<DB['margin_calls']>;

/**
 * Who sees which 存铜融 rows: staff with finance:read the whole park; a firm (or its liaison) its
 * own firms' rows; an institution's user the pledges and margin calls made with it (and the
 * receipts under them). Anything else is simply not found.
 */
export type CopperScope = { kind: 'park'; parkId: string } | { kind: 'bank'; parkId: string; bankId: string } | { kind: 'enterprise'; scope: EnterpriseScope };

/** Filter for a table aliased `alias` that has park_id, enterprise_id and bank_id (pledges, margin calls). */
export function inCopperScope(scope: CopperScope, alias: 'p' | 'm') {
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> => {
    switch (scope.kind) {
      case 'park':
        return eb(eb.ref(`${alias}.park_id`), '=', scope.parkId);
      case 'bank':
        return eb.and([eb(eb.ref(`${alias}.park_id`), '=', scope.parkId), eb(eb.ref(`${alias}.bank_id`), '=', scope.bankId)]);
      case 'enterprise':
        return inEnterpriseScope<any, any>(scope.scope, `${alias}.park_id`, `${alias}.enterprise_id`)(eb);
    }
  };
}

/** Receipts (aliased `r`): a bank sees the receipts pledged to it (now or before). */
export function receiptInScope(scope: CopperScope) {
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> => {
    switch (scope.kind) {
      case 'park':
        return eb(eb.ref('r.park_id'), '=', scope.parkId);
      case 'bank':
        return eb.and([
          eb(eb.ref('r.park_id'), '=', scope.parkId),
          sql<SqlBool>`exists (select 1 from copper_pledges bp where bp.park_id = r.park_id and bp.receipt_id = r.id and bp.bank_id = ${scope.bankId})`,
        ]);
      case 'enterprise':
        return inEnterpriseScope<any, any>(scope.scope, 'r.park_id', 'r.enterprise_id')(eb);
    }
  };
}

export function parkOf(scope: CopperScope): string {
  return scope.kind === 'enterprise' ? scope.scope.parkId : scope.parkId;
}

/** The latest price on or before `day`. */
export async function latestPriceOn(db: Executor, parkId: string, day: string): Promise<{ price_on: string; price_fen_per_ton: number } | undefined> {
  const row = await db
    .selectFrom('copper_prices')
    .select(['price_on', 'price_fen_per_ton'])
    .where('park_id', '=', parkId)
    .where('price_on', '<=', day)
    .orderBy('price_on', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { price_on: row.price_on, price_fen_per_ton: Number(row.price_fen_per_ton) } : undefined;
}

export function selectReceipts(db: Executor) {
  return db
    .selectFrom('warehouse_receipts as r')
    .innerJoin('enterprises as e', 'e.id', 'r.enterprise_id')
    .leftJoin('copper_pledges as lp', (j) => j.onRef('lp.receipt_id', '=', 'r.id').onRef('lp.park_id', '=', 'r.park_id').on('lp.status', '<>', 'released'))
    .leftJoin('banks as lb', 'lb.id', 'lp.bank_id')
    .select([
      'r.id',
      'r.park_id',
      'r.enterprise_id',
      'e.name as enterprise_name',
      'r.warehouse',
      'r.receipt_no',
      'r.weight_kg',
      'r.grade',
      'r.stored_on',
      'r.status',
      'r.created_at',
      'lp.id as pledge_id',
      'lp.number as pledge_number',
      sql<string | null>`coalesce(lb.short_name, lb.name)`.as('bank_name'),
    ]);
}

export function selectPledges(db: Executor) {
  return db
    .selectFrom('copper_pledges as p')
    .innerJoin('warehouse_receipts as r', 'r.id', 'p.receipt_id')
    .innerJoin('enterprises as e', 'e.id', 'p.enterprise_id')
    .innerJoin('banks as b', 'b.id', 'p.bank_id')
    .selectAll('p')
    .select(['r.receipt_no', 'r.warehouse', 'r.grade', 'r.weight_kg', 'e.name as enterprise_name', sql<string>`coalesce(b.short_name, b.name)`.as('bank_name')]);
}
export type PledgeListRow = Awaited<ReturnType<ReturnType<typeof selectPledges>['execute']>>[number];

export function selectMarginCalls(db: Executor) {
  return db
    .selectFrom('margin_calls as m')
    .innerJoin('copper_pledges as p', 'p.id', 'm.pledge_id')
    .innerJoin('warehouse_receipts as r', 'r.id', 'm.receipt_id')
    .innerJoin('enterprises as e', 'e.id', 'm.enterprise_id')
    .innerJoin('banks as b', 'b.id', 'm.bank_id')
    .leftJoin('users as u', 'u.id', 'm.resolved_by')
    .selectAll('m')
    .select(['p.number as pledge_number', 'r.receipt_no', 'r.warehouse', 'e.name as enterprise_name', sql<string>`coalesce(b.short_name, b.name)`.as('bank_name'), 'u.display_name as resolved_by_name']);
}
export type MarginCallListRow = Awaited<ReturnType<ReturnType<typeof selectMarginCalls>['execute']>>[number];

/** Active users of a firm, of an institution, or the park's finance officers: who is told. */
export async function findRecipients(db: Executor, parkId: string, who: { enterpriseId?: string; bankId?: string; financeOfficers?: boolean }): Promise<string[]> {
  const ids: string[] = [];
  if (who.enterpriseId) {
    const rows = await db.selectFrom('users').select('id').where('park_id', '=', parkId).where('enterprise_id', '=', who.enterpriseId).where('is_active', '=', true).execute();
    ids.push(...rows.map((r) => r.id));
  }
  if (who.bankId) {
    const rows = await db.selectFrom('users').select('id').where('park_id', '=', parkId).where('bank_id', '=', who.bankId).where('is_active', '=', true).execute();
    ids.push(...rows.map((r) => r.id));
  }
  if (who.financeOfficers) {
    const rows = await db
      .selectFrom('users')
      .select('id')
      .where('park_id', '=', parkId)
      .where('is_active', '=', true)
      .where(sql<SqlBool>`'finance_officer' = any(roles)`)
      .execute();
    ids.push(...rows.map((r) => r.id));
  }
  return [...new Set(ids)];
}
