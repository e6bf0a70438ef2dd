import {
  MATCH_STATUS_LABELS,
  POLICY_MODE_LABELS,
  type EnterprisePolicyMatches,
  type GrantStatus,
  type ListMatchesQuery,
  type MatchStatus,
  type MissingItem,
  type Paged,
  type PolicyApplicationStatus,
  type PolicyCategory,
  type PolicyMatchRow,
  type PolicyMatchView,
  type PolicyOverview,
  type RecommendedPolicies,
  type RecommendedPolicy,
} from '@yuanqi/contract';
import { sql } from 'kysely';
import { can, type Actor } from '../../../platform/actor.js';
import { shanghaiDate, startOfShanghaiDay } from '../../../platform/calendar/index.js';
import type { AppContext } from '../../../platform/context.js';
import { AppError, forbidden, notFound } from '../../../platform/errors.js';
import { enterpriseScopeOf } from '../../../platform/scope.js';
import { readScope as enterpriseReadScope } from '../../enterprises/policy.js';
import { visiblePolicy } from '../library/service.js';
import type { Executor } from '../repository.js';

/**
 * Reading the stored matches: 为您推荐的政策 for a firm, "符合条件未申报" lists per policy for
 * officers (with Excel export), a firm's whole picture for its profile page, and the window's
 * overview figures. "Applied" means a live application, a grant or a payout for the match's period.
 */

const iso = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null);

type MatchJoinRow = {
  enterprise_id: string;
  policy_id: string;
  version_id: string;
  status: MatchStatus;
  amount_fen: number | string | null;
  period_key: string | null;
  reasons: unknown;
  missing: unknown;
  computed_at: Date;
  application_id: string | null;
  application_status: PolicyApplicationStatus | null;
  grant_id: string | null;
  grant_status: GrantStatus | null;
  paid: boolean;
};

/** The live application, grant and payout of the match's period, as columns of a match query. */
const appliedColumns = {
  application: sql<string | null>`(select a.id from policy_applications a where a.park_id = m.park_id and a.enterprise_id = m.enterprise_id and a.policy_id = m.policy_id and a.period_key = m.period_key and a.status not in ('rejected', 'withdrawn') limit 1)`,
  applicationStatus: sql<PolicyApplicationStatus | null>`(select a.status from policy_applications a where a.park_id = m.park_id and a.enterprise_id = m.enterprise_id and a.policy_id = m.policy_id and a.period_key = m.period_key and a.status not in ('rejected', 'withdrawn') limit 1)`,
  grant: sql<string | null>`(select g.id from policy_grants g where g.park_id = m.park_id and g.enterprise_id = m.enterprise_id and g.policy_id = m.policy_id and g.period_key = m.period_key and g.status not in ('cancelled', 'expired') limit 1)`,
  grantStatus: sql<GrantStatus | null>`(select g.status from policy_grants g where g.park_id = m.park_id and g.enterprise_id = m.enterprise_id and g.policy_id = m.policy_id and g.period_key = m.period_key and g.status not in ('cancelled', 'expired') limit 1)`,
  paid: sql<boolean>`exists (select 1 from payouts p where p.park_id = m.park_id and p.enterprise_id = m.enterprise_id and p.policy_id = m.policy_id and p.period_key = m.period_key and p.status = 'paid')`,
};

const notApplied = sql<boolean>`not exists (select 1 from policy_applications a where a.park_id = m.park_id and a.enterprise_id = m.enterprise_id and a.policy_id = m.policy_id and a.period_key = m.period_key and a.status not in ('rejected', 'withdrawn'))
  and not exists (select 1 from policy_grants g where g.park_id = m.park_id and g.enterprise_id = m.enterprise_id and g.policy_id = m.policy_id and g.period_key = m.period_key and g.status not in ('cancelled', 'expired'))
  and not exists (select 1 from payouts p where p.park_id = m.park_id and p.enterprise_id = m.enterprise_id and p.policy_id = m.policy_id and p.period_key = m.period_key and p.status = 'paid')`;

function matchView(r: MatchJoinRow): PolicyMatchView {
  return {
    status: r.status,
    statusLabel: MATCH_STATUS_LABELS[r.status],
    amountFen: r.amount_fen === null ? null : Number(r.amount_fen),
    periodKey: r.period_key,
    reasons: (r.reasons as string[]) ?? [],
    missing: (r.missing as MissingItem[]) ?? [],
    versionId: r.version_id,
    computedAt: iso(r.computed_at)!,
  };
}

async function firmInScope(db: Executor, actor: Actor, enterpriseId: string): Promise<{ id: string; name: string }> {
  const scope = enterpriseReadScope(actor);
  const row = await db.selectFrom('enterprises').select(['id', 'name', 'liaison_id']).where('park_id', '=', actor.parkId).where('id', '=', enterpriseId).executeTakeFirst();
  if (!row) throw notFound('企业');
  if (scope.kind === 'enterprise' && scope.enterpriseId !== row.id) throw notFound('企业');
  if (scope.kind === 'liaison' && row.liaison_id !== actor.userId) throw notFound('企业');
  if (scope.kind === 'none') throw notFound('企业');
  return row;
}

