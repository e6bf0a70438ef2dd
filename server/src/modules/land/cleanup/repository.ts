import type { CleanupProjectClass, CleanupStatus } from '@yuanqi/contract';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { LandCleanupCampaignsTable } from '../../../db/schema-land.js';
import { escapeLike } from '../../../platform/like.js';

type Executor = Kysely<DB> | Transaction<DB>;
export type CampaignRow = Selectable<LandCleanupCampaignsTable>;

/** The clean-up's SQL (Kysely). Every query filters by park. */

export async function findCampaign(db: Executor, parkId: string, id: string, options: { forUpdate?: boolean } = {}): Promise<CampaignRow | undefined> {
  let q = db.selectFrom('land_cleanup_campaigns').selectAll().where('park_id', '=', parkId).where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function listCampaigns(db: Executor, parkId: string, query: { q?: string; page: number; pageSize: number }) {
  let q = db.selectFrom('land_cleanup_campaigns as k').where('k.park_id', '=', parkId);
  if (query.q) {
    const like = `%${escapeLike(query.q)}%`;
    q = q.where((eb) => eb.or([eb('k.name', 'ilike', like), eb('k.code', 'ilike', like)]));
  }
  const [{ total }, rows] = await Promise.all([
    q.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
    q
      .selectAll('k')
      .select([
        sql<number>`(select count(*)::int from land_cleanup_cases c where c.park_id = k.park_id and c.campaign_id = k.id)`.as('cases'),
        sql<number>`(select count(*)::int from land_cleanup_cases c where c.park_id = k.park_id and c.campaign_id = k.id and c.recovered_on is not null)`.as('recovered_parcels'),
        sql<number>`(select coalesce(sum(c.recovered_mu), 0)::float8 from land_cleanup_cases c where c.park_id = k.park_id and c.campaign_id = k.id and c.recovered_on is not null)`.as('recovered_mu'),
        sql<number>`(select count(*)::int from land_cleanup_cases c where c.park_id = k.park_id and c.campaign_id = k.id and c.status = 'reallocated')`.as('reallocated_parcels'),
      ])
      .orderBy('k.started_on', 'desc')
      .orderBy('k.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
  ]);
  return { total, rows };
}

/** The cases of a campaign (or one case) with parcel, firm, campaign and new project. */
export function caseQuery(db: Executor, parkId: string) {
  return db
    .selectFrom('land_cleanup_cases as c')
    .innerJoin('land_parcels as p', 'p.id', 'c.parcel_id')
    .innerJoin('land_cleanup_campaigns as k', 'k.id', 'c.campaign_id')
    .leftJoin('enterprises as e', 'e.id', 'c.enterprise_id')
    .leftJoin('investment_projects as ip', 'ip.id', 'c.new_project_id')
    .leftJoin('enterprises as ne', 'ne.id', 'c.new_enterprise_id')
    .where('c.park_id', '=', parkId)
    .selectAll('c')
    .select([
      'k.name as campaign_name',
      'p.code as parcel_code',
      'p.name as parcel_name',
      'p.status as parcel_status',
      'p.area_mu',
      'p.transferred_on',
      'p.construction_on',
      'e.name as enterprise_name',
      'ip.name as new_project_name',
      'ip.amount_fen as new_project_amount_fen',
      'ne.name as new_enterprise_name',
    ]);
}
export type CaseJoined = Awaited<ReturnType<ReturnType<typeof caseQuery>['executeTakeFirstOrThrow']>>;

export async function listCases(db: Executor, parkId: string, campaignId: string, query: { status?: CleanupStatus[]; q?: string; page: number; pageSize: number }) {
  let q = caseQuery(db, parkId).where('c.campaign_id', '=', campaignId);
  if (query.status && query.status.length > 0) q = q.where('c.status', 'in', query.status);
  if (query.q) {
    const like = `%${escapeLike(query.q)}%`;
    q = q.where((eb) => eb.or([eb('p.code', 'ilike', like), eb('p.name', 'ilike', like), eb('e.name', 'ilike', like), eb('c.case_no', 'ilike', like)]));
  }
  const [{ total }, rows] = await Promise.all([
    q.clearSelect().select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
    q
      .orderBy(sql`array_position(array['identified','notified','interviewed','deadline','agreement','legal','recovered','reallocated','resolved','dropped'], c.status)`)
      .orderBy('c.start_deadline')
      .orderBy('p.code')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
  ]);
  return { total, rows };
}

export type CandidateRow = {
  id: string;
  code: string;
  name: string | null;
  area_mu: number;
  status: string;
  enterprise_id: string | null;
  enterprise_name: string | null;
  transferred_on: string | null;
  construction_on: string | null;
  case_id: string | null;
};

/**
 * Parcels idle since 出让: 已出让 or 闲置, transferred on or before `cutoff` (as-of day − N years),
 * with no construction begun; plus the parcels listed in `gradeD` (their firm graded D) that are
 * still held by a firm. Each with its case in the campaign, if any.
 */
export async function candidateParcels(db: Executor, parkId: string, campaignId: string, cutoff: string, gradeD: readonly string[]): Promise<CandidateRow[]> {
  const rows = await db
    .selectFrom('land_parcels as p')
    .leftJoin('enterprises as e', 'e.id', 'p.enterprise_id')
    .leftJoin('land_cleanup_cases as c', (j) => j.onRef('c.parcel_id', '=', 'p.id').on('c.campaign_id', '=', campaignId))
    .where('p.park_id', '=', parkId)
    .where((eb) => {
      const idle = eb.and([eb('p.status', 'in', ['transferred', 'idle']), eb('p.transferred_on', '<=', cutoff), eb('p.construction_on', 'is', null)]);
      return gradeD.length > 0
        ? eb.or([idle, eb.and([eb('p.id', 'in', gradeD), eb('p.status', 'in', ['transferred', 'construction', 'producing', 'idle', 'inefficient'])])])
        : idle;
    })
    .select(['p.id', 'p.code', 'p.name', 'p.area_mu', 'p.status', 'p.enterprise_id', 'e.name as enterprise_name', 'p.transferred_on', 'p.construction_on', 'c.id as case_id'])
    .orderBy('p.code')
    .execute();
  return rows as CandidateRow[];
}

/** One campaign's counts by status and its recovered / re-allocated figures. */
export async function campaignCounts(db: Executor, parkId: string, campaignId: string, today: string) {
  const byStatus = await db
    .selectFrom('land_cleanup_cases')
    .select(['status', sql<number>`count(*)::int`.as('n')])
    .where('park_id', '=', parkId)
    .where('campaign_id', '=', campaignId)
    .groupBy('status')
    .execute();
  const totals = await db
    .selectFrom('land_cleanup_cases')
    .select([
      sql<number>`count(*) filter (where recovered_on is not null)::int`.as('recovered_parcels'),
      sql<number>`coalesce(sum(recovered_mu) filter (where recovered_on is not null), 0)::float8`.as('recovered_mu'),
      sql<number>`coalesce(sum(compensation_fen) filter (where recovered_on is not null and outcome = 'agreement'), 0)::float8`.as('compensation_fen'),
      sql<number>`count(*) filter (where status = 'reallocated')::int`.as('reallocated_parcels'),
      sql<number>`count(*) filter (where status = 'deadline' and start_deadline < ${today})::int`.as('overdue'),
    ])
    .where('park_id', '=', parkId)
    .where('campaign_id', '=', campaignId)
    .executeTakeFirstOrThrow();
  // each project brought in counts once, whatever number of parcels it took
  const projects = await db
    .selectFrom('investment_projects as ip')
    .select(['ip.id', 'ip.amount_fen'])
    .where('ip.park_id', '=', parkId)
    .where('ip.id', 'in', (eb) =>
      eb
        .selectFrom('land_cleanup_cases as c')
        .select('c.new_project_id')
        .where('c.park_id', '=', parkId)
        .where('c.campaign_id', '=', campaignId)
        .where('c.status', '=', 'reallocated')
        .where('c.new_project_id', 'is not', null)
        .$narrowType<{ new_project_id: string }>(),
    )
    .execute();
  return { byStatus, totals, projects: projects.map((p) => ({ id: p.id, amountFen: Number(p.amount_fen) })) };
}

export async function projectOptions(db: Executor, parkId: string, q: string | undefined) {
  let query = db
    .selectFrom('investment_projects as ip')
    .select(['ip.id', 'ip.code', 'ip.name', 'ip.investor', 'ip.amount_fen', 'ip.signed_on', 'ip.enterprise_id'])
    .where('ip.park_id', '=', parkId)
    // a project already holding a parcel, or already given a recovered one, is not offered again
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('land_parcels as lp').select(sql`1`.as('one')).whereRef('lp.project_id', '=', 'ip.id'))))
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('land_cleanup_cases as c').select(sql`1`.as('one')).whereRef('c.new_project_id', '=', 'ip.id'))));
  if (q) {
    const like = `%${escapeLike(q)}%`;
    query = query.where((eb) => eb.or([eb('ip.name', 'ilike', like), eb('ip.code', 'ilike', like), eb('ip.investor', 'ilike', like)]));
  }
  return query.orderBy('ip.amount_fen', 'desc').orderBy('ip.code').limit(100).execute();
}

export const classCounts = (projects: { amountFen: number }[], classOf: (fen: number) => CleanupProjectClass): Record<CleanupProjectClass, number> => {
  const out: Record<CleanupProjectClass, number> = { b20: 0, b10: 0, other: 0 };
  for (const p of projects) out[classOf(p.amountFen)] += 1;
  return out;
};
