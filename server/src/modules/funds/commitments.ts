import { randomUUID } from 'node:crypto';
import {
  MONETARY_COMMITMENT_KINDS,
  type CommitmentItemRequest,
  type CommitmentItemView,
  type CommitmentKind,
  type CreateInvestmentProjectRequest,
  type FulfilCommitmentRequest,
  type FulfilmentFigures,
  type FulfilmentQuery,
  type FulfilmentReport,
  type InvestmentProjectDetail,
  type InvestmentProjectSummary,
  type ListInvestmentProjectsQuery,
  type Paged,
  type UpdateInvestmentProjectRequest,
  COMMITMENT_KINDS,
} from '@yuanqi/contract';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { CommitmentItemRow, InvestmentProjectRow } from '../../db/schema-funds.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { shanghaiDate } from '../../platform/calendar/index.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, conflict, invalidState, notFound } from '../../platform/errors.js';
import { notifyFirm } from './funds.js';
import { realUser, recordPayout, registerPayoutReversalHandler, yuan } from './service.js';

/**
 * 招商承诺: each signed project's promised incentives (items with due dates) and the fulfilments
 * that settle them — payouts made here (source 'commitment'), payouts made elsewhere (linked,
 * e.g. a policy application's), or a recorded non-monetary fulfilment. An item's status and
 * fulfilled date are recomputed from its live fulfilments, so a reversed payout reopens it.
 */

// ---------------------------------------------------------------------------------------------
// Reads
// ---------------------------------------------------------------------------------------------

type ItemAgg = { project_id: string; item_count: number; fulfilled_count: number; overdue_count: number; promised: number; fulfilled: number };

async function itemAggregates(db: Kysely<DB>, parkId: string, projectIds: string[], today: string): Promise<Map<string, ItemAgg>> {
  if (projectIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('commitment_items')
    .select([
      'project_id',
      sql<number>`count(*) filter (where status <> 'cancelled')::int`.as('item_count'),
      sql<number>`count(*) filter (where status = 'fulfilled')::int`.as('fulfilled_count'),
      sql<number>`count(*) filter (where status = 'pending' and due_on < ${today})::int`.as('overdue_count'),
      sql<number>`coalesce(sum(amount_fen) filter (where status <> 'cancelled'), 0)::bigint`.as('promised'),
      sql<number>`coalesce(sum(case when status = 'fulfilled' then coalesce(amount_fen, 0) else least(fulfilled_fen, coalesce(amount_fen, 0)) end) filter (where status <> 'cancelled'), 0)::bigint`.as('fulfilled'),
    ])
    .where('park_id', '=', parkId)
    .where('project_id', 'in', projectIds)
    .groupBy('project_id')
    .execute();
  return new Map(
    rows.map((r) => [r.project_id, { project_id: r.project_id, item_count: Number(r.item_count), fulfilled_count: Number(r.fulfilled_count), overdue_count: Number(r.overdue_count), promised: Number(r.promised), fulfilled: Number(r.fulfilled) }]),
  );
}

function presentProject(row: InvestmentProjectRow & { enterprise_name: string | null }, agg: ItemAgg | undefined): InvestmentProjectSummary {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    investor: row.investor,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    amountFen: Number(row.amount_fen),
    chain: row.chain,
    signedOn: row.signed_on,
    stage: row.stage,
    contractNo: row.contract_no,
    itemCount: agg?.item_count ?? 0,
    fulfilledCount: agg?.fulfilled_count ?? 0,
    overdueCount: agg?.overdue_count ?? 0,
    promisedFen: agg?.promised ?? 0,
    fulfilledFen: agg?.fulfilled ?? 0,
  };
}

