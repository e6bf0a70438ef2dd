import {
  EXEMPTION_RUN_STATUS_LABELS,
  GRANT_STATUS_LABELS,
  RUN_ITEM_REASONS,
  RUN_ITEM_REASON_LABELS,
  GRANT_CONFIRM_DAYS,
  formatYuan,
  type ExemptionRunItem,
  type ExemptionRunReport,
  type ExemptionRunSummary,
  type ListGrantsQuery,
  type Paged,
  type PolicyGrantDetail,
  type PolicyGrantSummary,
  type RunItemReason,
  type ZConfirmGrantRequest,
} from '@yuanqi/contract';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../../db/schema.js';
import type { PolicyGrantRow } from '../../../db/schema-policies.js';
import { can, hasRole, type Actor } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit.js';
import { shanghaiDate } from '../../../platform/calendar/index.js';
import type { AppContext } from '../../../platform/context.js';
import { AppError, conflict, forbidden, invalidState, notFound } from '../../../platform/errors.js';
import type { NotificationInput } from '../../../platform/notifications.js';
import { enterpriseScopeOf, inEnterpriseScope } from '../../../platform/scope.js';
import { recordPayout, releaseReservation, reserveFundsBatch } from '../../funds/service.js';
import { startJob } from '../../jobs/service.js';
import { applicationReadScope } from '../applications/service.js';
import { loadCatalogue } from '../facts/service.js';
import type { Decision } from '../matching/engine.js';
import { decideFor, loadActivePolicies, loadPaidIndex, refreshEnterpriseMatches } from '../matching/store.js';
import { loadMatchingSubjects } from '../matching/index.js';
import { basePeriodKey, periodLabel } from '../matching/periods.js';
import { enterpriseUserIds, json, lastAccountOf, nextNumber, userNames, type Executor } from '../repository.js';

/**
 * 免申即享: a run evaluates every firm of the park with the version in force on the run date and
 * grants each eligible firm that has nothing yet for the period; every firm gets a run item saying
 * granted or skipped and why. Grants are unique per (policy, period, firm) in the database, so a
 * re-run (or two concurrent runs) grants nobody twice. A grant holds its money: the run reserves
 * every grant's amount in the fund (one ledger entry for the run, one reservation per grant), so
 * nothing booked later can make a granted firm's confirmation fail. When the fund cannot cover every
 * eligible firm, firms are granted smallest amount first (then by 统一社会信用代码) until the
 * available balance runs out, and the rest are reported as skipped for 资金不足. The firm then
 * confirms its bank account — or an officer confirms on its behalf, recorded — and the payout is
 * recorded at once from the grant's reservation (recordPayout: fund ledger and voucher number in the
 * same transaction). A cancelled grant, or one not confirmed within GRANT_CONFIRM_DAYS (expired by
 * the daily sweep), releases its reservation.
 */

const iso = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null);
export const grantLink = (id: string) => `/policy-grants/${id}`;

type RunRow = Awaited<ReturnType<typeof runRows>>[number];

/** What a run's grants still hold in the fund, have been paid from it, and have given back. */
const runMoney = [
  sql<string>`(select coalesce(sum(fr.amount_fen - fr.consumed_fen - fr.released_fen), 0) from policy_grants g join fund_reservations fr on fr.id = g.reservation_id where g.park_id = r.park_id and g.run_id = r.id)`.as('reserved_fen'),
  sql<string>`(select coalesce(sum(fr.consumed_fen), 0) from policy_grants g join fund_reservations fr on fr.id = g.reservation_id where g.park_id = r.park_id and g.run_id = r.id)`.as('paid_fen'),
  sql<string>`(select coalesce(sum(fr.released_fen), 0) from policy_grants g join fund_reservations fr on fr.id = g.reservation_id where g.park_id = r.park_id and g.run_id = r.id)`.as('released_fen'),
] as const;

function runRows(db: Executor, parkId: string, policyId: string) {
  return db
    .selectFrom('policy_exemption_runs as r')
    .innerJoin('policies as p', 'p.id', 'r.policy_id')
    .innerJoin('policy_versions as v', 'v.id', 'r.version_id')
    .leftJoin('users as u', 'u.id', 'r.created_by')
    .selectAll('r')
    .select(['p.title as policy_title', 'v.version_no', 'u.display_name as created_by_name'])
    .select(runMoney)
    .where('r.park_id', '=', parkId)
    .where('r.policy_id', '=', policyId)
    .orderBy('r.created_at', 'desc')
    .execute();
}

