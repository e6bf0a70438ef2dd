import {
  BRIDGE_FEE_RULE,
  BRIDGE_LOAN_STATUS_LABELS,
  bridgeDueOn,
  computeBridgeFee,
  formatYuan,
  type BridgeBankConfirmRequest,
  type BridgeDisburseRequest,
  type BridgeLoanAction,
  type BridgeLoanDetail,
  type BridgeLoanListQuery,
  type BridgeLoanPage,
  type BridgeLoanStatusValue,
  type BridgeLoanSummary,
  type BridgeLoanView,
  type BridgeRepayRequest,
  type CreateBridgeLoanRequest,
} from '@yuanqi/contract';
import { sql, type ExpressionBuilder, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { BridgeLoansTable } from '../../../db/schema-finance.js';
import { can, type Actor } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit.js';
import { shanghaiDate } from '../../../platform/calendar/index.js';
import type { AppContext } from '../../../platform/context.js';
import { nextDaySequence } from '../../../platform/day-sequences.js';
import { AppError, conflict, forbidden, invalidState, notFound } from '../../../platform/errors.js';
import type { NotificationInput } from '../../../platform/notifications.js';
import { enterpriseUserIds, usersWithRoles } from '../../../platform/park-users.js';
import { enterpriseScopeOf, inEnterpriseScope } from '../../../platform/scope.js';
import { caseEventsTable, commitTransition, presentCaseEvent, type CaseEvent, type CaseEventLog, type CaseStore } from '../../../platform/workflow/index.js';
import { parametersOn } from '../parameters.js';
import { creditPool, debitPool } from './pool.js';
import { BRIDGE_ACTION_LABELS, bridgeWorkflow, type BridgeAction, type BridgeParty } from './workflow.js';

type Executor = Kysely<DB> | Transaction<DB>;
export type BridgeLoanRow = Selectable<BridgeLoansTable>;

// ------------------------------------------------------------------ the kit's store

/** The loans' timeline: the kit's event log on `bridge_loan_events`. */
export const bridgeEventLog: CaseEventLog = caseEventsTable('bridge_loan_events', 'loan_id');

export function loanSnapshot(r: BridgeLoanRow): Record<string, unknown> {
  return {
    number: r.number,
    status: r.status,
    enterpriseId: r.enterprise_id,
    bankId: r.bank_id,
    maturingContractNo: r.maturing_contract_no,
    amountFen: Number(r.amount_fen),
    daysRequested: r.days_requested,
    needsLeader: r.needs_leader,
    renewalCommitmentNo: r.renewal_commitment_no,
    poolId: r.pool_id,
    disbursedOn: r.disbursed_on,
    dailyRatePpm: r.daily_rate_ppm,
    maxDays: r.max_days,
    penaltyRatePpm: r.penalty_rate_ppm,
    dueOn: r.due_on,
    repaidOn: r.repaid_on,
    feeFen: r.fee_fen === null ? null : Number(r.fee_fen),
    penaltyFen: r.penalty_fen === null ? null : Number(r.penalty_fen),
    overdueAt: r.overdue_at?.toISOString() ?? null,
  };
}

export const bridgeStore: CaseStore<BridgeLoanRow> = { table: 'bridge_loans', entity: 'bridge_loan', subject: '转贷', events: bridgeEventLog, snapshot: loanSnapshot };

// ------------------------------------------------------------------ who sees, who acts

/** Which loans an actor sees: staff the park's, a bank its own bank's, a firm (or liaison) its firm's. */
function visible(actor: Actor) {
  return (eb: ExpressionBuilder<DB, 'bridge_loans'>) => {
    if (can(actor, 'finance:read')) return eb('bridge_loans.park_id', '=', actor.parkId);
    if (can(actor, 'finance:bank')) {
      return actor.bankId ? eb.and([eb('bridge_loans.park_id', '=', actor.parkId), eb('bridge_loans.bank_id', '=', actor.bankId)]) : sql<boolean>`false`;
    }
    if (can(actor, 'finance:apply')) return inEnterpriseScope<DB, 'bridge_loans'>(enterpriseScopeOf(actor), 'bridge_loans.park_id', 'bridge_loans.enterprise_id')(eb);
    return sql<boolean>`false`;
  };
}

async function loadLoan(db: Executor, actor: Actor, id: string, forUpdate = false): Promise<BridgeLoanRow> {
  let q = db.selectFrom('bridge_loans').selectAll().where(visible(actor) as never).where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('转贷申请');
  return row as BridgeLoanRow;
}

async function partiesOf(db: Executor, actor: Actor, row: BridgeLoanRow): Promise<Set<BridgeParty>> {
  const parties = new Set<BridgeParty>();
  if (can(actor, 'finance:bank') && actor.bankId === row.bank_id) parties.add('bank');
  if (can(actor, 'finance:manage')) parties.add('officer');
  if (can(actor, 'finance:leader-approve')) parties.add('leader');
  if (can(actor, 'finance:apply')) {
    const scope = enterpriseScopeOf(actor);
    const mine = await db
      .selectFrom('bridge_loans')
      .select('id')
      .where('id', '=', row.id)
      .where(inEnterpriseScope<DB, 'bridge_loans'>(scope, 'bridge_loans.park_id', 'bridge_loans.enterprise_id') as never)
      .executeTakeFirst();
    if (mine) parties.add('firm');
  }
  return parties;
}

const ROLE_OF: Record<BridgeParty, string> = { firm: 'enterprise', bank: 'bank', officer: 'finance_officer', leader: 'leader', system: 'system' };

// ------------------------------------------------------------------ notifications

async function bankUserIds(db: Executor, parkId: string, bankId: string): Promise<string[]> {
  const rows = await db.selectFrom('users').select('id').where('park_id', '=', parkId).where('bank_id', '=', bankId).where('is_active', '=', true).execute();
  return rows.map((r) => r.id);
}

async function firmUserIds(db: Executor, row: BridgeLoanRow): Promise<string[]> {
  const firm = (await enterpriseUserIds(db, row.park_id, [row.enterprise_id])).get(row.enterprise_id) ?? [];
  const liaison = await db.selectFrom('enterprises').select('liaison_id').where('id', '=', row.enterprise_id).executeTakeFirst();
  return [...new Set([...firm, ...(liaison?.liaison_id ? [liaison.liaison_id] : []), ...(row.filed_by ? [row.filed_by] : [])])];
}

function notes(row: BridgeLoanRow, userIds: string[], kind: string, title: string, body: string): NotificationInput[] {
  return [...new Set(userIds)].map((userId) => ({ parkId: row.park_id, userId, kind, title, body, link: `/finance/bridge-loans/${row.id}` }));
}

// ------------------------------------------------------------------ filing

function bad(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, [{ path, message }]);
}

