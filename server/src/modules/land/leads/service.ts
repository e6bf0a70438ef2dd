import {
  LEAD_ACTION_LABELS,
  LEAD_STATUSES,
  formatFigureYuan,
  maskPhone,
  type CreateLeadRequest,
  type LeadAction,
  type LeadApproveRequest,
  type LeadCommitteeRequest,
  type LeadDetail,
  type LeadDropRequest,
  type LeadEventAction,
  type LeadListPage,
  type LeadListQuery,
  type LeadOptions,
  type LeadRejectRequest,
  type LeadSignRequest,
  type LeadSource,
  type LeadStatus,
  type LeadSummary,
  type NegotiationForm,
  type NegotiationRequest,
  type UpdateLeadRequest,
} from '@yuanqi/contract';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { can, type Actor } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit.js';
import { shanghaiDate } from '../../../platform/calendar/index.js';
import type { AppContext } from '../../../platform/context.js';
import { nextDaySequence } from '../../../platform/day-sequences.js';
import { AppError, forbidden, notFound } from '../../../platform/errors.js';
import type { NotificationInput } from '../../../platform/notifications.js';
import { usersWithRoles } from '../../../platform/park-users.js';
import { commitTransition, presentCaseEvent } from '../../../platform/workflow/index.js';
import { insertProject } from '../../funds/commitments.js';
import { leadEventLog, leadStore, leadWorkflow, type LeadParty, type LeadRow } from './workflow.js';

type Executor = Kysely<DB> | Transaction<DB>;
type CreateLeadProject = Parameters<typeof insertProject>[2];
/** What the transaction-level steps need of the app (the demo seed passes a silent notifier). */
export type LeadContext = Pick<AppContext, 'notifier'>;

const bad = (path: string, message: string) => new AppError('VALIDATION_FAILED', message, [{ path, message }]);

// ------------------------------------------------------------------ who

export function partiesOf(actor: Actor): Set<LeadParty> {
  const parties = new Set<LeadParty>();
  if (can(actor, 'investment:manage')) parties.add('officer');
  if (can(actor, 'investment:approve')) parties.add('committee');
  return parties;
}

const ROLE_OF: Record<LeadParty, string> = { officer: 'investment_officer', committee: 'investment_committee' };

async function lockLead(trx: Executor, parkId: string, id: string): Promise<LeadRow> {
  const row = await trx.selectFrom('investment_leads').selectAll().where('park_id', '=', parkId).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw notFound('招商线索');
  return row;
}

function leadNote(row: LeadRow, userId: string, kind: string, title: string, body: string): NotificationInput {
  return { parkId: row.park_id, userId, kind, title, body, link: `/land/leads/${row.id}` };
}

// ------------------------------------------------------------------ checks of the facts

async function checkChain(db: Executor, parkId: string, chain: string | null | undefined): Promise<void> {
  if (!chain) return;
  const found = await db.selectFrom('dictionaries').select('code').where('park_id', '=', parkId).where('kind', '=', 'chain').where('code', '=', chain).executeTakeFirst();
  if (!found) throw bad('chain', `产业链“${chain}”不在本园区的产业链字典中`);
}

async function checkOwner(db: Executor, parkId: string, ownerId: string | null | undefined): Promise<void> {
  if (!ownerId) return;
  const found = await db
    .selectFrom('users')
    .select('id')
    .where('park_id', '=', parkId)
    .where('id', '=', ownerId)
    .where('is_active', '=', true)
    .where('enterprise_id', 'is', null)
    .where('bank_id', 'is', null)
    .executeTakeFirst();
  if (!found) throw bad('ownerId', '负责人应为本园区在职的工作人员');
}

function checkNotFuture(path: string, label: string, day: string, today: string): void {
  if (day > today) throw bad(path, `${label}不能晚于今天(${today})`);
}

// ------------------------------------------------------------------ filing and editing

