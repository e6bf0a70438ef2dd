import {
  FINANCE_EVENT_STATUS_LABELS,
  formatYuan,
  type BankFinanceEventDetail,
  type FinanceEventBankFigures,
  type FinanceEventDetail,
  type FinanceEventFigures,
  type FinanceEventIntentionRequest,
  type FinanceEventIntentionView,
  type FinanceEventOutcomeRequest,
  type FinanceEventOutcomeView,
  type FinanceEventSignupRequest,
  type FinanceEventSignupView,
  type FinanceEventStatus,
  type FinanceEventSummary,
  type FirmFinanceEvent,
  type SaveFinanceEventRequest,
} from '@yuanqi/contract';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { can, type Actor } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit.js';
import { shanghaiDate } from '../../../platform/calendar/index.js';
import type { AppContext } from '../../../platform/context.js';
import { AppError, conflict, forbidden, invalidState, notFound, validationError } from '../../../platform/errors.js';
import { enterpriseScopeOf } from '../../../platform/scope.js';

type Executor = Kysely<DB> | Transaction<DB>;
type EventRow = {
  id: string;
  title: string;
  theme: string | null;
  held_on: string;
  venue: string | null;
  signup_deadline: string | null;
  status: FinanceEventStatus;
  description: string | null;
};

const EVENT_COLUMNS = ['id', 'title', 'theme', 'held_on', 'venue', 'signup_deadline', 'status', 'description'] as const;
const num = (v: unknown) => Number(v ?? 0);
const emptyFigures = (participating: number): FinanceEventFigures => ({
  signups: 0,
  signupAmountFen: 0,
  intentions: 0,
  intentionAmountFen: 0,
  signedFirms: 0,
  signedInstitutions: 0,
  outcomes: 0,
  signedAmountFen: 0,
  participatingInstitutions: participating,
});

/** Sign-up is open on `today` while the event is planned and neither its deadline nor its day has passed. */
export function signupOpenOn(e: Pick<EventRow, 'status' | 'held_on' | 'signup_deadline'>, today: string): boolean {
  return e.status === 'planned' && today <= (e.signup_deadline ?? e.held_on);
}

async function banksOf(db: Executor, parkId: string, eventIds: string[]): Promise<Map<string, { id: string; name: string }[]>> {
  const out = new Map<string, { id: string; name: string }[]>();
  if (!eventIds.length) return out;
  const rows = await db
    .selectFrom('finance_event_banks as eb')
    .innerJoin('banks as b', 'b.id', 'eb.bank_id')
    .select(['eb.event_id', 'b.id', sql<string>`coalesce(b.short_name, b.name)`.as('name')])
    .where('eb.park_id', '=', parkId)
    .where('eb.event_id', 'in', eventIds)
    .orderBy('b.sort')
    .orderBy('b.code')
    .execute();
  for (const r of rows) {
    const list = out.get(r.event_id) ?? [];
    list.push({ id: r.id, name: r.name });
    out.set(r.event_id, list);
  }
  return out;
}

