import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { InstitutionKind, ProductSort, ProductState } from '@yuanqi/contract';
import type { DB } from '../../../db/schema.js';
import { escapeLike } from '../../../platform/like.js';

type Executor = Kysely<DB> | Transaction<DB>;
type ProductEb = ExpressionBuilder<DB & { p: DB['finance_products']; b: DB['banks'] }, 'p' | 'b'>;

/** A product row with its institution's names. */
export type ProductRow = {
  id: string;
  park_id: string;
  bank_id: string;
  bank_name: string;
  bank_short_name: string | null;
  bank_kind: InstitutionKind;
  strategic: boolean;
  name: string;
  type: string;
  rate_min_bp: number;
  rate_max_bp: number;
  term_min_months: number;
  term_max_months: number;
  amount_min_fen: number;
  amount_max_fen: number;
  collateral: string[];
  target_chains: string[];
  target_tags: string[];
  target_note: string | null;
  description: string | null;
  valid_from: string;
  valid_to: string | null;
  status: 'draft' | 'published' | 'withdrawn';
  created_at: Date;
  updated_at: Date;
  fits: boolean | null;
};

/** The firm 适合我 is computed for. */
export type FitTarget = { chain: string | null; tags: string[] };

/** Who sees which products: every product of the park, own bank's plus the available ones, or the available ones. */
export type ProductVisibility = { kind: 'all' } | { kind: 'bank'; bankId: string } | { kind: 'market' };

export type ProductFilter = {
  parkId: string;
  today: string;
  visibility: ProductVisibility;
  q?: string;
  type?: string;
  bankId?: string;
  institutionKind?: string;
  amountFen?: number;
  termMonths?: number;
  collateral?: string;
  state?: ProductState;
  ids?: string[];
  fit?: FitTarget | null;
  fitsOnly?: boolean;
};

/** Published and within its valid dates today: what 金融超市 shows. */
function available(eb: ProductEb, today: string): Expression<SqlBool> {
  return eb.and([eb('p.status', '=', 'published'), eb('p.valid_from', '<=', today), eb.or([eb('p.valid_to', 'is', null), eb('p.valid_to', '>=', today)])]);
}

function stateIs(eb: ProductEb, state: ProductState, today: string): Expression<SqlBool> {
  switch (state) {
    case 'draft':
      return eb('p.status', '=', 'draft');
    case 'withdrawn':
      return eb('p.status', '=', 'withdrawn');
    case 'available':
      return available(eb, today);
    case 'scheduled':
      return eb.and([eb('p.status', '=', 'published'), eb('p.valid_from', '>', today)]);
    case 'expired':
      return eb.and([eb('p.status', '=', 'published'), eb('p.valid_to', '<', today)]);
  }
}

/** Targets nobody in particular, or the firm's chain / one of its tags (both lists when both are set). */
function fitsExpr(fit: FitTarget) {
  const chainOk = fit.chain ? sql<boolean>`(cardinality(p.target_chains) = 0 or ${fit.chain} = any(p.target_chains))` : sql<boolean>`cardinality(p.target_chains) = 0`;
  const tagsOk = fit.tags.length
    ? sql<boolean>`(cardinality(p.target_tags) = 0 or p.target_tags && ${sql.val(fit.tags)}::text[])`
    : sql<boolean>`cardinality(p.target_tags) = 0`;
  return sql<boolean>`(${chainOk} and ${tagsOk})`;
}