async function findRun(db: Executor, parkId: string, id: string): Promise<RunRow> {
  const row = await db
    .selectFrom('policy_exemption_runs as r')
    .innerJoin('policies as p', 'p.id', 'r.policy_id')
    .innerJoin('policy_versions as v', 'v.id', 'r.version_id')
    .leftJoin('users as u', 'u.id', 'r.created_by')
    .selectAll('r')
    .select(['p.title as policy_title', 'v.version_no', 'u.display_name as created_by_name'])
    .select(runMoney)
    .where('r.park_id', '=', parkId)
    .where('r.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('兑现批次');
  return row;
}

function presentRun(r: RunRow): ExemptionRunSummary {
  return {
    id: r.id,
    number: r.number,
    policyId: r.policy_id,
    policyTitle: r.policy_title,
    versionId: r.version_id,
    versionNo: r.version_no,
    periodKey: r.period_key,
    asOf: r.as_of,
    status: r.status,
    statusLabel: EXEMPTION_RUN_STATUS_LABELS[r.status],
    jobId: r.job_id,
    evaluated: r.evaluated,
    granted: r.granted,
    skipped: r.skipped,
    grantedAmountFen: Number(r.granted_amount_fen),
    reservedFen: Number(r.reserved_fen ?? 0),
    grantPaidFen: Number(r.paid_fen ?? 0),
    releasedFen: Number(r.released_fen ?? 0),
    createdByName: r.created_by_name,
    createdAt: iso(r.created_at)!,
    finishedAt: iso(r.finished_at),
    error: r.error,
  };
}

/** `POST /api/policies/:id/runs`: creates the run; the work happens in a job (or inline with wait). */
export async function startRun(ctx: AppContext, actor: Actor, policyId: string, input: { asOf?: string; periodKey?: string }, wait: boolean): Promise<ExemptionRunSummary> {
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  const asOf = input.asOf ?? today;
  if (asOf > today) throw new AppError('VALIDATION_FAILED', '兑现基准日不能晚于今天', [{ path: 'asOf', message: '不能晚于今天' }]);
  const runId = await ctx.db.transaction().execute(async (trx) => {
    const policy = await trx.selectFrom('policies').selectAll().where('park_id', '=', actor.parkId).where('id', '=', policyId).forUpdate().executeTakeFirst();
    if (!policy) throw notFound('政策');
    if (policy.mode !== 'auto') throw invalidState('只有免申即享政策可以批量兑现;申报类政策请走申报审核流程');
    if (policy.status !== 'published') throw invalidState('政策未发布或已撤回,不能兑现');
    if (!policy.fund_id) throw invalidState('该政策未指定资金来源,不能兑现');
    const [ap] = await loadActivePolicies(trx, actor.parkId, asOf, [policyId]);
    if (!ap) throw invalidState(`政策在${asOf}不在有效期内或没有生效的版本`);
    const running = await trx.selectFrom('policy_exemption_runs').select('number').where('park_id', '=', actor.parkId).where('policy_id', '=', policyId).where('status', '=', 'running').executeTakeFirst();
    if (running) throw conflict(`该政策有一个兑现批次(${running.number})正在运行,请等待其完成`);
    const periodKey = input.periodKey ?? basePeriodKey(ap.rule.payment, asOf, 'each') ?? asOf.slice(0, 4);
    if (input.periodKey && (ap.rule.payment.period === 'stage' || (ap.rule.payment.instalments?.length ?? 0) > 0)) {
      throw new AppError('VALIDATION_FAILED', '按阶段或分期兑现的政策由系统逐户确定兑现期间,不能指定', [{ path: 'periodKey', message: '不能指定' }]);
    }
    const year = today.slice(0, 4);
    const number = `MS${year}-${String(await nextNumber(trx, actor.parkId, 'run', year)).padStart(4, '0')}`;
    const run = await trx
      .insertInto('policy_exemption_runs')
      .values({
        park_id: actor.parkId,
        number,
        policy_id: policyId,
        version_id: ap.version.id,
        period_key: ap.rule.payment.period === 'stage' ? 'stage:*' : (ap.rule.payment.instalments?.length ?? 0) > 0 ? `${asOf.slice(0, 4)}#*` : periodKey,
        as_of: asOf,
        status: 'running',
        created_by: actor.userId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'run', entity: 'policy', entityId: policyId, before: null, after: { runId: run.id, number, asOf, periodKey, versionId: ap.version.id } }], now);
    return run.id;
  });
  if (wait) {
    await executeRun(ctx, actor, runId, input.periodKey);
  } else {
    const jobId = await startJob(ctx, actor, 'policy-exemption-run', async (progress) => executeRun(ctx, actor, runId, input.periodKey, (d, t) => void progress(d, t, 'evaluate')));
    await ctx.db.updateTable('policy_exemption_runs').set({ job_id: jobId }).where('id', '=', runId).execute();
  }
  return presentRun(await findRun(ctx.db, actor.parkId, runId));
}

type Item = { enterprise_id: string; outcome: 'granted' | 'skipped'; reason_code: RunItemReason; reason: string; amount_fen: number | null; grant_id: string | null };

export type RunDecision = { enterpriseId: string; d: Decision };
type RunRecord = { id: string; park_id: string; policy_id: string; version_id: string; as_of: string };