/** The events' figures, each from its rows: sign-ups, intentions, outcomes (distinct firms and institutions). */
export async function figuresOf(db: Executor, parkId: string, eventIds: string[], participating: Map<string, number>): Promise<Map<string, FinanceEventFigures>> {
  const out = new Map<string, FinanceEventFigures>();
  for (const id of eventIds) out.set(id, emptyFigures(participating.get(id) ?? 0));
  if (!eventIds.length) return out;
  const [signups, intentions, outcomes] = await Promise.all([
    db
      .selectFrom('finance_event_signups')
      .select(['event_id', sql<string>`count(*)`.as('n'), sql<string>`coalesce(sum(amount_fen), 0)`.as('fen')])
      .where('park_id', '=', parkId)
      .where('event_id', 'in', eventIds)
      .groupBy('event_id')
      .execute(),
    db
      .selectFrom('finance_event_intentions')
      .select(['event_id', sql<string>`count(*)`.as('n'), sql<string>`coalesce(sum(amount_fen), 0)`.as('fen')])
      .where('park_id', '=', parkId)
      .where('event_id', 'in', eventIds)
      .groupBy('event_id')
      .execute(),
    db
      .selectFrom('finance_event_outcomes')
      .select([
        'event_id',
        sql<string>`count(*)`.as('n'),
        sql<string>`count(distinct enterprise_id)`.as('firms'),
        sql<string>`count(distinct bank_id)`.as('banks'),
        sql<string>`coalesce(sum(signed_amount_fen), 0)`.as('fen'),
      ])
      .where('park_id', '=', parkId)
      .where('event_id', 'in', eventIds)
      .groupBy('event_id')
      .execute(),
  ]);
  for (const r of signups) Object.assign(out.get(r.event_id)!, { signups: num(r.n), signupAmountFen: num(r.fen) });
  for (const r of intentions) Object.assign(out.get(r.event_id)!, { intentions: num(r.n), intentionAmountFen: num(r.fen) });
  for (const r of outcomes) Object.assign(out.get(r.event_id)!, { outcomes: num(r.n), signedFirms: num(r.firms), signedInstitutions: num(r.banks), signedAmountFen: num(r.fen) });
  return out;
}

async function summaries(ctx: AppContext, parkId: string, rows: EventRow[]): Promise<FinanceEventSummary[]> {
  const ids = rows.map((r) => r.id);
  const banks = await banksOf(ctx.db, parkId, ids);
  const figures = await figuresOf(ctx.db, parkId, ids, new Map(ids.map((id) => [id, banks.get(id)?.length ?? 0])));
  const today = shanghaiDate(ctx.clock.now());
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    theme: r.theme,
    heldOn: r.held_on,
    venue: r.venue,
    signupDeadline: r.signup_deadline,
    status: r.status,
    statusLabel: FINANCE_EVENT_STATUS_LABELS[r.status],
    signupOpen: signupOpenOn(r, today),
    banks: banks.get(r.id) ?? [],
    figures: figures.get(r.id)!,
  }));
}

async function eventRow(db: Executor, parkId: string, id: string): Promise<EventRow> {
  const row = await db.selectFrom('finance_events').select(EVENT_COLUMNS).where('park_id', '=', parkId).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('对接会');
  return row as EventRow;
}

// ------------------------------------------------------------ staff (finance officer desk)
export async function listEvents(ctx: AppContext, actor: Actor): Promise<FinanceEventSummary[]> {
  const rows = await ctx.db.selectFrom('finance_events').select(EVENT_COLUMNS).where('park_id', '=', actor.parkId).orderBy('held_on', 'desc').limit(200).execute();
  return summaries(ctx, actor.parkId, rows as EventRow[]);
}

async function signupViews(db: Executor, parkId: string, eventId: string, enterpriseId?: string): Promise<FinanceEventSignupView[]> {
  let q = db
    .selectFrom('finance_event_signups as s')
    .innerJoin('enterprises as e', 'e.id', 's.enterprise_id')
    .leftJoin('finance_needs as n', 'n.id', 's.need_id')
    .select(['s.id', 's.enterprise_id', 'e.name as enterprise_name', 's.need_id', 'n.number as need_number', 's.amount_fen', 's.note', 's.signed_up_at'])
    .where('s.park_id', '=', parkId)
    .where('s.event_id', '=', eventId);
  if (enterpriseId) q = q.where('s.enterprise_id', '=', enterpriseId);
  const rows = await q.orderBy('s.signed_up_at').orderBy('e.name').execute();
  return rows.map((r) => ({
    id: r.id,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    needId: r.need_id,
    needNumber: r.need_number,
    amountFen: r.amount_fen === null ? null : num(r.amount_fen),
    note: r.note,
    signedUpAt: r.signed_up_at.toISOString(),
  }));
}

