import type { ItemSort, ItemStatus, ItemType, CaseKind, ProjectStage, ServiceTarget } from '@yuanqi/contract';
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { ItemSummaryRow } from './presenter.js';
import { queryTermsOf } from './search-terms.js';
import { escapeLike } from '../../../platform/like.js';

type Executor = Kysely<DB> | Transaction<DB>;

export type ItemFilters = {
  status: ItemStatus | 'all';
  itemType?: ItemType;
  department?: string;
  projectStage?: ProjectStage | 'any';
  caseKind?: CaseKind;
  target?: ServiceTarget;
  online?: boolean;
  chengnuoAllowed?: boolean;
  visits?: number;
  approverId?: string;
};

/** A query as the search reads it (see search-terms.ts). */
export type ItemSearch = {
  /** Normalised query ("开公司"). */
  normalized: string;
  /** Its bigrams/characters/ASCII words. */
  terms: string[];
  /** Catalogue words the query's synonyms stand for ("企业开办", "设立登记"). */
  expansions: string[];
  /** The query when it looks like an item code. */
  code: string | null;
  /** How many of `terms` an item must contain unless a synonym, keyword or code match carries it. */
  minHits: number;
};

const SUMMARY_COLUMNS = [
  'i.id', 'i.code', 'i.name', 'i.main_item', 'i.sub_item', 'i.item_type', 'i.department', 'i.target', 'i.case_kind', 'i.legal_days',
  'i.committed_days', 'i.visits', 'i.online', 'i.chengnuo_allowed', 'i.fee_charged', 'i.project_stage', 'i.status', 'i.version', 'i.updated_at',
] as const;

function filtered(db: Executor, parkId: string, f: ItemFilters) {
  let q = db.selectFrom('service_items as i').where('i.park_id', '=', parkId);
  if (f.status !== 'all') q = q.where('i.status', '=', f.status);
  if (f.itemType) q = q.where('i.item_type', '=', f.itemType);
  if (f.department) q = q.where('i.department', '=', f.department);
  if (f.projectStage === 'any') q = q.where('i.project_stage', 'is not', null);
  else if (f.projectStage) q = q.where('i.project_stage', '=', f.projectStage);
  if (f.caseKind) q = q.where('i.case_kind', '=', f.caseKind);
  if (f.target) q = q.where('i.target', '=', f.target);
  if (f.online !== undefined) q = q.where('i.online', '=', f.online);
  if (f.chengnuoAllowed !== undefined) q = q.where('i.chengnuo_allowed', '=', f.chengnuoAllowed);
  if (f.visits !== undefined) q = q.where('i.visits', '=', f.visits);
  if (f.approverId) q = q.where(sql<boolean>`i.approver_ids @> array[${f.approverId}]::uuid[]`);
  return q;
}

const textArray = (values: readonly string[]) => sql`${sql.val([...values])}::text[]`;

/**
 * The one cheap condition an item must meet to be scored at all: its indexed terms overlap the
 * query's, or hold every term of one of the synonyms' catalogue words (an item whose name or
 * keyword holds a word holds all its terms), or its code matches. Both are array operators the
 * GIN index serves; the per-term counting below then runs on the candidates only.
 */
function candidateOf(s: ItemSearch): RawBuilder<boolean> {
  const parts: RawBuilder<boolean>[] = [];
  if (s.terms.length > 0) parts.push(sql<boolean>`i.search_terms && ${textArray(s.terms)}`);
  for (const e of s.expansions) {
    const terms = queryTermsOf(e);
    if (terms.length > 0) parts.push(sql<boolean>`i.search_terms @> ${textArray(terms)}`);
  }
  if (s.code) parts.push(sql<boolean>`(strpos(lower(i.code), ${s.code}) > 0 or strpos(lower(coalesce(i.basic_code, '')), ${s.code}) > 0)`);
  if (parts.length === 0) parts.push(sql<boolean>`strpos(i.name, ${s.normalized}) > 0`);
  return sql<boolean>`(${sql.join(parts, sql` or `)})`;
}

/** How many of the query's terms a term array holds, as plain boolean arithmetic (no subquery per row). */
function countOf(column: 'i.search_terms' | 'i.name_terms', terms: readonly string[]): RawBuilder<number> {
  if (terms.length === 0) return sql<number>`0`;
  return sql<number>`(${sql.join(terms.map((t) => sql`(${sql.ref(column)} @> array[${t}]::text[])::int`), sql` + `)})`;
}

/**
 * The score of a candidate for a query. Ranking, strongest first: the name is the query; the
 * name is a catalogue word a synonym of the query names (an admin defined it, so it wins over
 * loose text matches); the code matches; the name contains the query; the name contains a
 * synonym's word; a keyword is the query or a synonym's word; the name holds every query term;
 * 主项/子项 contain the query; then the number of query terms in the name and in all indexed
 * text; shorter names first on ties.
 */