export async function listProjects(ctx: AppContext, actor: Actor, q: ListInvestmentProjectsQuery): Promise<Paged<InvestmentProjectSummary>> {
  const today = shanghaiDate(ctx.clock.now());
  let query = ctx.db.selectFrom('investment_projects as p').leftJoin('enterprises as e', 'e.id', 'p.enterprise_id').where('p.park_id', '=', actor.parkId);
  if (q.q) {
    const like = `%${q.q}%`;
    query = query.where((eb) => eb.or([eb('p.name', 'ilike', like), eb('p.investor', 'ilike', like), eb('p.code', 'ilike', like), eb('e.name', 'ilike', like)]));
  }
  if (q.stage) query = query.where('p.stage', '=', q.stage);
  if (q.chain) query = query.where('p.chain', '=', q.chain);
  if (q.overdue !== undefined) {
    const overdue = sql<boolean>`exists (select 1 from commitment_items i where i.park_id = p.park_id and i.project_id = p.id and i.status = 'pending' and i.due_on < ${today})`;
    query = query.where(q.overdue ? overdue : sql<boolean>`not ${overdue}`);
  }
  const rows = await query.selectAll('p').select('e.name as enterprise_name').orderBy('p.signed_on', 'desc').orderBy('p.code', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  const total = await query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const aggs = await itemAggregates(ctx.db, actor.parkId, rows.map((r) => r.id), today);
  return { items: rows.map((r) => presentProject(r, aggs.get(r.id))), total: Number(total.n), page: q.page, pageSize: q.pageSize };
}

async function itemViews(db: Kysely<DB>, parkId: string, items: CommitmentItemRow[], today: string): Promise<CommitmentItemView[]> {
  if (items.length === 0) return [];
  const fulfilments = await db
    .selectFrom('commitment_fulfilments as f')
    .leftJoin('payouts as p', 'p.id', 'f.payout_id')
    .select(['f.id', 'f.item_id', 'f.payout_id', 'f.amount_fen', 'f.fulfilled_on', 'f.note', 'f.status', 'f.created_at', 'p.voucher_number', 'p.status as payout_status'])
    .where('f.park_id', '=', parkId)
    .where('f.item_id', 'in', items.map((i) => i.id))
    .orderBy('f.fulfilled_on')
    .orderBy('f.created_at')
    .execute();
  return items.map((i) => ({
    id: i.id,
    projectId: i.project_id,
    kind: i.kind,
    title: i.title,
    amountFen: i.amount_fen === null ? null : Number(i.amount_fen),
    dueOn: i.due_on,
    fundId: i.fund_id,
    status: i.status,
    fulfilledFen: Number(i.fulfilled_fen),
    fulfilledOn: i.fulfilled_on,
    onTime: i.fulfilled_on ? i.fulfilled_on <= i.due_on : null,
    overdue: i.status === 'pending' && i.due_on < today,
    cancelReason: i.cancel_reason,
    note: i.note,
    fulfilments: fulfilments
      .filter((f) => f.item_id === i.id)
      .map((f) => ({
        id: f.id,
        payoutId: f.payout_id,
        payoutVoucherNumber: f.voucher_number ?? null,
        payoutStatus: f.payout_status ?? null,
        amountFen: f.amount_fen === null ? null : Number(f.amount_fen),
        fulfilledOn: f.fulfilled_on,
        note: f.note,
        status: f.status,
        createdAt: f.created_at.toISOString(),
      })),
  }));
}

export async function getProject(ctx: AppContext, actor: Actor, id: string): Promise<InvestmentProjectDetail> {
  const today = shanghaiDate(ctx.clock.now());
  const row = await ctx.db
    .selectFrom('investment_projects as p')
    .leftJoin('enterprises as e', 'e.id', 'p.enterprise_id')
    .selectAll('p')
    .select('e.name as enterprise_name')
    .where('p.park_id', '=', actor.parkId)
    .where('p.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('招商项目');
  const aggs = await itemAggregates(ctx.db, actor.parkId, [id], today);
  const items = await ctx.db.selectFrom('commitment_items').selectAll().where('park_id', '=', actor.parkId).where('project_id', '=', id).orderBy('due_on').orderBy('created_at').execute();
  return {
    ...presentProject(row, aggs.get(id)),
    stageDates: (row.stage_dates ?? {}) as InvestmentProjectDetail['stageDates'],
    note: row.note,
    items: await itemViews(ctx.db, actor.parkId, items, today),
  };
}

// ---------------------------------------------------------------------------------------------
// Projects and items
// ---------------------------------------------------------------------------------------------

async function assertEnterprise(db: Kysely<DB>, parkId: string, id: string | null | undefined): Promise<void> {
  if (!id) return;
  const found = await db.selectFrom('enterprises').select('id').where('park_id', '=', parkId).where('id', '=', id).executeTakeFirst();
  if (!found) throw new AppError('VALIDATION_FAILED', '关联企业不存在', [{ path: 'enterpriseId', message: '企业不存在' }]);
}

async function assertFund(db: Kysely<DB>, parkId: string, id: string | null | undefined): Promise<void> {
  if (!id) return;
  const found = await db.selectFrom('funds').select('id').where('park_id', '=', parkId).where('id', '=', id).executeTakeFirst();
  if (!found) throw new AppError('VALIDATION_FAILED', '专项资金不存在', [{ path: 'fundId', message: '专项资金不存在' }]);
}

export async function createProject(ctx: AppContext, actor: Actor, input: CreateInvestmentProjectRequest): Promise<InvestmentProjectDetail> {
  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute((trx) => insertProject(trx, actor, input, now));
  return getProject(ctx, actor, id);
}

/**
 * Creates an investment project inside the caller's transaction (the project page's 新增, and a
 * 招商线索 signed in the land module): checks the firm, inserts, audits. A duplicate code is a 409
 * and leaves the caller's transaction to roll back whatever else it wrote.
 */
export async function insertProject(trx: Transaction<DB>, actor: Actor, input: CreateInvestmentProjectRequest, now: Date): Promise<string> {
  await assertEnterprise(trx, actor.parkId, input.enterpriseId);
  const row = await trx
    .insertInto('investment_projects')
    .values({
      park_id: actor.parkId,
      code: input.code,
      name: input.name,
      investor: input.investor,
      enterprise_id: input.enterpriseId ?? null,
      amount_fen: input.amountFen,
      chain: input.chain ?? null,
      signed_on: input.signedOn,
      stage: input.stage,
      stage_dates: JSON.stringify(input.stageDates ?? {}),
      contract_no: input.contractNo ?? null,
      note: input.note ?? null,
      created_by: realUser(actor),
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) throw conflict(`项目编号“${input.code}”已存在`, [{ path: 'code', message: '编号已存在' }]);
  await recordAudit(trx, actor, actor.parkId, [{ action: 'create', entity: 'investment_project', entityId: row.id, before: null, after: { ...input } }], now);
  return row.id;
}

export async function updateProject(ctx: AppContext, actor: Actor, id: string, input: UpdateInvestmentProjectRequest): Promise<InvestmentProjectDetail> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('investment_projects').selectAll().where('park_id', '=', actor.parkId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound('招商项目');
    await assertEnterprise(trx, actor.parkId, input.enterpriseId);
    const patch = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.investor !== undefined ? { investor: input.investor } : {}),
      ...(input.enterpriseId !== undefined ? { enterprise_id: input.enterpriseId ?? null } : {}),
      ...(input.amountFen !== undefined ? { amount_fen: input.amountFen } : {}),
      ...(input.chain !== undefined ? { chain: input.chain ?? null } : {}),
      ...(input.signedOn !== undefined ? { signed_on: input.signedOn } : {}),
      ...(input.stage !== undefined ? { stage: input.stage } : {}),
      ...(input.contractNo !== undefined ? { contract_no: input.contractNo ?? null } : {}),
      ...(input.note !== undefined ? { note: input.note ?? null } : {}),
    };
    const stageDates = input.stageDates !== undefined ? { stage_dates: JSON.stringify(input.stageDates ?? {}) } : {};
    if (Object.keys(patch).length === 0 && !input.stageDates) return;
    await trx.updateTable('investment_projects').set({ ...patch, ...stageDates, updated_at: now }).where('id', '=', id).execute();
    const pick = (r: Record<string, unknown>) => Object.fromEntries(Object.keys(patch).map((k) => [k, r[k]]));
    await recordAudit(trx, actor, actor.parkId, [{ action: 'update', entity: 'investment_project', entityId: id, before: pick(before), after: { ...patch, ...(input.stageDates ? { stage_dates: input.stageDates } : {}) } }], now);
  });
  return getProject(ctx, actor, id);
}