async function intentionViews(db: Executor, parkId: string, eventId: string, bankId?: string): Promise<FinanceEventIntentionView[]> {
  let q = db
    .selectFrom('finance_event_intentions as i')
    .innerJoin('enterprises as e', 'e.id', 'i.enterprise_id')
    .innerJoin('banks as b', 'b.id', 'i.bank_id')
    .select(['i.id', 'i.bank_id', sql<string>`coalesce(b.short_name, b.name)`.as('bank_name'), 'i.enterprise_id', 'e.name as enterprise_name', 'i.amount_fen', 'i.note', 'i.created_at'])
    .where('i.park_id', '=', parkId)
    .where('i.event_id', '=', eventId);
  if (bankId) q = q.where('i.bank_id', '=', bankId);
  const rows = await q.orderBy('b.sort').orderBy('i.created_at').execute();
  return rows.map((r) => ({ id: r.id, bankId: r.bank_id, bankName: r.bank_name, enterpriseId: r.enterprise_id, enterpriseName: r.enterprise_name, amountFen: num(r.amount_fen), note: r.note, createdAt: r.created_at.toISOString() }));
}

export async function outcomeViews(db: Executor, parkId: string, eventId: string, bankId?: string): Promise<FinanceEventOutcomeView[]> {
  let q = db
    .selectFrom('finance_event_outcomes as o')
    .innerJoin('enterprises as e', 'e.id', 'o.enterprise_id')
    .innerJoin('banks as b', 'b.id', 'o.bank_id')
    .leftJoin('users as u', 'u.id', 'o.created_by')
    .select([
      'o.id',
      'o.bank_id',
      sql<string>`coalesce(b.short_name, b.name)`.as('bank_name'),
      'o.enterprise_id',
      'e.name as enterprise_name',
      'o.signed_amount_fen',
      'o.signed_on',
      'o.contract_no',
      'o.note',
      'u.display_name as created_by_name',
      'o.created_at',
    ])
    .where('o.park_id', '=', parkId)
    .where('o.event_id', '=', eventId);
  if (bankId) q = q.where('o.bank_id', '=', bankId);
  const rows = await q.orderBy('b.sort').orderBy('b.code').orderBy('e.name').execute();
  return rows.map((r) => ({
    id: r.id,
    bankId: r.bank_id,
    bankName: r.bank_name,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    signedAmountFen: num(r.signed_amount_fen),
    signedOn: r.signed_on,
    contractNo: r.contract_no,
    note: r.note,
    createdByName: r.created_by_name,
    createdAt: r.created_at.toISOString(),
  }));
}

/** The figures by participating institution (every participant, also those without a result). */
async function byInstitution(db: Executor, parkId: string, eventId: string, banks: { id: string; name: string }[]): Promise<FinanceEventBankFigures[]> {
  const [intentions, outcomes] = await Promise.all([
    db
      .selectFrom('finance_event_intentions')
      .select(['bank_id', sql<string>`count(*)`.as('n'), sql<string>`coalesce(sum(amount_fen), 0)`.as('fen')])
      .where('park_id', '=', parkId)
      .where('event_id', '=', eventId)
      .groupBy('bank_id')
      .execute(),
    db
      .selectFrom('finance_event_outcomes')
      .select(['bank_id', sql<string>`count(distinct enterprise_id)`.as('firms'), sql<string>`coalesce(sum(signed_amount_fen), 0)`.as('fen')])
      .where('park_id', '=', parkId)
      .where('event_id', '=', eventId)
      .groupBy('bank_id')
      .execute(),
  ]);
  const known = new Map(banks.map((b) => [b.id, b.name]));
  const ids = [...new Set([...banks.map((b) => b.id), ...intentions.map((r) => r.bank_id), ...outcomes.map((r) => r.bank_id)])];
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length) {
    const more = await db.selectFrom('banks').select(['id', sql<string>`coalesce(short_name, name)`.as('name')]).where('park_id', '=', parkId).where('id', 'in', missing).execute();
    for (const b of more) known.set(b.id, b.name);
  }
  return ids.map((id) => {
    const i = intentions.find((r) => r.bank_id === id);
    const o = outcomes.find((r) => r.bank_id === id);
    return { bankId: id, bankName: known.get(id) ?? '', intentions: num(i?.n), intentionAmountFen: num(i?.fen), signedFirms: num(o?.firms), signedAmountFen: num(o?.fen) };
  });
}