function scoreOf(s: ItemSearch): { score: RawBuilder<number>; carried: RawBuilder<boolean> } {
  const q = s.normalized;
  const expansions = textArray(s.expansions);
  const none = sql<boolean>`false`;
  const expansionExact = s.expansions.length > 0 ? sql<boolean>`i.name = any(${expansions})` : none;
  const expansionInName = s.expansions.length > 0 ? sql<boolean>`i.name like any(${textArray(s.expansions.map((e) => `%${escapeLike(e)}%`))})` : none;
  const keywordHit = s.expansions.length > 0 ? sql<boolean>`(${q} = any(i.keywords) or i.keywords && ${expansions})` : sql<boolean>`(${q} = any(i.keywords))`;
  const codeHit = s.code ? sql<boolean>`(strpos(lower(i.code), ${s.code}) > 0 or strpos(lower(coalesce(i.basic_code, '')), ${s.code}) > 0)` : none;
  const allInName = s.terms.length > 0 ? sql<boolean>`i.name_terms @> ${textArray(s.terms)}` : none;
  const score = sql<number>`(
      (case when i.name = ${q} then 1000 else 0 end)
    + (case when ${expansionExact} then 900 else 0 end)
    + (case when ${codeHit} then 800 else 0 end)
    + (case when strpos(i.name, ${q}) > 0 then 400 else 0 end)
    + (case when ${expansionInName} then 300 else 0 end)
    + (case when ${keywordHit} then 250 else 0 end)
    + (case when ${allInName} then 200 else 0 end)
    + (case when strpos(coalesce(i.main_item, '') || '|' || coalesce(i.sub_item, ''), ${q}) > 0 then 150 else 0 end)
    + 30 * i.name_hits
    + 10 * i.hits
    - least(char_length(i.name), 50) * 0.1
  )`;
  const carried = sql<boolean>`(${expansionInName} or ${keywordHit} or ${codeHit} or strpos(i.name, ${q}) > 0)`;
  return { score, carried };
}

export type ItemPage = { rows: (ItemSummaryRow & { score: number | null })[]; total: number };

/**
 * One page of the park's items under the filters; with a search, only the items that match it,
 * best first (the park's rows are scored in one statement: a park holds ~1,500 items).
 */
export async function queryItems(
  db: Executor,
  parkId: string,
  filters: ItemFilters,
  search: ItemSearch | null,
  page: { limit: number; offset: number; sort?: ItemSort },
): Promise<ItemPage> {
  const counts = [
    sql<number>`jsonb_array_length(i.materials)`.as('material_count'),
    sql<number>`cardinality(i.approver_ids)`.as('approver_count'),
  ] as const;
  const sort = page.sort ?? (search ? 'relevance' : 'code');
  const order = <Q extends { orderBy: (...args: any[]) => Q }>(q: Q, scored: boolean): Q => {
    if (sort === 'relevance' && scored) return q.orderBy(sql`score`, 'desc').orderBy('i.code');
    if (sort === 'name') return q.orderBy('i.name').orderBy('i.code');
    if (sort === '-updatedAt') return q.orderBy('i.updated_at', 'desc').orderBy('i.code');
    if (sort === 'committedDays') return q.orderBy('i.committed_days').orderBy('i.code');
    return q.orderBy('i.code');
  };

  if (!search) {
    const base = filtered(db, parkId, filters);
    const rows = await order(base.select([...SUMMARY_COLUMNS, ...counts, sql<number>`count(*) over ()`.as('total_count')]), false)
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    let total = rows.length > 0 ? Number(rows[0]!.total_count) : 0;
    if (rows.length === 0 && page.offset > 0) total = Number((await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirst())?.n ?? 0);
    return { rows: rows.map(({ total_count: _t, ...r }) => ({ ...r, material_count: Number(r.material_count), approver_count: Number(r.approver_count), score: null })), total };
  }

  const candidates = filtered(db, parkId, filters)
    .where(candidateOf(search))
    .select([...SUMMARY_COLUMNS, 'i.name_terms', 'i.keywords', 'i.basic_code', ...counts])
    .select([
      countOf('i.search_terms', search.terms).as('hits'),
      countOf('i.name_terms', search.terms).as('name_hits'),
    ]);
  const { score, carried } = scoreOf(search);
  const matched = db
    .selectFrom(candidates.as('i'))
    .where(sql<boolean>`(i.hits >= ${search.minHits} or ${carried})`);
  const rows = await order(
    matched.select([
      'i.id', 'i.code', 'i.name', 'i.main_item', 'i.sub_item', 'i.item_type', 'i.department', 'i.target', 'i.case_kind', 'i.legal_days',
      'i.committed_days', 'i.visits', 'i.online', 'i.chengnuo_allowed', 'i.fee_charged', 'i.project_stage', 'i.status', 'i.version', 'i.updated_at',
      'i.material_count', 'i.approver_count',
      score.as('score'),
      sql<number>`count(*) over ()`.as('total_count'),
    ]),
    true,
  )
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  let total = rows.length > 0 ? Number(rows[0]!.total_count) : 0;
  if (rows.length === 0 && page.offset > 0) total = Number((await matched.select(sql<number>`count(*)::int`.as('n')).executeTakeFirst())?.n ?? 0);
  return {
    rows: rows.map(({ total_count: _t, ...r }) => ({ ...r, material_count: Number(r.material_count), approver_count: Number(r.approver_count), score: Number(r.score) })),
    total,
  };
}