export async function addItem(ctx: AppContext, actor: Actor, projectId: string, input: CommitmentItemRequest): Promise<InvestmentProjectDetail> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const project = await trx.selectFrom('investment_projects').select('id').where('park_id', '=', actor.parkId).where('id', '=', projectId).executeTakeFirst();
    if (!project) throw notFound('招商项目');
    await assertFund(trx, actor.parkId, input.fundId);
    const row = await insertItem(trx, actor, { parkId: actor.parkId, projectId, ...input, now });
    await recordAudit(trx, actor, actor.parkId, [{ action: 'create', entity: 'commitment_item', entityId: row.id, before: null, after: { projectId, ...input } }], now);
  });
  return getProject(ctx, actor, projectId);
}

export async function insertItem(trx: Kysely<DB>, actor: Actor | null, input: CommitmentItemRequest & { parkId: string; projectId: string; now: Date }): Promise<CommitmentItemRow> {
  return trx
    .insertInto('commitment_items')
    .values({
      park_id: input.parkId,
      project_id: input.projectId,
      kind: input.kind,
      title: input.title,
      amount_fen: input.amountFen ?? null,
      due_on: input.dueOn,
      fund_id: input.fundId ?? null,
      note: input.note ?? null,
      created_by: realUser(actor),
      created_at: input.now,
      updated_at: input.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

async function lockItem(trx: Kysely<DB>, parkId: string, itemId: string): Promise<CommitmentItemRow> {
  const item = await trx.selectFrom('commitment_items').selectAll().where('park_id', '=', parkId).where('id', '=', itemId).forUpdate().executeTakeFirst();
  if (!item) throw notFound('承诺事项');
  return item;
}

export async function updateItem(ctx: AppContext, actor: Actor, itemId: string, input: CommitmentItemRequest): Promise<InvestmentProjectDetail> {
  const now = ctx.clock.now();
  const projectId = await ctx.db.transaction().execute(async (trx) => {
    const before = await lockItem(trx, actor.parkId, itemId);
    if (before.status === 'cancelled') throw invalidState('已取消的承诺事项不能修改');
    await assertFund(trx, actor.parkId, input.fundId);
    await trx
      .updateTable('commitment_items')
      .set({ kind: input.kind, title: input.title, amount_fen: input.amountFen ?? null, due_on: input.dueOn, fund_id: input.fundId ?? null, note: input.note ?? null, updated_at: now })
      .where('id', '=', itemId)
      .execute();
    await recomputeItem(trx, actor.parkId, itemId, now);
    await recordAudit(trx, actor, actor.parkId, [
      { action: 'update', entity: 'commitment_item', entityId: itemId, before: { kind: before.kind, title: before.title, amountFen: before.amount_fen, dueOn: before.due_on }, after: { ...input } },
    ], now);
    return before.project_id;
  });
  return getProject(ctx, actor, projectId);
}

export async function cancelItem(ctx: AppContext, actor: Actor, itemId: string, reason: string): Promise<InvestmentProjectDetail> {
  const now = ctx.clock.now();
  const projectId = await ctx.db.transaction().execute(async (trx) => {
    const item = await lockItem(trx, actor.parkId, itemId);
    if (item.status !== 'pending') throw invalidState(item.status === 'fulfilled' ? '已兑现的承诺事项不能取消' : '该承诺事项已取消');
    await trx.updateTable('commitment_items').set({ status: 'cancelled', cancel_reason: reason, updated_at: now }).where('id', '=', itemId).execute();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'cancel', entity: 'commitment_item', entityId: itemId, before: { status: 'pending' }, after: { status: 'cancelled', reason } }], now);
    return item.project_id;
  });
  return getProject(ctx, actor, projectId);
}