export async function getEvent(ctx: AppContext, actor: Actor, id: string): Promise<FinanceEventDetail> {
  const row = await eventRow(ctx.db, actor.parkId, id);
  const [summary] = await summaries(ctx, actor.parkId, [row]);
  const [institutions, signups, intentions, outcomes] = await Promise.all([
    byInstitution(ctx.db, actor.parkId, id, summary!.banks),
    signupViews(ctx.db, actor.parkId, id),
    intentionViews(ctx.db, actor.parkId, id),
    outcomeViews(ctx.db, actor.parkId, id),
  ]);
  return { ...summary!, description: row.description, byInstitution: institutions, signups, intentions, outcomes };
}

async function assertInstitutions(db: Executor, parkId: string, bankIds: string[]): Promise<void> {
  const found = await db.selectFrom('banks').select('id').where('park_id', '=', parkId).where('id', 'in', bankIds).where('status', '=', 'active').execute();
  if (found.length !== new Set(bankIds).size) throw validationError([{ path: 'bankIds', message: '参会金融机构中有不存在或已停用的机构' }]);
}

function eventValues(input: SaveFinanceEventRequest) {
  return {
    title: input.title,
    theme: input.theme ?? null,
    held_on: input.heldOn,
    venue: input.venue ?? null,
    signup_deadline: input.signupDeadline ?? null,
    description: input.description ?? null,
  };
}

export async function createEvent(ctx: AppContext, actor: Actor, input: SaveFinanceEventRequest): Promise<FinanceEventDetail> {
  const now = ctx.clock.now();
  const bankIds = [...new Set(input.bankIds)];
  const id = await ctx.db.transaction().execute(async (trx) => {
    await assertInstitutions(trx, actor.parkId, bankIds);
    const row = await trx
      .insertInto('finance_events')
      .values({ park_id: actor.parkId, ...eventValues(input), status: input.status ?? 'planned', created_by: actor.userId, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('finance_event_banks').values(bankIds.map((bank_id) => ({ park_id: actor.parkId, event_id: row.id, bank_id }))).execute();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'create', entity: 'finance_event', entityId: row.id, before: null, after: { ...eventValues(input), bankIds } }], now);
    const users = await trx.selectFrom('users').select('id').where('park_id', '=', actor.parkId).where('bank_id', 'in', bankIds).where('is_active', '=', true).execute();
    if (users.length) {
      await ctx.notifier.notify(
        trx,
        users.map((u) => ({ parkId: actor.parkId, userId: u.id, kind: 'finance_event', title: `邀请参加融资对接会:${input.title}`, body: `举办日期 ${input.heldOn}${input.venue ? `,地点 ${input.venue}` : ''}`, link: `/finance/bank-events/${row.id}` })),
      );
    }
    return row.id;
  });
  return getEvent(ctx, actor, id);
}