/** 登记线索 inside the caller's transaction (the API and the demo seed): numbered ZS-YYYYMMDD-NNN by the day received. */
export async function createLeadIn(trx: Transaction<DB>, ctx: LeadContext, actor: Actor, input: CreateLeadRequest, now: Date): Promise<LeadRow> {
  const parties = partiesOf(actor);
  const creation = leadWorkflow.creation('create')!;
  if (!leadWorkflow.mayTake(creation, parties)) throw forbidden('只有招商专员可以登记招商线索');
  const today = shanghaiDate(now);
  checkNotFuture('receivedOn', '收到线索日期', input.receivedOn, today);
  await checkChain(trx, actor.parkId, input.chain);
  await checkOwner(trx, actor.parkId, input.ownerId);
  const seq = await nextDaySequence(trx, 'investment_lead_number_sequences', actor.parkId, input.receivedOn);
  const code = `ZS-${input.receivedOn.replaceAll('-', '')}-${String(seq).padStart(3, '0')}`;
  const row = await trx
    .insertInto('investment_leads')
    .values({
      park_id: actor.parkId,
      code,
      project_name: input.projectName,
      investor: input.investor,
      contact_name: input.contactName ?? null,
      contact_phone: input.contactPhone ?? null,
      chain: input.chain ?? null,
      amount_fen: input.amountFen,
      source: input.source,
      description: input.description ?? null,
      land_need_mu: input.landNeedMu ?? null,
      factory_need_m2: input.factoryNeedM2 ?? null,
      status: 'new',
      owner_id: input.ownerId ?? null,
      received_on: input.receivedOn,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await leadEventLog.write(trx, actor.parkId, row.id, [
    {
      action: 'create',
      from_status: null,
      to_status: 'new',
      actor_id: actor.userId,
      actor_name: actor.displayName,
      actor_role: ROLE_OF.officer,
      note: null,
      data: { amountFen: input.amountFen, source: input.source, receivedOn: input.receivedOn },
      at: now,
    },
  ]);
  await recordAudit(trx, actor, actor.parkId, [{ action: 'create', entity: 'investment_lead', entityId: row.id, before: null, after: leadStore.snapshot(row) }], now);
  if (row.owner_id && row.owner_id !== actor.userId) {
    await ctx.notifier.notify(trx, [leadNote(row, row.owner_id, 'lead.assigned', `招商线索分派给您:${row.project_name}`, `${row.investor} · ${formatFigureYuan(Number(row.amount_fen))} · 线索编号 ${row.code}`)]);
  }
  return row;
}

export async function createLead(ctx: AppContext, actor: Actor, input: CreateLeadRequest): Promise<LeadDetail> {
  const now = ctx.clock.now();
  const row = await ctx.db.transaction().execute((trx) => createLeadIn(trx, ctx, actor, input, now));
  return getLead(ctx, actor, row.id);
}

const COLUMNS: Record<keyof UpdateLeadRequest, keyof LeadRow> = {
  projectName: 'project_name',
  investor: 'investor',
  contactName: 'contact_name',
  contactPhone: 'contact_phone',
  chain: 'chain',
  amountFen: 'amount_fen',
  source: 'source',
  receivedOn: 'received_on',
  description: 'description',
  landNeedMu: 'land_need_mu',
  factoryNeedM2: 'factory_need_m2',
  ownerId: 'owner_id',
};

/** 修改线索: the facts of an open lead (an event on the timeline names the fields changed). */
export async function updateLead(ctx: AppContext, actor: Actor, id: string, input: UpdateLeadRequest): Promise<LeadDetail> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockLead(trx, actor.parkId, id);
    const parties = partiesOf(actor);
    const t = leadWorkflow.check(row as { status: LeadStatus }, 'update', parties, {});
    if (input.receivedOn !== undefined) checkNotFuture('receivedOn', '收到线索日期', input.receivedOn, shanghaiDate(now));
    await checkChain(trx, actor.parkId, input.chain);
    await checkOwner(trx, actor.parkId, input.ownerId);
    const patch: Record<string, unknown> = {};
    for (const [key, column] of Object.entries(COLUMNS) as [keyof UpdateLeadRequest, keyof LeadRow][]) {
      const v = input[key];
      if (v === undefined) continue;
      const before = row[column] === null ? null : column === 'amount_fen' || column === 'land_need_mu' || column === 'factory_need_m2' ? Number(row[column]) : row[column];
      if (before !== v) patch[column] = v;
    }
    if (Object.keys(patch).length === 0) return;
    const changed = Object.entries(COLUMNS).filter(([, c]) => c in patch).map(([k]) => k);
    const notes: NotificationInput[] = [];
    if (typeof patch.owner_id === 'string' && patch.owner_id !== actor.userId) {
      notes.push(leadNote(row, patch.owner_id, 'lead.assigned', `招商线索分派给您:${row.project_name}`, `线索编号 ${row.code}`));
    }
    await commitTransition(trx, ctx, actor, leadStore, {
      row,
      to: row.status,
      patch: { ...patch, updated_at: now },
      now,
      event: { action: leadWorkflow.eventOf(t), actorRole: ROLE_OF.officer, data: { fields: changed } },
      notes,
    });
  });
  return getLead(ctx, actor, id);
}