/**
 * An item's status from its live fulfilments: a note settles it on its date; money settles it on
 * the date the paid total reached the promised amount. Reversed payouts do not count.
 */
export async function recomputeItem(trx: Kysely<DB>, parkId: string, itemId: string, now: Date): Promise<void> {
  const item = await trx.selectFrom('commitment_items').selectAll().where('park_id', '=', parkId).where('id', '=', itemId).executeTakeFirstOrThrow();
  if (item.status === 'cancelled') return;
  const live = await trx
    .selectFrom('commitment_fulfilments as f')
    .leftJoin('payouts as p', 'p.id', 'f.payout_id')
    .select(['f.payout_id', 'f.amount_fen', 'f.fulfilled_on', 'p.status as payout_status'])
    .where('f.park_id', '=', parkId)
    .where('f.item_id', '=', itemId)
    .where('f.status', '=', 'active')
    .orderBy('f.fulfilled_on')
    .orderBy('f.created_at')
    .execute();
  let paid = 0;
  let fulfilledOn: string | null = null;
  const target = item.amount_fen === null ? null : Number(item.amount_fen);
  for (const f of live) {
    if (f.payout_id) {
      if (f.payout_status !== 'paid') continue;
      paid += Number(f.amount_fen ?? 0);
      if (!fulfilledOn && (target === null || paid >= target)) fulfilledOn = f.fulfilled_on;
    } else if (!fulfilledOn) {
      fulfilledOn = f.fulfilled_on;
    }
  }
  await trx
    .updateTable('commitment_items')
    .set({ fulfilled_fen: paid, status: fulfilledOn ? 'fulfilled' : 'pending', fulfilled_on: fulfilledOn, updated_at: now })
    .where('id', '=', itemId)
    .execute();
}