/** Edits an event; the participating institutions are replaced, but one that already has intentions or outcomes stays. */
export async function updateEvent(ctx: AppContext, actor: Actor, id: string, input: SaveFinanceEventRequest): Promise<FinanceEventDetail> {
  const now = ctx.clock.now();
  const bankIds = [...new Set(input.bankIds)];
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('finance_events').select(EVENT_COLUMNS).where('park_id', '=', actor.parkId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound('对接会');
    await assertInstitutions(trx, actor.parkId, bankIds);
    const beforeBanks = (await trx.selectFrom('finance_event_banks').select('bank_id').where('park_id', '=', actor.parkId).where('event_id', '=', id).execute()).map((r) => r.bank_id);
    const removed = beforeBanks.filter((b) => !bankIds.includes(b));
    if (removed.length) {
      const used = await trx
        .selectFrom('finance_event_outcomes')
        .select('bank_id')
        .where('park_id', '=', actor.parkId)
        .where('event_id', '=', id)
        .where('bank_id', 'in', removed)
        .union(trx.selectFrom('finance_event_intentions').select('bank_id').where('park_id', '=', actor.parkId).where('event_id', '=', id).where('bank_id', 'in', removed))
        .execute();
      if (used.length) throw validationError([{ path: 'bankIds', message: '已登记意向或签约结果的金融机构不能从参会机构中移除' }]);
      await trx.deleteFrom('finance_event_banks').where('park_id', '=', actor.parkId).where('event_id', '=', id).where('bank_id', 'in', removed).execute();
    }
    const added = bankIds.filter((b) => !beforeBanks.includes(b));
    if (added.length) await trx.insertInto('finance_event_banks').values(added.map((bank_id) => ({ park_id: actor.parkId, event_id: id, bank_id }))).execute();
    await trx
      .updateTable('finance_events')
      .set({ ...eventValues(input), ...(input.status ? { status: input.status } : {}), updated_at: now })
      .where('park_id', '=', actor.parkId)
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'update', entity: 'finance_event', entityId: id, before: { ...before, bankIds: beforeBanks }, after: { ...eventValues(input), status: input.status ?? before.status, bankIds } }], now);
  });
  return getEvent(ctx, actor, id);
}

// ------------------------------------------------------------ firms (sign-up on a phone)
/** The firm the actor signs up for: its own, or (liaison, officer) the one named and in scope. */
async function firmOf(ctx: AppContext, actor: Actor, enterpriseId: string | undefined): Promise<string> {
  const scope = enterpriseScopeOf(actor);
  if (scope.kind === 'enterprise') {
    if (enterpriseId && enterpriseId !== scope.enterpriseId) throw notFound('企业');
    return scope.enterpriseId;
  }
  if (!enterpriseId) throw validationError([{ path: 'enterpriseId', message: '请选择报名企业' }]);
  let q = ctx.db.selectFrom('enterprises').select('id').where('park_id', '=', actor.parkId).where('id', '=', enterpriseId);
  if (scope.kind === 'liaison') q = q.where('liaison_id', '=', actor.userId);
  else if (scope.kind !== 'park') throw notFound('企业');
  if (!(await q.executeTakeFirst())) throw notFound('企业');
  return enterpriseId;
}

/** Upcoming events (sign-up open or held later) and those the firm signed up for, each with the firm's sign-up. */
export async function listFirmEvents(ctx: AppContext, actor: Actor, enterpriseIdQuery?: string): Promise<FirmFinanceEvent[]> {
  const enterpriseId = await firmOf(ctx, actor, enterpriseIdQuery);
  const today = shanghaiDate(ctx.clock.now());
  const rows = await ctx.db
    .selectFrom('finance_events')
    .select(EVENT_COLUMNS)
    .where('park_id', '=', actor.parkId)
    .where('status', '<>', 'cancelled')
    .where((eb) =>
      eb.or([
        eb('held_on', '>=', today),
        eb.exists(eb.selectFrom('finance_event_signups as s').select('s.id').whereRef('s.event_id', '=', 'finance_events.id').where('s.park_id', '=', actor.parkId).where('s.enterprise_id', '=', enterpriseId)),
      ]),
    )
    .orderBy('held_on', 'desc')
    .limit(50)
    .execute();
  const list = await summaries(ctx, actor.parkId, rows as EventRow[]);
  const mine = await Promise.all(list.map((e) => signupViews(ctx.db, actor.parkId, e.id, enterpriseId)));
  return list.map((e, i) => ({ ...e, mySignup: mine[i]![0] ?? null }));
}