async function firmMatches(db: Executor, parkId: string, enterpriseId: string) {
  return (await db
    .selectFrom('policy_matches as m')
    .innerJoin('policies as p', 'p.id', 'm.policy_id')
    .select([
      'm.enterprise_id',
      'm.policy_id',
      'm.version_id',
      'm.status',
      'm.amount_fen',
      'm.period_key',
      'm.reasons',
      'm.missing',
      'm.computed_at',
      'p.code',
      'p.title',
      'p.category',
      'p.mode',
      'p.doc_number',
      'p.valid_to',
      appliedColumns.application.as('application_id'),
      appliedColumns.applicationStatus.as('application_status'),
      appliedColumns.grant.as('grant_id'),
      appliedColumns.grantStatus.as('grant_status'),
      appliedColumns.paid.as('paid'),
    ])
    .where('m.park_id', '=', parkId)
    .where('m.enterprise_id', '=', enterpriseId)
    .where('p.status', '=', 'published')
    .execute()) as Array<MatchJoinRow & { code: string; title: string; category: string; mode: 'apply' | 'auto'; doc_number: string | null; valid_to: string | null }>;
}

function recommended(r: Awaited<ReturnType<typeof firmMatches>>[number]): RecommendedPolicy {
  return {
    policyId: r.policy_id,
    code: r.code,
    title: r.title,
    category: r.category as PolicyCategory,
    mode: r.mode,
    modeLabel: POLICY_MODE_LABELS[r.mode],
    docNumber: r.doc_number,
    validTo: r.valid_to,
    match: matchView(r),
    canApply: r.mode === 'apply' && !r.application_id && !r.paid,
    grantId: r.grant_id,
    grantStatus: r.grant_status,
  };
}

/** `GET /api/policies/recommended`: eligible (with amount and reasons) and unknown (what to supply), not yet applied or paid. */
export async function recommendedPolicies(ctx: AppContext, actor: Actor, enterpriseId?: string): Promise<RecommendedPolicies> {
  const scope = enterpriseScopeOf(actor);
  const id = enterpriseId ?? (scope.kind === 'enterprise' ? scope.enterpriseId : null);
  if (!id) throw new AppError('VALIDATION_FAILED', '请选择企业', [{ path: 'enterpriseId', message: '请选择企业' }]);
  const firm = await firmInScope(ctx.db, actor, id);
  const rows = await firmMatches(ctx.db, actor.parkId, firm.id);
  const open = rows.filter((r) => !r.paid && r.grant_status !== 'paid' && (r.mode === 'auto' || !r.application_id));
  const eligible = open.filter((r) => r.status === 'eligible').map(recommended).sort((a, b) => (b.match.amountFen ?? 0) - (a.match.amountFen ?? 0));
  const unknown = open.filter((r) => r.status === 'unknown').map(recommended).sort((a, b) => a.match.missing.length - b.match.missing.length);
  const computed = rows.reduce<Date | null>((m, r) => (m === null || new Date(r.computed_at) > m ? new Date(r.computed_at) : m), null);
  return {
    enterpriseId: firm.id,
    enterpriseName: firm.name,
    eligible,
    unknown,
    totalAmountFen: eligible.reduce((s, r) => s + (r.match.amountFen ?? 0), 0),
    computedAt: iso(computed),
  };
}

/** `GET /api/enterprises/:id/policy-matches`: every stored match of one firm with its applications. */
export async function enterpriseMatches(ctx: AppContext, actor: Actor, enterpriseId: string): Promise<EnterprisePolicyMatches> {
  if (!can(actor, 'policy:read')) throw forbidden();
  const firm = await firmInScope(ctx.db, actor, enterpriseId);
  const rows = await firmMatches(ctx.db, actor.parkId, firm.id);
  return {
    enterpriseId: firm.id,
    items: rows
      .map((r) => ({ ...recommended(r), applicationId: r.application_id, applicationStatus: r.application_status }))
      .sort((a, b) => (a.match.status === b.match.status ? (b.match.amountFen ?? 0) - (a.match.amountFen ?? 0) : a.match.status === 'eligible' ? -1 : 1)),
  };
}