/** Records one fulfilment of an item: a payout made now, a link to an existing payout, or a note. */
export async function fulfilItem(ctx: AppContext, actor: Actor, itemId: string, input: FulfilCommitmentRequest): Promise<InvestmentProjectDetail> {
  const now = ctx.clock.now();
  const projectId = await ctx.db.transaction().execute(async (trx) => {
    const item = await lockItem(trx, actor.parkId, itemId);
    const result = await fulfil(trx, ctx, actor, item, input, now);
    if (result.notify) await notifyFirm(ctx, trx, actor.parkId, result.notify.enterpriseId, '招商承诺资金已拨付', result.notify.body);
    return item.project_id;
  });
  return getProject(ctx, actor, projectId);
}

/** The transaction-level fulfilment (also used by the demo seed). */
export async function fulfil(
  trx: Kysely<DB>,
  ctx: AppContext,
  actor: Actor | null,
  item: CommitmentItemRow,
  input: FulfilCommitmentRequest,
  now: Date,
): Promise<{ fulfilmentId: string; notify: { enterpriseId: string; body: string } | null }> {
  const parkId = item.park_id;
  if (item.status === 'cancelled') throw invalidState('已取消的承诺事项不能登记兑现');
  const project = await trx.selectFrom('investment_projects').selectAll().where('id', '=', item.project_id).executeTakeFirstOrThrow();
  const id = randomUUID();
  let notify: { enterpriseId: string; body: string } | null = null;
  if (input.mode === 'note') {
    if (input.fulfilledOn > shanghaiDate(now)) throw new AppError('VALIDATION_FAILED', '兑现日期不能晚于今天', [{ path: 'fulfilledOn', message: '兑现日期不能晚于今天' }]);
    if (item.status === 'fulfilled') throw invalidState('该承诺事项已兑现');
    await trx.insertInto('commitment_fulfilments').values({ id, park_id: parkId, item_id: item.id, payout_id: null, amount_fen: null, fulfilled_on: input.fulfilledOn, note: input.note, created_by: realUser(actor), created_at: now }).execute();
  } else {
    if (!MONETARY_COMMITMENT_KINDS.includes(item.kind) && item.amount_fen === null) throw invalidState('非资金类承诺事项请登记兑现情况');
    if (!project.enterprise_id) throw invalidState('该项目尚未关联落地企业,不能拨付或关联拨付记录');
    const promised = item.amount_fen === null ? null : Number(item.amount_fen);
    const already = Number(item.fulfilled_fen);
    if (input.mode === 'pay') {
      if (promised !== null && already + input.amountFen > promised) {
        throw new AppError('INVALID_STATE', `拨付金额超过承诺未兑现部分:承诺 ${yuan(promised)},已兑现 ${yuan(already)},本次 ${yuan(input.amountFen)}`, [{ path: 'amountFen', message: `最多 ${yuan(promised - already)}` }]);
      }
      const payout = await recordPayout(trx, ctx, actor, {
        parkId,
        fundId: input.fundId,
        enterpriseId: project.enterprise_id,
        amountFen: input.amountFen,
        policyId: null,
        policyVersionId: null,
        periodKey: shanghaiDate(now).slice(0, 7),
        exclusionKey: null,
        source: 'commitment',
        sourceId: id,
        account: { accountName: input.accountName, bankName: input.bankName, accountNo: input.accountNo },
        memo: input.memo ?? `招商承诺 ${project.name}:${item.title}`,
        now,
      });
      await trx.insertInto('commitment_fulfilments').values({ id, park_id: parkId, item_id: item.id, payout_id: payout.payoutId, amount_fen: input.amountFen, fulfilled_on: shanghaiDate(now), note: input.memo ?? null, created_by: realUser(actor), created_at: now }).execute();
      notify = { enterpriseId: project.enterprise_id, body: `「${project.name}」承诺事项“${item.title}”已拨付 ${yuan(input.amountFen)}(凭证号 ${payout.voucherNumber})。` };
    } else {
      const payout = await trx.selectFrom('payouts').selectAll().where('park_id', '=', parkId).where('id', '=', input.payoutId).executeTakeFirst();
      if (!payout) throw new AppError('VALIDATION_FAILED', '拨付记录不存在', [{ path: 'payoutId', message: '拨付记录不存在' }]);
      if (payout.status !== 'paid') throw invalidState('已退回的拨付不能用于兑现承诺');
      if (payout.enterprise_id !== project.enterprise_id) throw invalidState('该拨付记录的收款企业不是本项目的落地企业');
      const inserted = await trx
        .insertInto('commitment_fulfilments')
        .values({ id, park_id: parkId, item_id: item.id, payout_id: payout.id, amount_fen: Number(payout.amount_fen), fulfilled_on: shanghaiDate(payout.paid_at), note: input.note ?? null, created_by: realUser(actor), created_at: now })
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) throw conflict(`拨付记录 ${payout.voucher_number ?? ''} 已用于兑现其他承诺事项`, [{ path: 'payoutId', message: '已被关联' }]);
    }
  }
  await recomputeItem(trx, parkId, item.id, now);
  await recordAudit(trx as Transaction<DB>, actor, parkId, [{ action: 'fulfil', entity: 'commitment_item', entityId: item.id, before: { status: item.status, fulfilledFen: Number(item.fulfilled_fen) }, after: { fulfilmentId: id, mode: input.mode } }], now);
  return { fulfilmentId: id, notify };
}