export async function signUp(ctx: AppContext, actor: Actor, eventId: string, input: FinanceEventSignupRequest): Promise<FinanceEventSignupView> {
  const enterpriseId = await firmOf(ctx, actor, input.enterpriseId);
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const event = await eventRow(trx, actor.parkId, eventId);
    if (event.status !== 'planned') throw invalidState(`该对接会${FINANCE_EVENT_STATUS_LABELS[event.status]},不再接受报名`);
    if (today > (event.signup_deadline ?? event.held_on)) throw invalidState(`报名已于 ${event.signup_deadline ?? event.held_on} 截止`);
    let amountFen = input.amountFen ?? null;
    if (input.needId) {
      // only one of the firm's own needs: another firm's need is just not found
      const need = await trx.selectFrom('finance_needs').select(['amount_fen', 'status']).where('park_id', '=', actor.parkId).where('id', '=', input.needId).where('enterprise_id', '=', enterpriseId).executeTakeFirst();
      if (!need) throw notFound('融资需求');
      if (need.status === 'withdrawn' || need.status === 'closed') throw validationError([{ path: 'needId', message: '该融资需求已撤回或已关闭,请选择其他需求或填写金额' }]);
      amountFen = num(need.amount_fen);
    }
    const row = await trx
      .insertInto('finance_event_signups')
      .values({ park_id: actor.parkId, event_id: eventId, enterprise_id: enterpriseId, need_id: input.needId ?? null, amount_fen: amountFen, note: input.note ?? null, signed_up_by: actor.userId, signed_up_at: now })
      .onConflict((oc) => oc.columns(['park_id', 'event_id', 'enterprise_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) throw conflict('本企业已报名该对接会,每家企业只能报名一次');
    await recordAudit(trx, actor, actor.parkId, [{ action: 'create', entity: 'finance_event_signup', entityId: row.id, before: null, after: { eventId, enterpriseId, needId: input.needId ?? null, amountFen, note: input.note ?? null } }], now);
    return row.id;
  });
  const views = await signupViews(ctx.db, actor.parkId, eventId, enterpriseId);
  return views.find((v) => v.id === id)!;
}

// ------------------------------------------------------------ institutions (bank view)
function bankIdOf(actor: Actor): string {
  if (!actor.bankId) throw forbidden('该账号未绑定金融机构');
  return actor.bankId;
}

/** An event the institution takes part in; any other is 404 (as if it did not exist). */
async function participatingEvent(db: Executor, parkId: string, eventId: string, bankId: string): Promise<EventRow> {
  const row = await db
    .selectFrom('finance_events as e')
    .innerJoin('finance_event_banks as eb', (j) => j.onRef('eb.event_id', '=', 'e.id').on('eb.bank_id', '=', bankId).on('eb.park_id', '=', parkId))
    .select(['e.id', 'e.title', 'e.theme', 'e.held_on', 'e.venue', 'e.signup_deadline', 'e.status', 'e.description'])
    .where('e.park_id', '=', parkId)
    .where('e.id', '=', eventId)
    .executeTakeFirst();
  if (!row) throw notFound('对接会');
  return row as EventRow;
}

export async function listBankEvents(ctx: AppContext, actor: Actor): Promise<FinanceEventSummary[]> {
  const bankId = bankIdOf(actor);
  const rows = await ctx.db
    .selectFrom('finance_events as e')
    .innerJoin('finance_event_banks as eb', (j) => j.onRef('eb.event_id', '=', 'e.id').on('eb.bank_id', '=', bankId).on('eb.park_id', '=', actor.parkId))
    .select(['e.id', 'e.title', 'e.theme', 'e.held_on', 'e.venue', 'e.signup_deadline', 'e.status', 'e.description'])
    .where('e.park_id', '=', actor.parkId)
    .where('e.status', '<>', 'cancelled')
    .orderBy('e.held_on', 'desc')
    .limit(100)
    .execute();
  const list = await summaries(ctx, actor.parkId, rows as EventRow[]);
  // the event's own totals are the park's; a bank sees only its own part of intentions and outcomes
  const own = await Promise.all(list.map((e) => Promise.all([intentionViews(ctx.db, actor.parkId, e.id, bankId), outcomeViews(ctx.db, actor.parkId, e.id, bankId)])));
  return list.map((e, i) => {
    const [intentions, outcomes] = own[i]!;
    return {
      ...e,
      figures: {
        ...e.figures,
        intentions: intentions.length,
        intentionAmountFen: intentions.reduce((s, x) => s + x.amountFen, 0),
        outcomes: outcomes.length,
        signedFirms: new Set(outcomes.map((o) => o.enterpriseId)).size,
        signedInstitutions: outcomes.length ? 1 : 0,
        signedAmountFen: outcomes.reduce((s, x) => s + x.signedAmountFen, 0),
      },
    };
  });
}

export async function getBankEvent(ctx: AppContext, actor: Actor, eventId: string): Promise<BankFinanceEventDetail> {
  const bankId = bankIdOf(actor);
  const row = await participatingEvent(ctx.db, actor.parkId, eventId, bankId);
  const [summary] = await summaries(ctx, actor.parkId, [row]);
  const [signups, intentions, outcomes] = await Promise.all([signupViews(ctx.db, actor.parkId, eventId), intentionViews(ctx.db, actor.parkId, eventId, bankId), outcomeViews(ctx.db, actor.parkId, eventId, bankId)]);
  const { figures: _figures, ...rest } = summary!;
  return {
    ...rest,
    description: row.description,
    signups: signups.map((s) => ({ id: s.id, enterpriseId: s.enterpriseId, enterpriseName: s.enterpriseName, amountFen: s.amountFen, signedUpAt: s.signedUpAt })),
    intentions,
    outcomes,
  };
}

async function assertSignedUp(db: Executor, parkId: string, eventId: string, enterpriseId: string): Promise<void> {
  const s = await db.selectFrom('finance_event_signups').select('id').where('park_id', '=', parkId).where('event_id', '=', eventId).where('enterprise_id', '=', enterpriseId).executeTakeFirst();
  if (!s) throw notFound('报名企业');
}

/** A participating institution registers (or revises) its intention for a signed-up firm: its own only. */
export async function registerIntention(ctx: AppContext, actor: Actor, eventId: string, input: FinanceEventIntentionRequest): Promise<FinanceEventIntentionView> {
  const bankId = bankIdOf(actor);
  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const event = await participatingEvent(trx, actor.parkId, eventId, bankId);
    if (event.status === 'cancelled' || event.status === 'closed') throw invalidState(`该对接会${FINANCE_EVENT_STATUS_LABELS[event.status]},不能再登记意向`);
    await assertSignedUp(trx, actor.parkId, eventId, input.enterpriseId);
    const before = await trx
      .selectFrom('finance_event_intentions')
      .select(['id', 'amount_fen', 'note'])
      .where('park_id', '=', actor.parkId)
      .where('event_id', '=', eventId)
      .where('bank_id', '=', bankId)
      .where('enterprise_id', '=', input.enterpriseId)
      .forUpdate()
      .executeTakeFirst();
    const row = await trx
      .insertInto('finance_event_intentions')
      .values({ park_id: actor.parkId, event_id: eventId, bank_id: bankId, enterprise_id: input.enterpriseId, amount_fen: input.amountFen, note: input.note ?? null, created_by: actor.userId, created_at: now })
      .onConflict((oc) => oc.columns(['park_id', 'event_id', 'bank_id', 'enterprise_id']).doUpdateSet({ amount_fen: input.amountFen, note: input.note ?? null }))
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, actor.parkId, [
      { action: before ? 'update' : 'create', entity: 'finance_event_intention', entityId: row.id, before: before ? { amountFen: num(before.amount_fen), note: before.note } : null, after: { eventId, bankId, enterpriseId: input.enterpriseId, amountFen: input.amountFen, note: input.note ?? null } },
    ], now);
    return row.id;
  });
  return (await intentionViews(ctx.db, actor.parkId, eventId, bankId)).find((i) => i.id === id)!;
}