/** `GET /api/policies/:id/matches`: the firms a policy fits ("符合条件未申报" with applied=false). */
export async function policyMatches(ctx: AppContext, actor: Actor, policyId: string, query: ListMatchesQuery): Promise<Paged<PolicyMatchRow>> {
  await visiblePolicy(ctx.db, actor, policyId);
  let q = ctx.db
    .selectFrom('policy_matches as m')
    .innerJoin('enterprises as e', 'e.id', 'm.enterprise_id')
    .leftJoin('users as l', 'l.id', 'e.liaison_id')
    .where('m.park_id', '=', actor.parkId)
    .where('m.policy_id', '=', policyId);
  if (query.status) q = q.where('m.status', '=', query.status);
  if (query.applied === false) q = q.where(notApplied);
  if (query.applied === true) q = q.where(sql<boolean>`not (${notApplied})`);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('e.name', 'ilike', like), eb('e.uscc', 'ilike', like)]));
  }
  const total = await q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirst();
  const rows = (await q
    .select([
      'm.enterprise_id',
      'm.policy_id',
      'm.version_id',
      'm.status',
      'm.amount_fen',
      'm.period_key',
      'm.reasons',
      'm.missing',
      'm.computed_at',
      'e.name as enterprise_name',
      'e.uscc',
      'e.chain',
      'l.display_name as liaison_name',
      appliedColumns.application.as('application_id'),
      appliedColumns.applicationStatus.as('application_status'),
      appliedColumns.grant.as('grant_id'),
      appliedColumns.grantStatus.as('grant_status'),
      appliedColumns.paid.as('paid'),
    ])
    .orderBy('m.status')
    .orderBy('m.amount_fen', (ob) => ob.desc().nullsLast())
    .orderBy('e.name')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute()) as Array<MatchJoinRow & { enterprise_name: string; uscc: string; chain: string | null; liaison_name: string | null }>;
  return {
    items: rows.map((r) => {
      const v = matchView(r);
      return {
        enterpriseId: r.enterprise_id,
        enterpriseName: r.enterprise_name,
        uscc: r.uscc,
        chain: r.chain,
        liaisonName: r.liaison_name,
        status: v.status,
        statusLabel: v.statusLabel,
        amountFen: v.amountFen,
        periodKey: v.periodKey,
        reasons: v.reasons,
        missing: v.missing,
        applicationId: r.application_id,
        applicationStatus: r.application_status,
        grantId: r.grant_id,
        grantStatus: r.grant_status,
        computedAt: v.computedAt,
      };
    }),
    total: Number(total?.n ?? 0),
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** `GET /api/policies/stats`: the window's figures (queues, grants, this year's payouts). */
export async function policyOverview(ctx: AppContext, actor: Actor): Promise<PolicyOverview> {
  const parkId = actor.parkId;
  const now = ctx.clock.now();
  const yearStart = startOfShanghaiDay(`${shanghaiDate(now).slice(0, 4)}-01-01`);
  const [pol, apps, payable, grants, paid, eligible, objections] = await Promise.all([
    ctx.db.selectFrom('policies').select(['status', 'mode', sql<number>`count(*)::int`.as('n')]).where('park_id', '=', parkId).groupBy(['status', 'mode']).execute(),
    ctx.db.selectFrom('policy_applications').select(['status', sql<number>`count(*)::int`.as('n')]).where('park_id', '=', parkId).where('status', 'in', ['submitted', 'first_passed', 'approved', 'returned']).groupBy('status').execute(),
    ctx.db
      .selectFrom('policy_applications as a')
      .innerJoin('policy_publicity_batches as b', 'b.id', 'a.publicity_batch_id')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('a.park_id', '=', parkId)
      .where('a.status', '=', 'publicity')
      .where('b.ends_at', '<', now)
      .executeTakeFirst(),
    ctx.db.selectFrom('policy_grants').select(sql<number>`count(*)::int`.as('n')).where('park_id', '=', parkId).where('status', '=', 'awaiting').executeTakeFirst(),
    ctx.db
      .selectFrom('payouts')
      .select([sql<number>`count(*)::int`.as('n'), sql<string>`coalesce(sum(amount_fen), 0)`.as('s')])
      .where('park_id', '=', parkId)
      .where('status', '=', 'paid')
      .where('source', 'in', ['policy_application', 'exemption_grant'])
      .where('paid_at', '>=', yearStart)
      .executeTakeFirst(),
    ctx.db.selectFrom('policy_matches as m').select(sql<number>`count(*)::int`.as('n')).where('m.park_id', '=', parkId).where('m.status', '=', 'eligible').where(notApplied).executeTakeFirst(),
    ctx.db.selectFrom('policy_objections').select(sql<number>`count(*)::int`.as('n')).where('park_id', '=', parkId).where('status', '=', 'open').executeTakeFirst(),
  ]);
  const count = (status: string) => apps.filter((a) => a.status === status).reduce((s, a) => s + Number(a.n), 0);
  return {
    published: pol.filter((p) => p.status === 'published').reduce((s, p) => s + Number(p.n), 0),
    drafts: pol.filter((p) => p.status === 'draft').reduce((s, p) => s + Number(p.n), 0),
    autoPolicies: pol.filter((p) => p.status === 'published' && p.mode === 'auto').reduce((s, p) => s + Number(p.n), 0),
    queue: { first: count('submitted'), second: count('first_passed'), publicity: count('approved'), payout: Number(payable?.n ?? 0), returned: count('returned') },
    grantsAwaiting: Number(grants?.n ?? 0),
    paidCount: Number(paid?.n ?? 0),
    paidAmountFen: Number(paid?.s ?? 0),
    eligibleNotApplied: Number(eligible?.n ?? 0),
    openObjections: Number(objections?.n ?? 0),
  };
}