/** Decides every firm of the park for a run (reads only; no transaction needed). */
export async function computeRunDecisions(db: Executor, run: RunRecord, periodOverride?: string, progress?: (done: number, total: number) => void): Promise<RunDecision[]> {
  const [ap] = await loadActivePolicies(db, run.park_id, run.as_of, [run.policy_id]);
  if (!ap) throw invalidState('政策已不在有效期内');
  const catalogue = await loadCatalogue(db, run.park_id);
  const subjects = await loadMatchingSubjects(db, run.park_id, {});
  const paid = await loadPaidIndex(db, run.park_id);
  return subjects.map((s, i) => {
    if (progress && (i % 100 === 0 || i === subjects.length - 1)) progress(i + 1, subjects.length);
    const d = decideFor(ap, s, run.as_of, catalogue, paid);
    return { enterpriseId: s.enterpriseId, d: periodOverride && d.periodKey ? { ...d, periodKey: periodOverride } : d };
  });
}

/**
 * Writes a run's grants, items and figures in the caller's transaction. Re-running is safe:
 * `on conflict do nothing` on the grants' unique key leaves an existing grant alone, and the firm
 * is reported as already granted.
 */
export async function applyRunDecisions(trx: Executor, ctx: AppContext, actor: Actor | null, run: RunRecord, decisions: RunDecision[], now: Date): Promise<{ granted: number; skipped: number }> {
  const parkId = run.park_id;
  const runId = run.id;
  const policy = await trx.selectFrom('policies').select(['id', 'title', 'fund_id', 'status']).where('id', '=', run.policy_id).forUpdate().executeTakeFirstOrThrow();
  if (policy.status !== 'published' || !policy.fund_id) throw invalidState('政策已撤回或未指定资金来源');
  const [ap] = await loadActivePolicies(trx, parkId, run.as_of, [run.policy_id]);
  if (!ap) throw invalidState('政策已不在有效期内');
  const paid = await loadPaidIndex(trx, parkId);
  const fundId = policy.fund_id;
  const fund = await trx.selectFrom('funds').select(['available_fen', 'name', 'status']).where('id', '=', fundId).forUpdate().executeTakeFirstOrThrow();
  // grants made before grants held their money are paid from the available balance: keep it for them
  const legacy = await trx
    .selectFrom('policy_grants as g')
    .innerJoin('policies as p', 'p.id', 'g.policy_id')
    .select(sql<string>`coalesce(sum(g.amount_fen), 0)`.as('s'))
    .where('g.park_id', '=', parkId)
    .where('p.fund_id', '=', fundId)
    .where('g.status', '=', 'awaiting')
    .where('g.reservation_id', 'is', null)
    .executeTakeFirst();
  let headroom = fund.status === 'active' ? Number(fund.available_fen) - Number(legacy?.s ?? 0) : 0;
  const run_ = await trx.selectFrom('policy_exemption_runs').select('number').where('id', '=', runId).executeTakeFirstOrThrow();
  const existingGrants = await trx.selectFrom('policy_grants').select(['enterprise_id', 'period_key', 'status']).where('park_id', '=', parkId).where('policy_id', '=', run.policy_id).execute();
  const grantOf = new Map(existingGrants.map((g) => [`${g.enterprise_id}|${g.period_key}`, g.status]));
  const live = await trx
    .selectFrom('policy_applications')
    .select(['enterprise_id', 'period_key'])
    .where('park_id', '=', parkId)
    .where('policy_id', '=', run.policy_id)
    .where('status', 'not in', ['rejected', 'withdrawn'])
    .execute();
  const applied = new Set(live.map((a) => `${a.enterprise_id}|${a.period_key}`));
  const items: Item[] = [];
  const candidates: Array<{ enterpriseId: string; periodKey: string; amount: number; reasons: string[] }> = [];
  for (const { enterpriseId, d } of decisions) {
    const skip = (reason_code: RunItemReason, reason: string, amount: number | null = null) => items.push({ enterprise_id: enterpriseId, outcome: 'skipped', reason_code, reason, amount_fen: amount, grant_id: null });
    if (d.status === 'ineligible') {
      const excluded = d.reasons.some((r) => r.includes('互斥'));
      skip(excluded ? 'excluded' : 'ineligible', d.reasons.filter((r) => r.includes('✗') || r.includes('互斥')).slice(0, 4).join(';') || d.reasons.slice(-2).join(';'));
      continue;
    }
    if (d.status === 'unknown') {
      skip('unknown', `数据不全,需补充:${d.missing.map((m) => `${m.year ? `${m.year}年` : ''}${m.label}`).join('、') || '相关数据'}`);
      continue;
    }
    const periodKey = d.periodKey!;
    const g = grantOf.get(`${enterpriseId}|${periodKey}`);
    if (g === 'paid') {
      skip('already_paid', `${periodLabel(periodKey)}已兑付`, d.amountFen);
      continue;
    }
    if (g) {
      skip('already_granted', `${periodLabel(periodKey)}已发放,${GRANT_STATUS_LABELS[g]}`, d.amountFen);
      continue;
    }
    const paidPolicy = paid.paid.get(`${enterpriseId}|${ap.exclusionKey}|${periodKey}`);
    if (paidPolicy !== undefined) {
      skip(paidPolicy === run.policy_id ? 'already_paid' : 'excluded', paidPolicy === run.policy_id ? `${periodLabel(periodKey)}已兑付` : '本期已享受同一互斥组的其他政策', d.amountFen);
      continue;
    }
    if (applied.has(`${enterpriseId}|${periodKey}`)) {
      skip('applied', '已通过申报渠道办理本期兑现', d.amountFen);
      continue;
    }
    candidates.push({ enterpriseId, periodKey, amount: d.amountFen!, reasons: d.reasons });
  }
  // the stated order (RUN_GRANT_ORDER_TEXT): smallest amount first, then by 统一社会信用代码
  const usccOf = new Map(
    candidates.length === 0
      ? []
      : (await trx.selectFrom('enterprises').select(['id', 'uscc']).where('park_id', '=', parkId).where('id', 'in', candidates.map((c) => c.enterpriseId)).execute()).map((e) => [e.id, e.uscc ?? '']),
  );
  candidates.sort((a, b) => a.amount - b.amount || (usccOf.get(a.enterpriseId) ?? '').localeCompare(usccOf.get(b.enterpriseId) ?? '') || a.enterpriseId.localeCompare(b.enterpriseId));
  const toGrant: typeof candidates = [];
  for (const c of candidates) {
    if (c.amount > headroom) {
      items.push({
        enterprise_id: c.enterpriseId,
        outcome: 'skipped',
        reason_code: 'no_funds',
        reason: `专项资金「${fund.name}」可用余额不足:按金额从小到大发放后可用 ${formatYuan(Math.max(0, headroom), { symbol: true })},本户 ${formatYuan(c.amount, { symbol: true })}`,
        amount_fen: c.amount,
        grant_id: null,
      });
      continue;
    }
    headroom -= c.amount;
    toGrant.push(c);
  }
  const expiresAt = new Date(now.getTime() + GRANT_CONFIRM_DAYS * 86_400_000);
  const grantIds = new Map<string, string>();
  for (let i = 0; i < toGrant.length; i += 500) {
    const chunk = toGrant.slice(i, i + 500);
    const inserted = await trx
      .insertInto('policy_grants')
      .values(
        chunk.map((g) => ({
          park_id: parkId,
          policy_id: run.policy_id,
          version_id: run.version_id,
          run_id: runId,
          enterprise_id: g.enterpriseId,
          period_key: g.periodKey,
          exclusion_key: ap.exclusionKey,
          amount_fen: g.amount,
          reasons: json(g.reasons),
          status: 'awaiting' as const,
          expires_at: expiresAt,
          created_at: now,
          updated_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(['park_id', 'policy_id', 'period_key', 'enterprise_id']).doNothing())
      .returning(['id', 'enterprise_id'])
      .execute();
    for (const r of inserted) grantIds.set(r.enterprise_id, r.id);
  }
  // every grant holds its money from now on: one reservation each, one ledger entry for the run
  const reserving = toGrant.filter((g) => grantIds.has(g.enterpriseId)).map((g) => ({ sourceId: grantIds.get(g.enterpriseId)!, enterpriseId: g.enterpriseId, amountFen: g.amount }));
  if (reserving.length > 0) {
    const reservationOf = await reserveFundsBatch(trx, actor, {
      parkId,
      fundId,
      source: 'exemption_grant',
      items: reserving,
      refType: 'exemption_run',
      refId: runId,
      memo: `免申即享 ${run_.number} ${policy.title}:${reserving.length}户待确认`,
      now,
    });
    await trx
      .updateTable('policy_grants as g')
      .from('fund_reservations as fr')
      .set((eb) => ({ reservation_id: eb.ref('fr.id') }))
      .whereRef('fr.park_id', '=', 'g.park_id')
      .where('fr.source', '=', 'exemption_grant')
      .whereRef('fr.source_id', '=', sql`g.id::text`)
      .where('g.park_id', '=', parkId)
      .where('g.run_id', '=', runId)
      .execute();
    if (reservationOf.size !== reserving.length) throw new Error('免申即享预留数与发放数不一致');
  }
  let grantedAmount = 0;
  for (const g of toGrant) {
    const id = grantIds.get(g.enterpriseId);
    if (id) {
      grantedAmount += g.amount;
      items.push({ enterprise_id: g.enterpriseId, outcome: 'granted', reason_code: 'granted', reason: `符合条件,发放${formatYuan(g.amount)},资金已预留,待企业确认收款账户`, amount_fen: g.amount, grant_id: id });
    } else {
      // a concurrent run granted it first
      items.push({ enterprise_id: g.enterpriseId, outcome: 'skipped', reason_code: 'already_granted', reason: `${periodLabel(g.periodKey)}已发放`, amount_fen: g.amount, grant_id: null });
    }
  }
  for (let i = 0; i < items.length; i += 1000) {
    await trx.insertInto('policy_exemption_run_items').values(items.slice(i, i + 1000).map((it) => ({ park_id: parkId, run_id: runId, ...it }))).execute();
  }
  const granted = items.filter((i) => i.outcome === 'granted').length;
  await trx
    .updateTable('policy_exemption_runs')
    .set({ status: 'done', evaluated: decisions.length, granted, skipped: items.length - granted, granted_amount_fen: grantedAmount, finished_at: now })
    .where('id', '=', runId)
    .execute();
  await recordAudit(trx as Transaction<DB>, actor, parkId, [{ action: 'run_done', entity: 'policy_exemption_run', entityId: runId, before: null, after: { evaluated: decisions.length, granted, grantedAmountFen: grantedAmount } }], now);
  const users = await enterpriseUserIds(trx, parkId, [...grantIds.keys()]);
  const notes: NotificationInput[] = [];
  for (const g of toGrant) {
    const id = grantIds.get(g.enterpriseId);
    if (!id) continue;
    for (const userId of users.get(g.enterpriseId) ?? []) {
      notes.push({ parkId, userId, kind: 'policy-grant.awaiting', title: `免申即享:${policy.title}`, body: `贵企业符合条件,可享受${formatYuan(g.amount)},无需申报,资金已预留。请于${shanghaiDate(expiresAt)}前确认收款账户,确认后即时拨付。`, link: grantLink(id), sms: true });
    }
  }
  await ctx.notifier.notify(trx as Transaction<DB>, notes);
  return { granted, skipped: items.length - granted };
}

/** The job body of a run: decide (with progress), then write in one transaction; a failure marks the run failed. */
export async function executeRun(ctx: AppContext, actor: Actor, runId: string, periodOverride?: string, progress?: (done: number, total: number) => void): Promise<{ granted: number; skipped: number }> {
  try {
    const run = await ctx.db.selectFrom('policy_exemption_runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
    const decisions = await computeRunDecisions(ctx.db, run, periodOverride, progress);
    return await ctx.db.transaction().execute((trx) => applyRunDecisions(trx, ctx, actor, run, decisions, ctx.clock.now()));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await ctx.db.updateTable('policy_exemption_runs').set({ status: 'failed', error: message.slice(0, 500), finished_at: ctx.clock.now() }).where('id', '=', runId).where('status', '=', 'running').execute();
    throw err;
  }
}

export async function listRuns(ctx: AppContext, actor: Actor, policyId: string): Promise<ExemptionRunSummary[]> {
  return (await runRows(ctx.db, actor.parkId, policyId)).map(presentRun);
}

export async function runReport(ctx: AppContext, actor: Actor, runId: string, query: { outcome?: 'granted' | 'skipped'; reason?: RunItemReason; q?: string; page: number; pageSize: number }): Promise<ExemptionRunReport> {
  const run = await findRun(ctx.db, actor.parkId, runId);
  const counts = await ctx.db
    .selectFrom('policy_exemption_run_items')
    .select(['reason_code', sql<number>`count(*)::int`.as('n')])
    .where('park_id', '=', actor.parkId)
    .where('run_id', '=', runId)
    .groupBy('reason_code')
    .execute();
  const byReason = Object.fromEntries(RUN_ITEM_REASONS.map((r) => [r, 0])) as Record<RunItemReason, number>;
  for (const c of counts) byReason[c.reason_code] = Number(c.n);
  const { items, total } = await runItems(ctx.db, actor.parkId, runId, query);
  return { ...presentRun(run), byReason, items, total, page: query.page, pageSize: query.pageSize };
}

export async function runItems(db: Executor, parkId: string, runId: string, query: { outcome?: 'granted' | 'skipped'; reason?: RunItemReason; q?: string; page: number; pageSize: number }): Promise<{ items: ExemptionRunItem[]; total: number }> {
  let q = db
    .selectFrom('policy_exemption_run_items as i')
    .innerJoin('enterprises as e', 'e.id', 'i.enterprise_id')
    .leftJoin('policy_grants as g', 'g.id', 'i.grant_id')
    .where('i.park_id', '=', parkId)
    .where('i.run_id', '=', runId);
  if (query.outcome) q = q.where('i.outcome', '=', query.outcome);
  if (query.reason) q = q.where('i.reason_code', '=', query.reason);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('e.name', 'ilike', like), eb('e.uscc', 'ilike', like)]));
  }
  const total = await q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirst();
  const rows = await q
    .select(['i.enterprise_id', 'e.name', 'e.uscc', 'i.outcome', 'i.reason_code', 'i.reason', 'i.amount_fen', 'i.grant_id', 'g.status as grant_status'])
    .orderBy('i.outcome')
    .orderBy('e.name')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return {
    total: Number(total?.n ?? 0),
    items: rows.map((r) => ({
      enterpriseId: r.enterprise_id,
      enterpriseName: r.name,
      uscc: r.uscc,
      outcome: r.outcome,
      reasonCode: r.reason_code,
      reasonLabel: RUN_ITEM_REASON_LABELS[r.reason_code],
      reason: r.reason,
      amountFen: r.amount_fen === null ? null : Number(r.amount_fen),
      grantId: r.grant_id,
      grantStatus: r.grant_status ?? null,
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Grants
// ---------------------------------------------------------------------------------------------

export type GrantWithNames = PolicyGrantRow & { policy_title: string; enterprise_name: string; version_no: number; fund_id: string | null; held_fen: string | number | null };

export function grantQuery(db: Executor) {
  return db
    .selectFrom('policy_grants as g')
    .innerJoin('policies as p', 'p.id', 'g.policy_id')
    .innerJoin('enterprises as e', 'e.id', 'g.enterprise_id')
    .innerJoin('policy_versions as v', 'v.id', 'g.version_id')
    .selectAll('g')
    .select(['p.title as policy_title', 'e.name as enterprise_name', 'v.version_no', 'p.fund_id'])
    .select(sql<string | null>`(select fr.amount_fen - fr.consumed_fen - fr.released_fen from fund_reservations fr where fr.id = g.reservation_id)`.as('held_fen'));
}

function presentGrant(g: GrantWithNames): PolicyGrantSummary {
  return {
    id: g.id,
    policyId: g.policy_id,
    policyTitle: g.policy_title,
    enterpriseId: g.enterprise_id,
    enterpriseName: g.enterprise_name,
    runId: g.run_id,
    periodKey: g.period_key,
    amountFen: Number(g.amount_fen),
    status: g.status,
    statusLabel: GRANT_STATUS_LABELS[g.status],
    voucherNumber: g.voucher_number,
    paidAt: iso(g.paid_at),
    createdAt: iso(g.created_at)!,
    expiresAt: g.status === 'awaiting' ? iso(g.expires_at) : null,
    reservedFen: Number(g.held_fen ?? 0),
  };
}

export async function listGrants(ctx: AppContext, actor: Actor, query: ListGrantsQuery): Promise<Paged<PolicyGrantSummary>> {
  const scope = applicationReadScope(actor);
  let q = grantQuery(ctx.db).where(inEnterpriseScope<any, any>(scope, 'g.park_id', 'g.enterprise_id'));
  if (query.status) q = q.where('g.status', '=', query.status);
  if (query.policyId) q = q.where('g.policy_id', '=', query.policyId);
  if (query.runId) q = q.where('g.run_id', '=', query.runId);
  if (query.enterpriseId) q = q.where('g.enterprise_id', '=', query.enterpriseId);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('e.name', 'ilike', like), eb('p.title', 'ilike', like)]));
  }
  const total = await q.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirst();
  const rows = (await q.orderBy('g.created_at', 'desc').orderBy('e.name').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute()) as GrantWithNames[];
  return { items: rows.map(presentGrant), total: Number(total?.n ?? 0), page: query.page, pageSize: query.pageSize };
}

export async function findGrant(db: Executor, actor: Actor, id: string, forUpdate = false): Promise<GrantWithNames> {
  const scope = applicationReadScope(actor);
  let q = grantQuery(db).where('g.id', '=', id).where(inEnterpriseScope<any, any>(scope, 'g.park_id', 'g.enterprise_id'));
  if (forUpdate) q = q.forUpdate('g');
  const row = (await q.executeTakeFirst()) as GrantWithNames | undefined;
  if (!row) throw notFound('兑现记录');
  return row;
}

/** The firm's own user confirms (policy:apply); an officer with payout:execute confirms on its behalf. */
function confirmerOf(actor: Actor, grant: { enterprise_id: string }): 'firm' | 'officer' | null {
  const scope = enterpriseScopeOf(actor);
  if (hasRole(actor, 'enterprise') && scope.kind === 'enterprise' && scope.enterpriseId === grant.enterprise_id && can(actor, 'policy:apply')) return 'firm';
  if (can(actor, 'payout:execute')) return 'officer';
  return null;
}

export async function getGrant(ctx: AppContext, actor: Actor, id: string): Promise<PolicyGrantDetail> {
  const g = await findGrant(ctx.db, actor, id);
  const names = await userNames(ctx.db, [g.confirmed_by]);
  const who = confirmerOf(actor, g);
  const allowed: Array<'confirm' | 'cancel'> = [];
  if (g.status === 'awaiting' && who) allowed.push('confirm');
  if (g.status === 'awaiting' && can(actor, 'policy:manage')) allowed.push('cancel');
  return {
    ...presentGrant(g),
    versionId: g.version_id,
    versionNo: g.version_no,
    reasons: (g.reasons as string[]) ?? [],
    accountName: g.account_name,
    bankName: g.bank_name,
    accountNo: g.account_no,
    confirmedByName: g.confirmed_by ? (names.get(g.confirmed_by) ?? null) : null,
    confirmedAt: iso(g.confirmed_at),
    confirmedOnBehalf: g.confirmed_on_behalf,
    confirmNote: g.confirm_note,
    cancelledReason: g.cancelled_reason,
    payoutId: g.payout_id,
    suggestedAccount: g.status === 'awaiting' && who ? await lastAccountOf(ctx.db, g.park_id, g.enterprise_id) : null,
    allowedActions: allowed,
  };
}

function grantSnapshot(g: PolicyGrantRow): Record<string, unknown> {
  return { status: g.status, amountFen: g.amount_fen, periodKey: g.period_key, enterpriseId: g.enterprise_id, policyId: g.policy_id, versionId: g.version_id, payoutId: g.payout_id, voucherNumber: g.voucher_number, accountName: g.account_name, bankName: g.bank_name, confirmedOnBehalf: g.confirmed_on_behalf };
}

/** Pays a grant in the caller's transaction: recordPayout (ledger, voucher number), grant → paid, the firm told. */
export async function payGrant(
  trx: Executor,
  ctx: AppContext,
  actor: Actor | null,
  g: GrantWithNames,
  input: { accountName: string; bankName: string; accountNo: string; note?: string | null },
  onBehalf: boolean,
  now: Date,
): Promise<void> {
  if (!g.fund_id) throw invalidState('该政策未指定资金来源,不能拨付');
  const result = await recordPayout(trx, ctx, actor, {
    parkId: g.park_id,
    fundId: g.fund_id,
    enterpriseId: g.enterprise_id,
    amountFen: Number(g.amount_fen),
    policyId: g.policy_id,
    policyVersionId: g.version_id,
    periodKey: g.period_key,
    exclusionKey: g.exclusion_key,
    source: 'exemption_grant',
    sourceId: g.id,
    account: { accountName: input.accountName, bankName: input.bankName, accountNo: input.accountNo },
    memo: `免申即享 ${g.policy_title}${onBehalf ? '(代企业确认)' : ''}`,
    now,
    // the money the run set aside for this grant (grants made before reservations: the available balance)
    reservationId: g.reservation_id,
  });
  const userId = actor && actor.userId !== '00000000-0000-0000-0000-000000000000' ? actor.userId : null;
  const updated = await trx
    .updateTable('policy_grants')
    .set({
      status: 'paid',
      account_name: input.accountName,
      bank_name: input.bankName,
      account_no: input.accountNo,
      confirmed_by: userId,
      confirmed_at: now,
      confirmed_on_behalf: onBehalf,
      confirm_note: input.note ?? null,
      payout_id: result.payoutId,
      voucher_number: result.voucherNumber,
      paid_at: now,
      updated_at: now,
    })
    .where('id', '=', g.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(trx as Transaction<DB>, actor, g.park_id, [{ action: onBehalf ? 'confirm_on_behalf' : 'confirm', entity: 'policy_grant', entityId: g.id, before: grantSnapshot(g), after: { ...grantSnapshot(updated), note: input.note ?? null } }], now);
  const users = (await enterpriseUserIds(trx, g.park_id, [g.enterprise_id])).get(g.enterprise_id) ?? [];
  await ctx.notifier.notify(
    trx as Transaction<DB>,
    users.map((uid) => ({
      parkId: g.park_id,
      userId: uid,
      kind: 'policy-grant.paid',
      title: `免申即享资金已拨付:${g.policy_title}`,
      body: `${formatYuan(Number(g.amount_fen))}已拨付至${input.bankName}账户(尾号${input.accountNo.slice(-4)}),凭证号 ${result.voucherNumber}${onBehalf ? `。收款账户由${actor?.displayName ?? '政策兑现窗口'}代为确认:${input.note}` : ''}。`,
      link: grantLink(g.id),
      sms: true,
    })),
  );
}

/** `POST /api/policy-grants/:id/confirm`: account confirmed → paid at once (one transaction). */
export async function confirmGrant(ctx: AppContext, actor: Actor, id: string, input: z.output<typeof ZConfirmGrantRequest>): Promise<PolicyGrantDetail> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const g = await findGrant(trx, actor, id, true);
    const who = confirmerOf(actor, g);
    if (!who) throw forbidden('只有受惠企业或政策兑现窗口(代为确认)可以确认收款账户');
    if (g.status === 'paid') throw conflict(`该笔兑现已于${shanghaiDate(new Date(g.paid_at!))}拨付(凭证号 ${g.voucher_number}),不能重复拨付`);
    if (g.status !== 'awaiting') throw invalidState(`该笔兑现${GRANT_STATUS_LABELS[g.status]},不能确认收款`);
    const onBehalf = who === 'officer';
    if (onBehalf && (!input.note || input.note.trim().length < 2)) {
      throw new AppError('VALIDATION_FAILED', '代企业确认须说明确认方式(如电话确认、联系人)', [{ path: 'note', message: '请填写代确认说明' }]);
    }
    await payGrant(trx, ctx, actor, g, input, onBehalf, now);
    await refreshEnterpriseMatches(trx, g.park_id, [g.enterprise_id], now);
  });
  return getGrant(ctx, actor, id);
}