// ------------------------------------------------------------------ steps

export type LeadStep =
  | { action: 'negotiate'; body: NegotiationRequest }
  | { action: 'submit_committee'; body: LeadCommitteeRequest }
  | { action: 'approve'; body: LeadApproveRequest }
  | { action: 'reject'; body: LeadRejectRequest }
  | { action: 'sign'; body: LeadSignRequest }
  | { action: 'drop'; body: LeadDropRequest };

/**
 * One step of a lead inside the caller's transaction (the API and the demo seed): lock in the
 * park (404 outside it), not the actor's step → 403 (the committee's decision is checked before the
 * state), a step that skips the line → 409, then the step's own rules (dates, the project), and the
 * kit's commit (conditional update, timeline, audit, notifications). Signing creates the investment
 * project here, so a refused project (a duplicate code) leaves the lead unsigned.
 */
export async function takeLeadStepIn(trx: Transaction<DB>, ctx: LeadContext, actor: Actor, id: string, step: LeadStep, now: Date): Promise<LeadRow> {
  const row = await lockLead(trx, actor.parkId, id);
  const parties = partiesOf(actor);
  if (!leadWorkflow.mayEverTake(step.action, parties)) {
    throw forbidden(leadWorkflow.forbiddenMessage(leadWorkflow.find(row.status as LeadStatus, step.action) ?? leadWorkflow.transitions.find((t) => t.action === step.action)!));
  }
  const b = step.body as Record<string, string | null | undefined>;
  const transition = leadWorkflow.check(row as { status: LeadStatus }, step.action, parties, {
    note: b.note ?? null,
    reason: b.reason ?? null,
    committeeOn: b.committeeOn ?? null,
    contractNo: b.contractNo ?? null,
    signedOn: b.signedOn ?? null,
  });
  const party = leadWorkflow.partyFor(transition, parties)!;
  const to = leadWorkflow.target(transition, row as { status: LeadStatus }, {});
  const today = shanghaiDate(now);
  const base = { row, to, now, event: { action: leadWorkflow.eventOf(transition), actorRole: ROLE_OF[party] } };
  const owner = row.owner_id ?? row.created_by;
  const toOwner = (kind: string, title: string, body: string) => (owner && owner !== actor.userId ? [leadNote(row, owner, kind, title, body)] : []);

  switch (step.action) {
    case 'negotiate': {
      const n = step.body;
      checkNotFuture('heldOn', '洽谈日期', n.heldOn, today);
      if (n.heldOn < row.received_on) throw bad('heldOn', `洽谈日期不能早于收到线索日期 ${row.received_on}`);
      const inserted = await trx
        .insertInto('investment_negotiations')
        .values({
          park_id: row.park_id,
          lead_id: row.id,
          held_on: n.heldOn,
          form: n.form,
          location: n.location ?? null,
          participants: n.participants,
          minutes: n.minutes,
          next_step: n.nextStep ?? null,
          created_by: actor.userId,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return commitTransition(trx, ctx, actor, leadStore, {
        ...base,
        patch: { updated_at: now },
        event: { ...base.event, note: n.minutes.length > 200 ? `${n.minutes.slice(0, 200)}…` : n.minutes, data: { negotiationId: inserted.id, heldOn: n.heldOn, form: n.form, location: n.location ?? null, participants: n.participants, nextStep: n.nextStep ?? null } },
        extraAudits: [{ action: 'negotiate', entity: 'investment_lead', entityId: row.id, before: null, after: { negotiationId: inserted.id, heldOn: n.heldOn, form: n.form } }],
      });
    }
    case 'submit_committee': {
      const c = step.body;
      if (c.committeeOn < row.received_on) throw bad('committeeOn', `上会日期不能早于收到线索日期 ${row.received_on}`);
      const leaders = await usersWithRoles(trx, row.park_id, ['leader']);
      return commitTransition(trx, ctx, actor, leadStore, {
        ...base,
        patch: { committee_on: c.committeeOn, committee_decision: null, committee_note: null, updated_at: now },
        event: { ...base.event, note: c.note ?? null, data: { committeeOn: c.committeeOn } },
        notes: leaders.map((userId) =>
          leadNote(row, userId, 'lead.committee', `招商项目待上会:${row.project_name}`, `${row.investor} · ${formatFigureYuan(Number(row.amount_fen))},拟于 ${c.committeeOn} 提交招商委员会审议。`),
        ),
      });
    }
    case 'approve':
    case 'reject': {
      const approved = step.action === 'approve';
      const note = step.body.note ?? null;
      return commitTransition(trx, ctx, actor, leadStore, {
        ...base,
        patch: { committee_decision: approved ? 'approved' : 'rejected', committee_note: note, updated_at: now },
        event: { ...base.event, note, data: { committeeOn: row.committee_on } },
        notes: toOwner(`lead.${step.action}`, approved ? `招商项目已过会:${row.project_name}` : `招商项目未过会,退回洽谈:${row.project_name}`, note ?? (approved ? '可以安排签约。' : '')),
      });
    }
    case 'sign': {
      const s = step.body;
      checkNotFuture('signedOn', '签约日期', s.signedOn, today);
      if (s.signedOn < row.received_on) throw bad('signedOn', `签约日期不能早于收到线索日期 ${row.received_on}`);
      const projectId = await insertProject(
        trx,
        actor,
        {
          code: s.projectCode ?? row.code,
          name: row.project_name,
          investor: row.investor,
          enterpriseId: null,
          amountFen: Number(row.amount_fen),
          chain: row.chain,
          signedOn: s.signedOn,
          stage: 'signed',
          stageDates: { signed: { planned: null, actual: s.signedOn } } as CreateLeadProject['stageDates'],
          contractNo: s.contractNo,
          note: s.note ?? `由招商线索 ${row.code} 签约转入`,
        },
        now,
      );
      return commitTransition(trx, ctx, actor, leadStore, {
        ...base,
        patch: { signed_on: s.signedOn, project_id: projectId, updated_at: now },
        event: { ...base.event, note: s.note ?? null, data: { projectId, projectCode: s.projectCode ?? row.code, contractNo: s.contractNo, signedOn: s.signedOn } },
        notes: toOwner('lead.signed', `招商项目已签约:${row.project_name}`, `合同编号 ${s.contractNo},已转入招商项目。`),
      });
    }
    case 'drop': {
      const reason = step.body.reason;
      return commitTransition(trx, ctx, actor, leadStore, {
        ...base,
        patch: { dropped_reason: reason, updated_at: now },
        event: { ...base.event, note: reason },
        notes: toOwner('lead.dropped', `招商线索已放弃:${row.project_name}`, reason),
      });
    }
  }
}

export async function takeLeadStep(ctx: AppContext, actor: Actor, id: string, step: LeadStep): Promise<LeadDetail> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute((trx) => takeLeadStepIn(trx, ctx, actor, id, step, now));
  return getLead(ctx, actor, id);
}

// ------------------------------------------------------------------ reading

async function chainMap(db: Executor, parkId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('dictionaries').select(['code', 'label']).where('park_id', '=', parkId).where('kind', '=', 'chain').execute();
  return new Map(rows.map((r) => [r.code, r.label]));
}

type SummaryRow = LeadRow & { owner_name: string | null; negotiation_count: number; last_negotiated_on: string | null };

function presentSummary(r: SummaryRow, chains: Map<string, string>, manage: boolean): LeadSummary {
  return {
    id: r.id,
    code: r.code,
    projectName: r.project_name,
    investor: r.investor,
    contactName: r.contact_name,
    contactPhone: manage ? r.contact_phone : maskPhone(r.contact_phone),
    chain: r.chain,
    chainLabel: r.chain ? (chains.get(r.chain) ?? r.chain) : null,
    amountFen: Number(r.amount_fen),
    source: r.source as LeadSource,
    status: r.status as LeadStatus,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    receivedOn: r.received_on,
    committeeOn: r.committee_on,
    signedOn: r.signed_on,
    projectId: r.project_id,
    negotiationCount: Number(r.negotiation_count),
    lastNegotiatedOn: r.last_negotiated_on,
    updatedAt: r.updated_at.toISOString(),
  };
}

function summaryQuery(db: Executor, parkId: string) {
  return db
    .selectFrom('investment_leads as l')
    .leftJoin('users as o', 'o.id', 'l.owner_id')
    .selectAll('l')
    .select([
      'o.display_name as owner_name',
      sql<number>`(select count(*)::int from investment_negotiations n where n.park_id = l.park_id and n.lead_id = l.id)`.as('negotiation_count'),
      sql<string | null>`(select max(n.held_on)::text from investment_negotiations n where n.park_id = l.park_id and n.lead_id = l.id)`.as('last_negotiated_on'),
    ])
    .where('l.park_id', '=', parkId);
}

export async function listLeads(ctx: AppContext, actor: Actor, q: LeadListQuery): Promise<LeadListPage> {
  let filtered = ctx.db.selectFrom('investment_leads as l').where('l.park_id', '=', actor.parkId);
  if (q.chain) filtered = filtered.where('l.chain', '=', q.chain);
  if (q.source) filtered = filtered.where('l.source', '=', q.source);
  if (q.ownerId) filtered = filtered.where('l.owner_id', '=', q.ownerId);
  if (q.q) {
    const like = `%${q.q}%`;
    filtered = filtered.where((eb) => eb.or([eb('l.code', 'ilike', like), eb('l.project_name', 'ilike', like), eb('l.investor', 'ilike', like)]));
  }
  const counted = await filtered.select(['l.status', sql<number>`count(*)::int`.as('n')]).groupBy('l.status').execute();
  const withStatus = q.status && q.status.length > 0 ? filtered.where('l.status', 'in', q.status) : filtered;
  const ids = await withStatus
    .select('l.id')
    .orderBy(sql`case l.status when 'committee' then 0 when 'approved' then 1 when 'negotiating' then 2 when 'new' then 3 else 4 end`)
    .orderBy('l.received_on', 'desc')
    .orderBy('l.code', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  const total = await withStatus.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const rows = ids.length ? ((await summaryQuery(ctx.db, actor.parkId).where('l.id', 'in', ids.map((i) => i.id)).execute()) as SummaryRow[]) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const chains = await chainMap(ctx.db, actor.parkId);
  const manage = can(actor, 'investment:manage');
  const counts = Object.fromEntries(LEAD_STATUSES.map((s) => [s, 0])) as Record<LeadStatus, number>;
  for (const c of counted) counts[c.status as LeadStatus] = Number(c.n);
  return {
    items: ids.map((i) => presentSummary(byId.get(i.id)!, chains, manage)),
    total: Number(total.n),
    page: q.page,
    pageSize: q.pageSize,
    counts,
  };
}

export async function getLead(ctx: AppContext, actor: Actor, id: string): Promise<LeadDetail> {
  const row = (await summaryQuery(ctx.db, actor.parkId).where('l.id', '=', id).executeTakeFirst()) as SummaryRow | undefined;
  if (!row) throw notFound('招商线索');
  const chains = await chainMap(ctx.db, actor.parkId);
  const manage = can(actor, 'investment:manage');
  const [project, negotiations, events] = await Promise.all([
    row.project_id
      ? ctx.db.selectFrom('investment_projects').select(['id', 'code', 'name', 'contract_no', 'signed_on', 'stage']).where('park_id', '=', actor.parkId).where('id', '=', row.project_id).executeTakeFirst()
      : Promise.resolve(undefined),
    ctx.db
      .selectFrom('investment_negotiations as n')
      .leftJoin('users as u', 'u.id', 'n.created_by')
      .select(['n.id', 'n.held_on', 'n.form', 'n.location', 'n.participants', 'n.minutes', 'n.next_step', 'n.created_at', 'u.display_name as created_by_name'])
      .where('n.park_id', '=', actor.parkId)
      .where('n.lead_id', '=', id)
      .orderBy('n.held_on', 'desc')
      .orderBy('n.created_at', 'desc')
      .execute(),
    leadEventLog.list(ctx.db, actor.parkId, id),
  ]);
  const parties = partiesOf(actor);
  return {
    ...presentSummary(row, chains, manage),
    description: row.description,
    landNeedMu: row.land_need_mu === null ? null : Number(row.land_need_mu),
    factoryNeedM2: row.factory_need_m2 === null ? null : Number(row.factory_need_m2),
    committeeDecision: (row.committee_decision as 'approved' | 'rejected' | null) ?? null,
    committeeNote: row.committee_note,
    droppedReason: row.dropped_reason,
    project: project ? { id: project.id, code: project.code, name: project.name, contractNo: project.contract_no, signedOn: project.signed_on, stage: project.stage } : null,
    negotiations: negotiations.map((n) => ({
      id: n.id,
      heldOn: n.held_on,
      form: n.form as NegotiationForm,
      location: n.location,
      participants: n.participants,
      minutes: n.minutes,
      nextStep: n.next_step,
      createdByName: n.created_by_name ?? null,
      createdAt: n.created_at.toISOString(),
    })),
    timeline: events.map((e) => presentCaseEvent<LeadEventAction, LeadStatus>(e, LEAD_ACTION_LABELS, { actorId: false })),
    actions: leadWorkflow.allowedActions(row as { status: LeadStatus }, parties).filter((a): a is LeadAction => a !== 'create' && a !== 'update'),
    editable: parties.has('officer') && leadWorkflow.find(row.status as LeadStatus, 'update') !== null,
  };
}

/** The lead an investment project came from (the project page's 来自招商线索 link), if any. */
export async function leadOfProject(ctx: AppContext, actor: Actor, projectId: string): Promise<{ lead: { id: string; code: string } | null }> {
  const row = await ctx.db.selectFrom('investment_leads').select(['id', 'code']).where('park_id', '=', actor.parkId).where('project_id', '=', projectId).executeTakeFirst();
  return { lead: row ?? null };
}

/** The form's choices: the park's chains and the staff who may own a lead. */
export async function leadOptions(ctx: AppContext, actor: Actor): Promise<LeadOptions> {
  const [chains, owners] = await Promise.all([
    ctx.db.selectFrom('dictionaries').select(['code', 'label']).where('park_id', '=', actor.parkId).where('kind', '=', 'chain').orderBy('sort').orderBy('code').execute(),
    ctx.db
      .selectFrom('users')
      .select(['id', 'display_name', 'username'])
      .where('park_id', '=', actor.parkId)
      .where('is_active', '=', true)
      .where('enterprise_id', 'is', null)
      .where('bank_id', 'is', null)
      .where(sql<boolean>`roles && array['dispatcher','admin','leader']::text[]`)
      .orderBy('display_name')
      .execute(),
  ]);
  return { chains, owners: owners.map((o) => ({ id: o.id, name: o.display_name || o.username })) };
}