/**
 * Records (or corrects) a signed outcome per firm and institution: the finance officer for any
 * participating institution, an institution's user for itself only.
 */
export async function recordOutcome(ctx: AppContext, actor: Actor, eventId: string, input: FinanceEventOutcomeRequest): Promise<FinanceEventOutcomeView> {
  let bankId: string;
  if (can(actor, 'finance:manage')) {
    if (!input.bankId) throw validationError([{ path: 'bankId', message: '请选择签约金融机构' }]);
    bankId = input.bankId;
  } else if (can(actor, 'finance:bank') && actor.bankId) {
    if (input.bankId && input.bankId !== actor.bankId) throw notFound('金融机构');
    bankId = actor.bankId;
  } else {
    throw forbidden();
  }
  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const event = await participatingEvent(trx, actor.parkId, eventId, bankId).catch((e: unknown) => {
      if (e instanceof AppError && e.code === 'NOT_FOUND' && can(actor, 'finance:manage')) throw validationError([{ path: 'bankId', message: '该金融机构未参加本次对接会' }]);
      throw e;
    });
    if (event.status === 'cancelled') throw invalidState('该对接会已取消,不能登记签约结果');
    if (input.signedOn < event.held_on) throw validationError([{ path: 'signedOn', message: `签约日期不能早于对接会举办日期 ${event.held_on}` }]);
    if (input.signedOn > shanghaiDate(now)) throw validationError([{ path: 'signedOn', message: '签约日期不能晚于今天' }]);
    await assertSignedUp(trx, actor.parkId, eventId, input.enterpriseId);
    const before = await trx
      .selectFrom('finance_event_outcomes')
      .select(['id', 'signed_amount_fen', 'signed_on', 'contract_no', 'note'])
      .where('park_id', '=', actor.parkId)
      .where('event_id', '=', eventId)
      .where('bank_id', '=', bankId)
      .where('enterprise_id', '=', input.enterpriseId)
      .forUpdate()
      .executeTakeFirst();
    const values = { signed_amount_fen: input.signedAmountFen, signed_on: input.signedOn, contract_no: input.contractNo ?? null, note: input.note ?? null };
    const row = await trx
      .insertInto('finance_event_outcomes')
      .values({ park_id: actor.parkId, event_id: eventId, bank_id: bankId, enterprise_id: input.enterpriseId, ...values, created_by: actor.userId, created_at: now })
      .onConflict((oc) => oc.columns(['park_id', 'event_id', 'bank_id', 'enterprise_id']).doUpdateSet(values))
      .returning('id')
      .executeTakeFirstOrThrow();
    if (event.status === 'planned' && event.held_on <= shanghaiDate(now)) {
      await trx.updateTable('finance_events').set({ status: 'held', updated_at: now }).where('park_id', '=', actor.parkId).where('id', '=', eventId).where('status', '=', 'planned').execute();
    }
    await recordAudit(trx, actor, actor.parkId, [
      {
        action: before ? 'update' : 'create',
        entity: 'finance_event_outcome',
        entityId: row.id,
        before: before ? { signedAmountFen: num(before.signed_amount_fen), signedOn: before.signed_on, contractNo: before.contract_no, note: before.note } : null,
        after: { eventId, bankId, enterpriseId: input.enterpriseId, signedAmountFen: input.signedAmountFen, signedOn: input.signedOn, contractNo: input.contractNo ?? null, note: input.note ?? null, amountText: formatYuan(input.signedAmountFen) },
      },
    ], now);
    return row.id;
  });
  return (await outcomeViews(ctx.db, actor.parkId, eventId, bankId)).find((o) => o.id === id)!;
}