export async function cancelGrant(ctx: AppContext, actor: Actor, id: string, input: { reason: string }): Promise<PolicyGrantDetail> {
  if (!can(actor, 'policy:manage')) throw forbidden();
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const g = await findGrant(trx, actor, id, true);
    if (g.status !== 'awaiting') throw invalidState(`该笔兑现${GRANT_STATUS_LABELS[g.status]},不能取消`);
    const updated = await trx.updateTable('policy_grants').set({ status: 'cancelled', cancelled_reason: input.reason, updated_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    // the money the grant held goes back to the fund's available balance (a 'release' ledger entry)
    if (g.reservation_id) await releaseReservation(trx, ctx, actor, { parkId: g.park_id, reservationId: g.reservation_id, memo: `免申即享 ${g.policy_title} ${g.enterprise_name} 撤销:${input.reason}`, now });
    await recordAudit(trx, actor, g.park_id, [{ action: 'cancel', entity: 'policy_grant', entityId: id, before: grantSnapshot(g), after: { ...grantSnapshot(updated), reason: input.reason } }], now);
  });
  return getGrant(ctx, actor, id);
}

/** A reversed payout (退回) puts the grant back to awaiting confirmation. */
export async function onGrantPayoutReversed(trx: Kysely<DB>, actor: Actor, payout: { parkId: string; sourceId: string; reason: string; now: Date }): Promise<void> {
  const g = await trx.selectFrom('policy_grants').selectAll().where('park_id', '=', payout.parkId).where('id', '=', payout.sourceId).forUpdate().executeTakeFirst();
  if (!g || g.status !== 'paid') return;
  const updated = await trx
    .updateTable('policy_grants')
    // the reversal put the money back into the grant's reservation; the firm gets a new deadline to confirm
    .set({ status: 'awaiting', payout_id: null, voucher_number: null, paid_at: null, confirmed_at: null, confirmed_by: null, confirmed_on_behalf: false, expires_at: new Date(payout.now.getTime() + GRANT_CONFIRM_DAYS * 86_400_000), updated_at: payout.now })
    .where('id', '=', g.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(trx as never, actor, payout.parkId, [{ action: 'payout_reversed', entity: 'policy_grant', entityId: g.id, before: grantSnapshot(g), after: { ...grantSnapshot(updated), reason: payout.reason } }], payout.now);
}

/**
 * The daily sweep's part for grants: every awaiting grant past its confirmation deadline expires
 * and releases the money it held (a 'release' ledger entry each); the firm is told. Idempotent and
 * safe with several processes (row locks, `skip locked`). Returns how many expired.
 */
export async function expireGrants(ctx: AppContext, now: Date, options: { parkIds?: string[] } = {}): Promise<number> {
  let expired = 0;
  for (;;) {
    const n = await ctx.db.transaction().execute(async (trx) => {
      let q = grantQuery(trx).where('g.status', '=', 'awaiting').where('g.expires_at', '<', now);
      if (options.parkIds) q = q.where('g.park_id', 'in', options.parkIds);
      const due = (await q.orderBy('g.expires_at').limit(200).forUpdate('g').skipLocked().execute()) as GrantWithNames[];
      if (due.length === 0) return 0;
      await trx.updateTable('policy_grants').set({ status: 'expired', expired_at: now, updated_at: now }).where('id', 'in', due.map((g) => g.id)).execute();
      const notes: NotificationInput[] = [];
      const users = new Map<string, string[]>();
      for (const [parkId, firms] of groupBy(due, (g) => g.park_id)) {
        for (const [firm, ids] of await enterpriseUserIds(trx, parkId, [...new Set(firms.map((g) => g.enterprise_id))])) users.set(`${parkId}|${firm}`, ids);
      }
      for (const g of due) {
        if (g.reservation_id) await releaseReservation(trx, ctx, null, { parkId: g.park_id, reservationId: g.reservation_id, memo: `免申即享 ${g.policy_title} ${g.enterprise_name} 逾期未确认,过期释放`, now });
        await recordAudit(trx, null, g.park_id, [{ action: 'expire', entity: 'policy_grant', entityId: g.id, before: grantSnapshot(g), after: { ...grantSnapshot(g), status: 'expired' } }], now);
        for (const userId of users.get(`${g.park_id}|${g.enterprise_id}`) ?? []) {
          notes.push({ parkId: g.park_id, userId, kind: 'policy-grant.expired', title: `免申即享已过期:${g.policy_title}`, body: `贵企业的${formatYuan(Number(g.amount_fen))}未在${shanghaiDate(new Date(g.expires_at!))}前确认收款账户,已过期,预留资金已退回专项资金。如有疑问请联系政策兑现窗口。`, link: grantLink(g.id), sms: false });
        }
      }
      await ctx.notifier.notify(trx, notes);
      return due.length;
    });
    expired += n;
    if (n < 200) return expired;
  }
}

function groupBy<T>(list: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const t of list) out.set(key(t), [...(out.get(key(t)) ?? []), t]);
  return out;
}