/** Withdraws a wrong fulfilment record (a link or a note); payouts made here are reversed instead. */
export async function voidFulfilment(ctx: AppContext, actor: Actor, fulfilmentId: string, reason: string): Promise<InvestmentProjectDetail> {
  const now = ctx.clock.now();
  const projectId = await ctx.db.transaction().execute(async (trx) => {
    const f = await trx.selectFrom('commitment_fulfilments').selectAll().where('park_id', '=', actor.parkId).where('id', '=', fulfilmentId).forUpdate().executeTakeFirst();
    if (!f) throw notFound('兑现记录');
    if (f.status === 'void') throw invalidState('该兑现记录已作废');
    if (f.payout_id) {
      const payout = await trx.selectFrom('payouts').select(['source', 'source_id', 'status']).where('id', '=', f.payout_id).executeTakeFirstOrThrow();
      if (payout.source === 'commitment' && payout.source_id === f.id && payout.status === 'paid') throw invalidState('该兑现是本事项的拨付,请在拨付记录中办理退回');
    }
    const item = await lockItem(trx, actor.parkId, f.item_id);
    await trx.updateTable('commitment_fulfilments').set({ status: 'void', void_reason: reason }).where('id', '=', fulfilmentId).execute();
    await recomputeItem(trx, actor.parkId, f.item_id, now);
    await recordAudit(trx, actor, actor.parkId, [{ action: 'void', entity: 'commitment_fulfilment', entityId: fulfilmentId, before: { status: 'active' }, after: { status: 'void', reason } }], now);
    return item.project_id;
  });
  return getProject(ctx, actor, projectId);
}

/** Payouts linked to candidate items: the project's firm's live payouts not yet used. */
export async function linkablePayouts(ctx: AppContext, actor: Actor, itemId: string) {
  const item = await ctx.db.selectFrom('commitment_items as i').innerJoin('investment_projects as p', 'p.id', 'i.project_id').select(['p.enterprise_id']).where('i.park_id', '=', actor.parkId).where('i.id', '=', itemId).executeTakeFirst();
  if (!item) throw notFound('承诺事项');
  if (!item.enterprise_id) return { items: [] };
  const rows = await ctx.db
    .selectFrom('payouts as p')
    .innerJoin('funds as f', 'f.id', 'p.fund_id')
    .leftJoin('policies as pol', 'pol.id', 'p.policy_id')
    .select(['p.id', 'p.voucher_number', 'p.amount_fen', 'p.paid_at', 'p.source', 'p.memo', 'f.name as fund_name', 'pol.title as policy_title'])
    .where('p.park_id', '=', actor.parkId)
    .where('p.enterprise_id', '=', item.enterprise_id)
    .where('p.status', '=', 'paid')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('commitment_fulfilments as cf').select('cf.id').whereRef('cf.payout_id', '=', 'p.id').where('cf.status', '=', 'active'))),
    )
    .orderBy('p.paid_at', 'desc')
    .limit(100)
    .execute();
  return {
    items: rows.map((r) => ({ id: r.id, voucherNumber: r.voucher_number ?? '', amountFen: Number(r.amount_fen), paidAt: r.paid_at.toISOString(), source: r.source, memo: r.memo, fundName: r.fund_name, policyTitle: r.policy_title ?? null })),
  };
}