function baseQuery(db: Executor, f: ProductFilter) {
  let query = db
    .selectFrom('finance_products as p')
    .innerJoin('banks as b', 'b.id', 'p.bank_id')
    .where('p.park_id', '=', f.parkId)
    .where((eb) => {
      const v = f.visibility;
      if (v.kind === 'all') return eb.lit(true);
      if (v.kind === 'bank') return eb.or([eb('p.bank_id', '=', v.bankId), available(eb, f.today)]);
      return eb.and([available(eb, f.today), eb('b.status', '=', 'active')]);
    });
  if (f.q) {
    const pattern = `%${escapeLike(f.q)}%`;
    query = query.where((eb) => eb.or([eb('p.name', 'ilike', pattern), eb('b.name', 'ilike', pattern), eb('b.short_name', 'ilike', pattern), eb('p.description', 'ilike', pattern)]));
  }
  if (f.type) query = query.where('p.type', '=', f.type);
  if (f.bankId) query = query.where('p.bank_id', '=', f.bankId);
  if (f.institutionKind) query = query.where('b.kind', '=', f.institutionKind as never);
  if (f.amountFen !== undefined) query = query.where('p.amount_min_fen', '<=', f.amountFen).where('p.amount_max_fen', '>=', f.amountFen);
  if (f.termMonths !== undefined) query = query.where('p.term_min_months', '<=', f.termMonths).where('p.term_max_months', '>=', f.termMonths);
  if (f.collateral) query = query.where(sql<boolean>`p.collateral && ${sql.val(f.collateral === 'none' ? ['none'] : [f.collateral, 'none'])}::text[]`);
  if (f.state) {
    const state = f.state;
    query = query.where((eb) => stateIs(eb, state, f.today));
  }
  if (f.ids) query = query.where('p.id', 'in', f.ids.length ? f.ids : ['00000000-0000-0000-0000-000000000000']);
  if (f.fit && f.fitsOnly) query = query.where(fitsExpr(f.fit));
  return query;
}

const COLUMNS = [
  'p.id',
  'p.park_id',
  'p.bank_id',
  'b.name as bank_name',
  'b.short_name as bank_short_name',
  'b.kind as bank_kind',
  'b.strategic',
  'p.name',
  'p.type',
  'p.rate_min_bp',
  'p.rate_max_bp',
  'p.term_min_months',
  'p.term_max_months',
  'p.amount_min_fen',
  'p.amount_max_fen',
  'p.collateral',
  'p.target_chains',
  'p.target_tags',
  'p.target_note',
  'p.description',
  'p.valid_from',
  'p.valid_to',
  'p.status',
  'p.created_at',
  'p.updated_at',
] as const;

/** One page of products (or all of them with `limit` null) and the count of every match. */
export async function findProducts(db: Executor, f: ProductFilter, sort: ProductSort, paging: { limit: number; offset: number } | null): Promise<{ rows: ProductRow[]; total: number }> {
  const countRow = await baseQuery(db, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  let query = baseQuery(db, f)
    .select([...COLUMNS])
    .select(f.fit ? fitsExpr(f.fit).as('fits') : sql<boolean | null>`null`.as('fits'));
  if (sort === 'rate') query = query.orderBy('p.rate_min_bp').orderBy('p.rate_max_bp');
  else if (sort === 'amount') query = query.orderBy('p.amount_max_fen', 'desc');
  else if (sort === 'term') query = query.orderBy('p.term_max_months', 'desc');
  else if (sort === 'newest') query = query.orderBy('p.created_at', 'desc');
  else {
    if (f.fit) query = query.orderBy(sql`${fitsExpr(f.fit)} desc`);
    query = query.orderBy('b.sort').orderBy('b.code');
  }
  query = query.orderBy('p.name').orderBy('p.id');
  if (paging) query = query.limit(paging.limit).offset(paging.offset);
  const rows = (await query.execute()) as unknown as ProductRow[];
  return { rows, total: countRow.n };
}

export async function findProduct(db: Executor, parkId: string, id: string, today: string, visibility: ProductVisibility, fit: FitTarget | null): Promise<ProductRow | undefined> {
  const { rows } = await findProducts(db, { parkId, today, visibility, ids: [id], fit }, 'default', null);
  return rows[0];
}

/** The bare row for a write, locked. */
export async function lockProduct(trx: Transaction<DB>, parkId: string, id: string) {
  return trx.selectFrom('finance_products').selectAll().where('park_id', '=', parkId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function findEnterpriseFit(db: Executor, parkId: string, enterpriseId: string): Promise<{ name: string; chain: string | null; tags: string[] } | undefined> {
  return db.selectFrom('enterprises').select(['name', 'chain', 'tags']).where('park_id', '=', parkId).where('id', '=', enterpriseId).executeTakeFirst();
}