export async function fileLoan(ctx: AppContext, actor: Actor, input: CreateBridgeLoanRequest): Promise<BridgeLoanDetail> {
  if (!can(actor, 'finance:apply')) throw forbidden('只有企业用户或其联络员可以申请应急转贷');
  const scope = enterpriseScopeOf(actor);
  const enterpriseId = scope.kind === 'enterprise' ? scope.enterpriseId : input.enterpriseId;
  if (!enterpriseId) throw bad('enterpriseId', '请选择申请企业');
  if (scope.kind === 'enterprise' && input.enterpriseId && input.enterpriseId !== scope.enterpriseId) throw notFound('企业');
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  if (input.amountFen > input.maturingPrincipalFen) {
    throw bad('amountFen', `转贷金额不能超过到期贷款本金 ${formatYuan(input.maturingPrincipalFen)}`);
  }
  const id = await ctx.db.transaction().execute(async (trx) => {
    const firm = await trx
      .selectFrom('enterprises')
      .select(['id', 'name'])
      .where('id', '=', enterpriseId)
      .where(inEnterpriseScope<DB, 'enterprises'>(scope, 'enterprises.park_id', 'enterprises.id') as never)
      .executeTakeFirst();
    if (!firm) throw notFound('企业');
    const bank = await trx.selectFrom('banks').select(['id', 'name', 'status']).where('park_id', '=', actor.parkId).where('id', '=', input.bankId).executeTakeFirst();
    if (!bank) throw bad('bankId', '贷款银行不存在');
    if (bank.status !== 'active') throw bad('bankId', '该金融机构已停用');
    const p = await parametersOn(trx, actor.parkId, ['bridge_max_amount_fen', 'bridge_max_days', 'bridge_leader_threshold_fen'], today);
    if (input.amountFen > p.bridge_max_amount_fen) throw bad('amountFen', `转贷金额不能超过单笔上限 ${formatYuan(p.bridge_max_amount_fen)}`);
    if (input.daysRequested > p.bridge_max_days) throw bad('daysRequested', `使用天数不能超过 ${p.bridge_max_days} 天`);
    const live = await trx
      .selectFrom('bridge_loans')
      .select(['number'])
      .where('park_id', '=', actor.parkId)
      .where('bank_id', '=', input.bankId)
      .where('maturing_contract_no', '=', input.maturingContractNo)
      .where('status', 'not in', ['rejected', 'withdrawn', 'bank_declined'])
      .executeTakeFirst();
    const duplicate = () =>
      conflict(`该笔到期贷款(合同号 ${input.maturingContractNo})已有进行中的转贷申请${live ? ` ${live.number}` : ''},不能重复申请`, [{ path: 'maturingContractNo', message: '该合同已有进行中的转贷' }]);
    if (live) throw duplicate();
    const seq = await nextDaySequence(trx, 'bridge_loan_number_sequences', actor.parkId, today);
    const number = `ZD${today.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
    let row: BridgeLoanRow;
    try {
      row = (await trx
        .insertInto('bridge_loans')
        .values({
          park_id: actor.parkId,
          number,
          enterprise_id: enterpriseId,
          bank_id: input.bankId,
          maturing_contract_no: input.maturingContractNo,
          maturing_principal_fen: input.maturingPrincipalFen,
          maturing_due_on: input.maturingDueOn,
          amount_fen: input.amountFen,
          days_requested: input.daysRequested,
          purpose: input.purpose || null,
          status: 'submitted',
          needs_leader: input.amountFen >= p.bridge_leader_threshold_fen,
          filed_by: actor.userId,
          filed_at: now,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow()) as BridgeLoanRow;
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw duplicate();
      throw err;
    }
    await bridgeEventLog.write(trx, actor.parkId, row.id, [
      { action: 'bridge.filed', from_status: null, to_status: 'submitted', actor_id: actor.userId, actor_name: actor.displayName, actor_role: ROLE_OF.firm, note: input.purpose || null, data: { amountFen: input.amountFen, daysRequested: input.daysRequested }, at: now },
    ]);
    await recordAudit(trx, actor, actor.parkId, [{ action: 'bridge.filed', entity: 'bridge_loan', entityId: row.id, before: null, after: loanSnapshot(row) }], now);
    await ctx.notifier.notify(
      trx,
      notes(row, await bankUserIds(trx, actor.parkId, input.bankId), 'bridge.confirm_request', `请确认续贷承诺:${firm.name}`, `${firm.name} 申请应急转贷 ${formatYuan(input.amountFen)}(贵行到期贷款合同 ${input.maturingContractNo},${input.maturingDueOn} 到期),请确认续贷承诺。`),
    );
    return row.id;
  });
  return getLoan(ctx, actor, id);
}

// ------------------------------------------------------------------ steps

type StepInput =
  | { action: 'bank_confirm'; body: BridgeBankConfirmRequest }
  | { action: 'bank_decline' | 'reject'; body: { reason: string } }
  | { action: 'approve' | 'leader_approve' | 'withdraw'; body: { note?: string } }
  | { action: 'disburse'; body: BridgeDisburseRequest }
  | { action: 'repay'; body: BridgeRepayRequest };

export async function takeStep(ctx: AppContext, actor: Actor, id: string, step: StepInput): Promise<BridgeLoanDetail> {
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadLoan(trx, actor, id);
    const parties = await partiesOf(trx, actor, row);
    if (!bridgeWorkflow.mayEverTake(step.action, parties)) {
      throw forbidden(bridgeWorkflow.forbiddenMessage(bridgeWorkflow.find(row.status, step.action) ?? bridgeWorkflow.transitions.find((t) => t.action === step.action)!));
    }
    // The issue's rule, said plainly: no approval without the bank's 续贷承诺.
    if (step.action === 'approve' && row.status === 'submitted') throw invalidState('贷款银行尚未确认续贷承诺,不能审批通过');
    if (step.action === 'disburse' && row.status === 'approved' && row.needs_leader && !row.leader_approved_at) {
      throw invalidState('该笔转贷金额达到领导审批起点,须经领导审批后才能放款');
    }
    const reason = 'reason' in step.body ? step.body.reason : null;
    const transition = bridgeWorkflow.check(row, step.action, parties, { reason });
    const party = bridgeWorkflow.partyFor(transition, parties)!;
    const to = bridgeWorkflow.target(transition, row, { reason });
    const event = bridgeWorkflow.eventOf(transition);
    const firmName = (await trx.selectFrom('enterprises').select('name').where('id', '=', row.enterprise_id).executeTakeFirstOrThrow()).name;
    const base = { row, to, now, event: { action: event, actorRole: ROLE_OF[party], note: null as string | null, data: null as Record<string, unknown> | null } };
    const officers = () => usersWithRoles(trx, row.park_id, ['finance_officer']);

    switch (step.action) {
      case 'bank_confirm': {
        const b = step.body;
        if (b.expectedRenewalOn < today) throw bad('expectedRenewalOn', '预计续贷日期不能早于今天');
        await commitTransition(trx, ctx, actor, bridgeStore, {
          ...base,
          patch: { renewal_commitment_no: b.commitmentNo, renewal_amount_fen: b.renewalAmountFen, renewal_expected_on: b.expectedRenewalOn, bank_confirmed_at: now, bank_confirmed_by: actor.userId, updated_at: now },
          event: { ...base.event, note: b.note ?? null, data: { commitmentNo: b.commitmentNo, renewalAmountFen: b.renewalAmountFen, expectedRenewalOn: b.expectedRenewalOn } },
          notes: [
            ...notes(row, await officers(), 'bridge.bank_confirmed', `转贷待审批:${firmName}`, `贷款银行已确认续贷承诺(编号 ${b.commitmentNo},续贷 ${formatYuan(b.renewalAmountFen)},预计 ${b.expectedRenewalOn}),请审批转贷 ${row.number}。`),
            ...notes(row, await firmUserIds(trx, row), 'bridge.bank_confirmed', `银行已确认续贷承诺:${row.number}`, '转贷申请已进入审批。'),
          ],
        });
        break;
      }
      case 'bank_decline':
      case 'reject': {
        const declined = step.action === 'bank_decline';
        await commitTransition(trx, ctx, actor, bridgeStore, {
          ...base,
          patch: { reject_reason: reason, updated_at: now },
          event: { ...base.event, note: reason },
          notes: [
            ...notes(row, await firmUserIds(trx, row), `bridge.${step.action}`, declined ? `银行未承诺续贷:${row.number}` : `转贷申请未通过:${row.number}`, `原因:${reason}`),
            ...(declined ? notes(row, await officers(), 'bridge.bank_declined', `银行未承诺续贷:${firmName}`, `转贷 ${row.number}:${reason}`) : []),
          ],
        });
        break;
      }
      case 'approve': {
        const leaders = row.needs_leader ? await usersWithRoles(trx, row.park_id, ['leader']) : [];
        await commitTransition(trx, ctx, actor, bridgeStore, {
          ...base,
          patch: { officer_approved_at: now, officer_approved_by: actor.userId, updated_at: now },
          event: { ...base.event, note: step.body.note ?? null, data: { needsLeader: row.needs_leader } },
          notes: [
            ...notes(row, await firmUserIds(trx, row), 'bridge.approved', `转贷已审批通过:${row.number}`, row.needs_leader ? '金额较大,待领导审批后放款。' : '待放款。'),
            ...notes(row, leaders, 'bridge.leader_request', `大额转贷待审批:${firmName}`, `转贷 ${row.number} 金额 ${formatYuan(Number(row.amount_fen))},请审批。`),
          ],
        });
        break;
      }
      case 'leader_approve': {
        await commitTransition(trx, ctx, actor, bridgeStore, {
          ...base,
          patch: { leader_approved_at: now, leader_approved_by: actor.userId, updated_at: now },
          event: { ...base.event, note: step.body.note ?? null },
          notes: notes(row, await officers(), 'bridge.leader_approved', `大额转贷领导已审批:${row.number}`, '可以放款。'),
        });
        break;
      }
      case 'withdraw': {
        await commitTransition(trx, ctx, actor, bridgeStore, {
          ...base,
          patch: { updated_at: now },
          event: { ...base.event, note: step.body.note ?? null },
          notes: row.status === 'submitted' ? notes(row, await bankUserIds(trx, row.park_id, row.bank_id), 'bridge.withdrawn', `企业已撤回转贷申请:${row.number}`, '无需再确认续贷承诺。') : [],
        });
        break;
      }
      case 'disburse': {
        const amount = Number(row.amount_fen);
        const terms = await parametersOn(trx, row.park_id, ['bridge_daily_rate_ppm', 'bridge_max_days', 'bridge_penalty_daily_rate_ppm'], today);
        // the guarded debit first: an insufficient pool writes nothing
        await debitPool(trx, row.park_id, step.body.poolId, amount, { loanId: row.id, enterpriseId: row.enterprise_id, memo: `转贷 ${row.number} 放款(${firmName})` }, actor.userId, now);
        const dueOn = bridgeDueOn(today, terms.bridge_max_days);
        await commitTransition(trx, ctx, actor, bridgeStore, {
          ...base,
          patch: {
            pool_id: step.body.poolId,
            disbursed_on: today,
            disbursed_at: now,
            daily_rate_ppm: terms.bridge_daily_rate_ppm,
            max_days: terms.bridge_max_days,
            penalty_rate_ppm: terms.bridge_penalty_daily_rate_ppm,
            due_on: dueOn,
            updated_at: now,
          },
          event: { ...base.event, note: step.body.note ?? null, data: { poolId: step.body.poolId, dailyRatePpm: terms.bridge_daily_rate_ppm, maxDays: terms.bridge_max_days, penaltyRatePpm: terms.bridge_penalty_daily_rate_ppm, dueOn } },
          notes: [
            ...notes(row, await firmUserIds(trx, row), 'bridge.disbursed', `转贷已放款:${row.number}`, `${formatYuan(amount)} 已放款,请于 ${dueOn} 前(含)归还。`),
            ...notes(row, await bankUserIds(trx, row.park_id, row.bank_id), 'bridge.disbursed', `转贷已放款:${firmName}`, `转贷 ${row.number} 已放款 ${formatYuan(amount)},请按续贷承诺办理续贷。`),
          ],
        });
        break;
      }
      case 'repay': {
        const b = step.body;
        if (b.repaidOn < row.disbursed_on!) throw bad('repaidOn', `归还日期不能早于放款日期 ${row.disbursed_on}`);
        if (b.repaidOn > today) throw bad('repaidOn', '归还日期不能晚于今天');
        const fee = computeBridgeFee({
          principalFen: Number(row.amount_fen),
          dailyRatePpm: row.daily_rate_ppm!,
          penaltyRatePpm: row.penalty_rate_ppm ?? 0,
          maxDays: row.max_days!,
          disbursedOn: row.disbursed_on!,
          repaidOn: b.repaidOn,
        });
        await creditPool(trx, row.park_id, row.pool_id!, { principalFen: Number(row.amount_fen), feeFen: fee.feeFen, penaltyFen: fee.penaltyFen, loanId: row.id, enterpriseId: row.enterprise_id, memo: `转贷 ${row.number}(${firmName})` }, actor.userId, now);
        await commitTransition(trx, ctx, actor, bridgeStore, {
          ...base,
          patch: { repaid_on: b.repaidOn, repaid_at: now, days_used: fee.daysUsed, fee_fen: fee.feeFen, penalty_fen: fee.penaltyFen, updated_at: now },
          event: { ...base.event, note: b.note ?? null, data: { repaidOn: b.repaidOn, renewalContractNo: b.renewalContractNo ?? null, ...fee } },
          notes: notes(row, await firmUserIds(trx, row), 'bridge.repaid', `转贷已归还:${row.number}`, `使用 ${fee.daysUsed} 天,转贷费 ${formatYuan(fee.feeFen)}${fee.penaltyFen ? `,逾期费 ${formatYuan(fee.penaltyFen)}` : ''}。`),
        });
        break;
      }
    }
  });
  return getLoan(ctx, actor, id);
}

// ------------------------------------------------------------------ reading

const summaryColumns = [
  'l.id',
  'l.number',
  'l.status',
  'l.enterprise_id',
  'e.name as enterprise_name',
  'l.bank_id',
  sql<string>`coalesce(bk.short_name, bk.name)`.as('bank_name'),
  'l.maturing_contract_no',
  'l.maturing_principal_fen',
  'l.maturing_due_on',
  'l.amount_fen',
  'l.days_requested',
  'l.needs_leader',
  'l.leader_approved_at',
  'l.disbursed_on',
  'l.due_on',
  'l.repaid_on',
  'l.overdue_at',
  'l.filed_at',
] as const;

function presentSummary(r: Record<string, any>): BridgeLoanSummary {
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    statusLabel: BRIDGE_LOAN_STATUS_LABELS[r.status as BridgeLoanStatusValue],
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    bankId: r.bank_id,
    bankName: r.bank_name,
    maturingContractNo: r.maturing_contract_no,
    maturingPrincipalFen: Number(r.maturing_principal_fen),
    maturingDueOn: r.maturing_due_on,
    amountFen: Number(r.amount_fen),
    daysRequested: r.days_requested,
    needsLeader: r.needs_leader,
    leaderApproved: r.leader_approved_at !== null,
    disbursedOn: r.disbursed_on,
    dueOn: r.due_on,
    repaidOn: r.repaid_on,
    overdue: r.status === 'disbursed' && r.overdue_at !== null,
    filedAt: new Date(r.filed_at).toISOString(),
  };
}

function viewFilter(view: BridgeLoanView) {
  return (eb: ExpressionBuilder<any, any>) => {
    switch (view) {
      case 'all':
        return sql<boolean>`true`;
      case 'awaiting_bank':
        return eb('l.status', '=', 'submitted');
      case 'awaiting_approval':
        return eb('l.status', '=', 'bank_confirmed');
      case 'awaiting_leader':
        return eb.and([eb('l.status', '=', 'approved'), eb('l.needs_leader', '=', true), eb('l.leader_approved_at', 'is', null)]);
      case 'to_disburse':
        return eb.and([eb('l.status', '=', 'approved'), eb.or([eb('l.needs_leader', '=', false), eb('l.leader_approved_at', 'is not', null)])]);
      case 'running':
        return eb('l.status', '=', 'disbursed');
      case 'overdue':
        return eb.and([eb('l.status', '=', 'disbursed'), eb('l.overdue_at', 'is not', null)]);
      case 'repaid':
        return eb('l.status', '=', 'repaid');
      case 'closed':
        return eb('l.status', 'in', ['rejected', 'withdrawn', 'bank_declined']);
    }
  };
}

function visibleAs(actor: Actor) {
  return (eb: ExpressionBuilder<any, any>) => {
    if (can(actor, 'finance:read')) return eb('l.park_id', '=', actor.parkId);
    if (can(actor, 'finance:bank')) return actor.bankId ? eb.and([eb('l.park_id', '=', actor.parkId), eb('l.bank_id', '=', actor.bankId)]) : sql<boolean>`false`;
    if (can(actor, 'finance:apply')) return inEnterpriseScope<any, any>(enterpriseScopeOf(actor), 'l.park_id', 'l.enterprise_id')(eb);
    return sql<boolean>`false`;
  };
}

export async function listLoans(ctx: AppContext, actor: Actor, query: BridgeLoanListQuery): Promise<BridgeLoanPage> {
  const base = ctx.db
    .selectFrom('bridge_loans as l')
    .innerJoin('enterprises as e', 'e.id', 'l.enterprise_id')
    .innerJoin('banks as bk', 'bk.id', 'l.bank_id')
    .where(visibleAs(actor) as never);
  const searched = query.q
    ? base.where((eb) => eb.or([eb('l.number', 'ilike', `%${query.q}%`), eb('e.name', 'ilike', `%${query.q}%`), eb('l.maturing_contract_no', 'ilike', `%${query.q}%`)]))
    : base;
  const filtered = searched.where(viewFilter(query.view) as never);
  const [items, total, counts] = await Promise.all([
    filtered
      .select(summaryColumns as never)
      .orderBy(sql`case when l.status = 'disbursed' and l.overdue_at is not null then 0 else 1 end`)
      .orderBy('l.filed_at', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    filtered.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    searched
      .select([
        sql<number>`count(*)`.as('all'),
        sql<number>`count(*) filter (where l.status = 'submitted')`.as('awaiting_bank'),
        sql<number>`count(*) filter (where l.status = 'bank_confirmed')`.as('awaiting_approval'),
        sql<number>`count(*) filter (where l.status = 'approved' and l.needs_leader and l.leader_approved_at is null)`.as('awaiting_leader'),
        sql<number>`count(*) filter (where l.status = 'approved' and (not l.needs_leader or l.leader_approved_at is not null))`.as('to_disburse'),
        sql<number>`count(*) filter (where l.status = 'disbursed')`.as('running'),
        sql<number>`count(*) filter (where l.status = 'disbursed' and l.overdue_at is not null)`.as('overdue'),
        sql<number>`count(*) filter (where l.status = 'repaid')`.as('repaid'),
        sql<number>`count(*) filter (where l.status in ('rejected', 'withdrawn', 'bank_declined'))`.as('closed'),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  return {
    items: (items as Record<string, unknown>[]).map(presentSummary),
    total: Number((total as { n: number }).n),
    page: query.page,
    pageSize: query.pageSize,
    counts: Object.fromEntries(Object.entries(counts as Record<string, number>).map(([k, v]) => [k, Number(v)])) as BridgeLoanPage['counts'],
  };
}

const EVENT_LABELS: Record<string, string> = {
  'bridge.filed': '提交申请',
  'bridge.bank_confirmed': '银行确认续贷承诺',
  'bridge.bank_declined': '银行拒绝续贷承诺',
  'bridge.approved': '审批通过',
  'bridge.leader_approved': '领导审批通过',
  'bridge.rejected': '退回',
  'bridge.withdrawn': '企业撤回',
  'bridge.disbursed': '放款',
  'bridge.repaid': '归还',
  'bridge.overdue': '逾期',
  'bridge.escalated': '列入周调度',
};

export async function getLoan(ctx: AppContext, actor: Actor, id: string): Promise<BridgeLoanDetail> {
  const row = await loadLoan(ctx.db, actor, id);
  const r = (await ctx.db
    .selectFrom('bridge_loans as l')
    .innerJoin('enterprises as e', 'e.id', 'l.enterprise_id')
    .innerJoin('banks as bk', 'bk.id', 'l.bank_id')
    .leftJoin('bridge_pools as p', 'p.id', 'l.pool_id')
    .leftJoin('users as fu', 'fu.id', 'l.filed_by')
    .select([...(summaryColumns as never as string[]), 'p.name as pool_name', 'fu.display_name as filed_by_name'] as never)
    .where('l.id', '=', id)
    .executeTakeFirstOrThrow()) as unknown as Record<string, any>;
  const parties = await partiesOf(ctx.db, actor, row);
  const fixed = row.disbursed_on !== null;
  const terms = fixed
    ? { dailyRatePpm: row.daily_rate_ppm!, maxDays: row.max_days!, penaltyRatePpm: row.penalty_rate_ppm ?? 0 }
    : await parametersOn(ctx.db, row.park_id, ['bridge_daily_rate_ppm', 'bridge_max_days', 'bridge_penalty_daily_rate_ppm'], shanghaiDate(ctx.clock.now())).then((p) => ({
        dailyRatePpm: p.bridge_daily_rate_ppm,
        maxDays: p.bridge_max_days,
        penaltyRatePpm: p.bridge_penalty_daily_rate_ppm,
      }));
  const events = (await bridgeEventLog.list(ctx.db, row.park_id, row.id)).map((e) => presentCaseEvent<string, BridgeLoanStatusValue>(e, EVENT_LABELS, { actorId: false }));
  const actions = bridgeWorkflow.allowedActions(row, parties).filter((a): a is BridgeLoanAction => a !== 'file' && a !== 'overdue');
  return {
    ...presentSummary(r),
    purpose: row.purpose,
    poolId: row.pool_id,
    poolName: r.pool_name,
    renewalCommitmentNo: row.renewal_commitment_no,
    renewalAmountFen: row.renewal_amount_fen === null ? null : Number(row.renewal_amount_fen),
    renewalExpectedOn: row.renewal_expected_on,
    bankConfirmedAt: row.bank_confirmed_at?.toISOString() ?? null,
    officerApprovedAt: row.officer_approved_at?.toISOString() ?? null,
    leaderApprovedAt: row.leader_approved_at?.toISOString() ?? null,
    disbursedAt: row.disbursed_at?.toISOString() ?? null,
    repaidAt: row.repaid_at?.toISOString() ?? null,
    terms,
    termsFixed: fixed,
    daysUsed: row.days_used,
    feeFen: row.fee_fen === null ? null : Number(row.fee_fen),
    penaltyFen: row.penalty_fen === null ? null : Number(row.penalty_fen),
    overdueAt: row.overdue_at?.toISOString() ?? null,
    rejectReason: row.reject_reason,
    filedBy: r.filed_by_name,
    actions,
    events,
    feeRule: BRIDGE_FEE_RULE,
  };
}

export { BRIDGE_ACTION_LABELS };
export type { BridgeAction };

// ------------------------------------------------------------------ overdue sweep

/**
 * 逾期: disbursed loans past their due date get `overdue_at` once (the UPDATE's `overdue_at is null`
 * and SKIP LOCKED make a second run, or a second process, a no-op), a timeline event, notices to the
 * finance officers, the dispatchers and the firm, and `escalated_at` (they are on the weekly
 * dispatch agenda from then on: see listOverdueForAgenda).
 */
export async function sweepOverdueBridgeLoans(ctx: AppContext, now = ctx.clock.now()): Promise<{ flagged: number }> {
  const today = shanghaiDate(now);
  let flagged = 0;
  for (;;) {
    const n = await ctx.db.transaction().execute(async (trx) => {
      const due = (await trx
        .selectFrom('bridge_loans')
        .selectAll()
        .where('status', '=', 'disbursed')
        .where('due_on', '<', today)
        .where('overdue_at', 'is', null)
        .orderBy('due_on')
        .limit(200)
        .forUpdate()
        .skipLocked()
        .execute()) as BridgeLoanRow[];
      const staffByPark = new Map<string, string[]>();
      for (const row of due) {
        let staff = staffByPark.get(row.park_id);
        if (!staff) {
          staff = await usersWithRoles(trx, row.park_id, ['finance_officer', 'dispatcher']);
          staffByPark.set(row.park_id, staff);
        }
        const firm = await trx.selectFrom('enterprises').select('name').where('id', '=', row.enterprise_id).executeTakeFirstOrThrow();
        const extra: CaseEvent = { action: 'bridge.escalated', from_status: 'disbursed', to_status: 'disbursed', actor_id: null, actor_name: '系统', actor_role: 'system', note: '逾期转贷列入周调度会议议程', data: null, at: now };
        await commitTransition(trx, ctx, null, bridgeStore, {
          row,
          to: 'disbursed',
          now,
          patch: { overdue_at: now, escalated_at: now, updated_at: now },
          event: { action: 'bridge.overdue', actorRole: 'system', note: `已超过到期日 ${row.due_on}`, data: { dueOn: row.due_on } },
          extraEvents: [extra],
          notes: [
            ...notes(row, staff, 'bridge.overdue', `转贷逾期:${firm.name}`, `转贷 ${row.number} ${formatYuan(Number(row.amount_fen))} 已超过到期日 ${row.due_on} 未归还,已列入周调度议程。`),
            ...notes(row, await firmUserIds(trx, row), 'bridge.overdue', `转贷已逾期:${row.number}`, `请尽快归还,逾期部分按逾期日费率另计逾期费。`),
          ],
        });
      }
      return due.length;
    });
    flagged += n;
    if (n < 200) break;
  }
  return { flagged };
}

/** The overdue loans the weekly dispatch meeting looks at (read-only agenda section). */
export async function listOverdueForAgenda(db: Executor, parkId: string) {
  return db
    .selectFrom('bridge_loans as l')
    .innerJoin('enterprises as e', 'e.id', 'l.enterprise_id')
    .innerJoin('banks as bk', 'bk.id', 'l.bank_id')
    .select(summaryColumns as never)
    .where('l.park_id', '=', parkId)
    .where('l.status', '=', 'disbursed')
    .where('l.overdue_at', 'is not', null)
    .orderBy('l.due_on')
    .execute()
    .then((rows) => (rows as Record<string, unknown>[]).map(presentSummary));
}


/** A bridge loan overdue on a given day, as the weekly dispatch meeting reads it (read-only). */
export type AgendaBridgeLoan = BridgeLoanSummary & { overdueDays: number };

/**
 * The bridge loans overdue on `day` (YYYY-MM-DD): disbursed, past their due date on that day, and not
 * repaid before it — so a past meeting's list stays what it was on its date. For the 周调度 agenda's
 * read-only 逾期转贷 section (dispatch_items is demand-shaped: a decision is recorded on the loan's
 * own page).
 */
export async function overdueBridgeLoansOn(db: Executor, parkId: string, day: string): Promise<AgendaBridgeLoan[]> {
  const rows = await db
    .selectFrom('bridge_loans as l')
    .innerJoin('enterprises as e', 'e.id', 'l.enterprise_id')
    .innerJoin('banks as bk', 'bk.id', 'l.bank_id')
    .select(summaryColumns as never)
    .where('l.park_id', '=', parkId)
    .where('l.disbursed_on', 'is not', null)
    .where('l.due_on', '<', day)
    .where((eb) => eb.or([eb('l.repaid_on', 'is', null), eb('l.repaid_on', '>', day)]))
    .where('l.status', 'in', ['disbursed', 'repaid'])
    .orderBy('l.due_on')
    .execute();
  return (rows as Record<string, any>[]).map((r) => {
    const s = presentSummary(r);
    return { ...s, overdue: true, overdueDays: Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${s.dueOn}T00:00:00Z`)) / 86_400_000) };
  });
}