// ---------------------------------------------------------------------------------------------
// Fulfilment rate
// ---------------------------------------------------------------------------------------------

type RateRow = { project_id: string; kind: CommitmentKind; status: string; due_on: string; fulfilled_on: string | null; amount_fen: number | null; fulfilled_fen: number };

function figuresOf(rows: RateRow[], today: string): FulfilmentFigures {
  const f: FulfilmentFigures = { due: 0, fulfilledOnTime: 0, fulfilledLate: 0, overdue: 0, notYetDue: 0, ratePercent: null, dueAmountFen: 0, fulfilledAmountFen: 0 };
  for (const r of rows) {
    const fulfilled = r.status === 'fulfilled';
    if (!fulfilled && r.due_on >= today) {
      f.notYetDue += 1;
      continue;
    }
    f.due += 1;
    f.dueAmountFen += Number(r.amount_fen ?? 0);
    if (fulfilled) {
      f.fulfilledAmountFen += Number(r.amount_fen ?? 0);
      if (r.fulfilled_on! <= r.due_on) f.fulfilledOnTime += 1;
      else f.fulfilledLate += 1;
    } else {
      f.overdue += 1;
    }
  }
  f.ratePercent = f.due > 0 ? Math.round((f.fulfilledOnTime / f.due) * 1000) / 10 : null;
  return f;
}

/**
 * 兑现率 for items due in [from, to]: fulfilled on or before their due date ÷ items that have
 * fallen due (or were fulfilled early). Items not yet due and unfulfilled are reported apart;
 * cancelled items are not promises any more.
 */
export async function fulfilmentReport(ctx: AppContext, actor: Actor, q: FulfilmentQuery): Promise<FulfilmentReport> {
  const today = shanghaiDate(ctx.clock.now());
  const items = await ctx.db
    .selectFrom('commitment_items')
    .selectAll()
    .where('park_id', '=', actor.parkId)
    .where('status', '<>', 'cancelled')
    .where('due_on', '>=', q.from)
    .where('due_on', '<=', q.to)
    .orderBy('due_on')
    .execute();
  const rows: RateRow[] = items.map((i) => ({ project_id: i.project_id, kind: i.kind, status: i.status, due_on: i.due_on, fulfilled_on: i.fulfilled_on, amount_fen: i.amount_fen === null ? null : Number(i.amount_fen), fulfilled_fen: Number(i.fulfilled_fen) }));
  const projectIds = [...new Set(rows.map((r) => r.project_id))];
  const projects = projectIds.length
    ? await ctx.db.selectFrom('investment_projects').select(['id', 'code', 'name']).where('park_id', '=', actor.parkId).where('id', 'in', projectIds).orderBy('signed_on').execute()
    : [];
  const byProject = projects.map((p) => ({ projectId: p.id, code: p.code, name: p.name, ...figuresOf(rows.filter((r) => r.project_id === p.id), today) }));
  const judged = byProject.filter((p) => p.due > 0);
  const overdueRows = items.filter((i) => i.status === 'pending' && i.due_on < today);
  const overdueViews = await itemViews(ctx.db, actor.parkId, overdueRows, today);
  const names = new Map(projects.map((p) => [p.id, p]));
  return {
    from: q.from,
    to: q.to,
    overall: figuresOf(rows, today),
    byKind: COMMITMENT_KINDS.map((kind) => ({ kind, ...figuresOf(rows.filter((r) => r.kind === kind), today) })),
    byProject,
    projectsWithDue: judged.length,
    projectsAllFulfilled: judged.filter((p) => p.overdue === 0).length,
    overdueItems: overdueViews.map((v) => ({ ...v, projectCode: names.get(v.projectId)?.code ?? '', projectName: names.get(v.projectId)?.name ?? '' })),
  };
}

/** A reversed payout reopens the commitment items it settled (whatever module made it). */
registerPayoutReversalHandler('*', async (trx, _ctx, _actor, payout) => {
  const linked = await trx
    .selectFrom('commitment_fulfilments')
    .select(['item_id'])
    .where('park_id', '=', payout.parkId)
    .where('payout_id', '=', payout.id)
    .where('status', '=', 'active')
    .execute();
  for (const l of linked) await recomputeItem(trx, payout.parkId, l.item_id, payout.now);
});
