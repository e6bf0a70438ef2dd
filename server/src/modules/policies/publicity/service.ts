import {
  OBJECTION_STATUS_LABELS,
  POLICY_APPLICATION_STATUS_LABELS,
  PUBLICITY_WORKING_DAYS,
  formatYuan,
  type Paged,
  type PolicyObjection,
  type PublicPublicityBatch,
  type PublicPublicityBatchDetail,
  type PublicityBatchDetail,
  type PublicityBatchSummary,
  type PublicityItem,
  type ZCreatePublicityRequest,
  type ZHandleObjectionRequest,
  type ZSubmitObjectionRequest,
} from '@yuanqi/contract';
import { sql } from 'kysely';
import type { z } from 'zod';
import { can, type Actor } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit.js';
import { shanghaiDate, startOfShanghaiDay } from '../../../platform/calendar/index.js';
import type { AppContext } from '../../../platform/context.js';
import { AppError, conflict, forbidden, invalidState, notFound } from '../../../platform/errors.js';
import type { NotificationInput } from '../../../platform/notifications.js';
import { writeCaseEvents } from '../../../platform/workflow/index.js';
import { releaseReservation } from '../../funds/service.js';
import { applicationEvents } from '../applications/repository.js';
import { applicationEvent, firmApplicationLink } from '../applications/service.js';
import { enterpriseUserIds, nextNumber, userNames, usersWithRoles, type Executor } from '../repository.js';

/**
 * 公示: approved applications are listed on a public page (no log-in) for 5 working days, counted
 * from the day after the start on the park's working calendar. Anyone may object during the
 * period (name and contact recorded); the window records how each objection was handled. An
 * upheld objection takes the application off the list and rejects it (its reserved money is
 * released); payout waits until the period ends with no open objection.
 */

const iso = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null);

function maskUscc(uscc: string): string {
  return uscc.length === 18 ? `${uscc.slice(0, 6)}********${uscc.slice(14)}` : uscc;
}

type BatchRow = { id: string; park_id: string; number: string; title: string; note: string | null; starts_at: Date; ends_at: Date; created_at: Date };

async function batchFigures(db: Executor, parkId: string, ids: string[]): Promise<Map<string, { items: number; amount: number; open: number }>> {
  const out = new Map<string, { items: number; amount: number; open: number }>();
  for (const id of ids) out.set(id, { items: 0, amount: 0, open: 0 });
  if (ids.length === 0) return out;
  const items = await db
    .selectFrom('policy_publicity_items')
    .select(['batch_id', sql<number>`count(*)::int`.as('n'), sql<string>`coalesce(sum(amount_fen), 0)`.as('amount')])
    .where('park_id', '=', parkId)
    .where('batch_id', 'in', ids)
    .where('status', '=', 'listed')
    .groupBy('batch_id')
    .execute();
  for (const r of items) Object.assign(out.get(r.batch_id)!, { items: Number(r.n), amount: Number(r.amount) });
  const open = await db
    .selectFrom('policy_objections')
    .select(['batch_id', sql<number>`count(*)::int`.as('n')])
    .where('park_id', '=', parkId)
    .where('batch_id', 'in', ids)
    .where('status', '=', 'open')
    .groupBy('batch_id')
    .execute();
  for (const r of open) out.get(r.batch_id)!.open = Number(r.n);
  return out;
}

function isActive(b: { starts_at: Date; ends_at: Date }, now: Date): boolean {
  return new Date(b.starts_at).getTime() <= now.getTime() && now.getTime() <= new Date(b.ends_at).getTime();
}

function summaryOf(b: BatchRow, f: { items: number; amount: number; open: number }, now: Date): PublicityBatchSummary {
  return {
    id: b.id,
    number: b.number,
    title: b.title,
    startsAt: iso(b.starts_at)!,
    endsAt: iso(b.ends_at)!,
    active: isActive(b, now),
    itemCount: f.items,
    totalAmountFen: f.amount,
    openObjections: f.open,
    createdAt: iso(b.created_at)!,
  };
}

/** `POST /api/policy-publicity` (policy:review): approved applications into one batch. */
export async function createPublicity(ctx: AppContext, actor: Actor, input: z.output<typeof ZCreatePublicityRequest>): Promise<PublicityBatchDetail> {
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  if (input.startsOn && input.startsOn < today) throw new AppError('VALIDATION_FAILED', '公示开始日期不能早于今天', [{ path: 'startsOn', message: '不能早于今天' }]);
  const start = input.startsOn && input.startsOn > today ? startOfShanghaiDay(input.startsOn) : now;
  const startYear = Number(shanghaiDate(start).slice(0, 4));
  const calendar = (await ctx.calendar.get()).withWeekdayOnly([startYear, startYear + 1]);
  const endsAt = calendar.computeDueAt(start, PUBLICITY_WORKING_DAYS);
  const ids = [...new Set(input.applicationIds)];
  const id = await ctx.db.transaction().execute(async (trx) => {
    const apps = await trx
      .selectFrom('policy_applications as a')
      .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
      .innerJoin('policies as p', 'p.id', 'a.policy_id')
      .select(['a.id', 'a.number', 'a.status', 'a.enterprise_id', 'a.approved_amount_fen', 'e.name as enterprise_name', 'e.uscc', 'p.title as policy_title'])
      .where('a.park_id', '=', actor.parkId)
      .where('a.id', 'in', ids)
      .forUpdate('a')
      .execute();
    if (apps.length !== ids.length) throw new AppError('VALIDATION_FAILED', '所选申报有的不存在', [{ path: 'applicationIds', message: '申报不存在' }]);
    const wrong = apps.filter((a) => a.status !== 'approved');
    if (wrong.length > 0) {
      throw conflict(`只有复审通过、待公示的申报可以公示:${wrong.map((a) => `${a.number}(${POLICY_APPLICATION_STATUS_LABELS[a.status]})`).join('、')}`);
    }
    const year = today.slice(0, 4);
    const number = `GS${year}-${String(await nextNumber(trx, actor.parkId, 'publicity', year)).padStart(3, '0')}`;
    const batch = await trx
      .insertInto('policy_publicity_batches')
      .values({
        park_id: actor.parkId,
        number,
        title: input.title ?? `${year}年惠企政策兑现拟拨付名单公示(第${number.slice(-3).replace(/^0+/, '')}批)`,
        note: input.note ?? null,
        starts_at: start,
        ends_at: endsAt,
        working_days: PUBLICITY_WORKING_DAYS,
        created_by: actor.userId,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const sorted = [...apps].sort((a, b) => a.number.localeCompare(b.number));
    await trx
      .insertInto('policy_publicity_items')
      .values(
        sorted.map((a, i) => ({
          park_id: actor.parkId,
          batch_id: batch.id,
          application_id: a.id,
          enterprise_name: a.enterprise_name,
          uscc_masked: maskUscc(a.uscc),
          policy_title: a.policy_title,
          amount_fen: Number(a.approved_amount_fen ?? 0),
          sort: i,
        })),
      )
      .execute();
    await trx.updateTable('policy_applications').set({ status: 'publicity', publicity_batch_id: batch.id, updated_at: now }).where('id', 'in', ids).execute();
    await writeCaseEvents(
      applicationEvents,
      trx,
      actor.parkId,
      sorted.map((a) => ({ caseId: a.id, event: applicationEvent(actor, 'publicize', 'approved', 'publicity', `${batch.number} 公示至${shanghaiDate(endsAt)}`, { batchId: batch.id, endsAt }, now) })),
    );
    await recordAudit(trx, actor, actor.parkId, [
      { action: 'create', entity: 'policy_publicity', entityId: batch.id, before: null, after: { number, startsAt: start, endsAt, applications: sorted.map((a) => a.number) } },
      ...sorted.map((a) => ({ action: 'publicize', entity: 'policy_application', entityId: a.id, before: { status: 'approved' }, after: { status: 'publicity', batchId: batch.id } })),
    ], now);
    const users = await enterpriseUserIds(trx, actor.parkId, sorted.map((a) => a.enterprise_id));
    const notes: NotificationInput[] = sorted.flatMap((a) =>
      (users.get(a.enterprise_id) ?? []).map((userId) => ({
        parkId: actor.parkId,
        userId,
        kind: 'policy-application.publicize',
        title: `申报进入公示 ${a.number}`,
        body: `“${a.policy_title}”拟拨付${formatYuan(Number(a.approved_amount_fen ?? 0))},公示至${shanghaiDate(endsAt)},期满无异议后拨付。`,
        link: firmApplicationLink(a.id),
      })),
    );
    await ctx.notifier.notify(trx, notes);
    return batch.id;
  });
  return getPublicity(ctx, actor, id);
}

export async function listPublicity(ctx: AppContext, actor: Actor, query: { active?: boolean; page: number; pageSize: number }): Promise<Paged<PublicityBatchSummary>> {
  const now = ctx.clock.now();
  let q = ctx.db.selectFrom('policy_publicity_batches').where('park_id', '=', actor.parkId);
  if (query.active === true) q = q.where('starts_at', '<=', now).where('ends_at', '>=', now);
  if (query.active === false) q = q.where('ends_at', '<', now);
  const total = await q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirst();
  const rows = (await q.selectAll().orderBy('starts_at', 'desc').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute()) as BatchRow[];
  const figures = await batchFigures(ctx.db, actor.parkId, rows.map((r) => r.id));
  return { items: rows.map((r) => summaryOf(r, figures.get(r.id)!, now)), total: Number(total?.n ?? 0), page: query.page, pageSize: query.pageSize };
}

async function presentObjections(db: Executor, parkId: string, where: { batchId?: string; id?: string }): Promise<PolicyObjection[]> {
  let q = db
    .selectFrom('policy_objections as o')
    .leftJoin('policy_applications as a', 'a.id', 'o.application_id')
    .leftJoin('enterprises as e', 'e.id', 'a.enterprise_id')
    .selectAll('o')
    .select(['a.number as application_number', 'e.name as enterprise_name'])
    .where('o.park_id', '=', parkId);
  if (where.batchId) q = q.where('o.batch_id', '=', where.batchId);
  if (where.id) q = q.where('o.id', '=', where.id);
  const rows = await q.orderBy('o.created_at').execute();
  const names = await userNames(db, rows.map((r) => r.handled_by));
  return rows.map((r) => ({
    id: r.id,
    batchId: r.batch_id,
    applicationId: r.application_id,
    applicationNumber: r.application_number,
    enterpriseName: r.enterprise_name,
    submitterName: r.submitter_name,
    contact: r.contact,
    content: r.content,
    status: r.status,
    statusLabel: OBJECTION_STATUS_LABELS[r.status],
    handlingNote: r.handling_note,
    handledByName: r.handled_by ? (names.get(r.handled_by) ?? null) : null,
    handledAt: iso(r.handled_at),
    createdAt: iso(r.created_at)!,
  }));
}

export async function getPublicity(ctx: AppContext, actor: Actor, id: string): Promise<PublicityBatchDetail> {
  const now = ctx.clock.now();
  const batch = (await ctx.db.selectFrom('policy_publicity_batches').selectAll().where('park_id', '=', actor.parkId).where('id', '=', id).executeTakeFirst()) as BatchRow | undefined;
  if (!batch) throw notFound('公示');
  const items = await ctx.db
    .selectFrom('policy_publicity_items as i')
    .innerJoin('policy_applications as a', 'a.id', 'i.application_id')
    .select(['i.application_id', 'a.number', 'i.enterprise_name', 'i.uscc_masked', 'i.policy_title', 'i.amount_fen', 'i.status', 'i.removed_reason'])
    .where('i.park_id', '=', actor.parkId)
    .where('i.batch_id', '=', id)
    .orderBy('i.sort')
    .execute();
  const figures = await batchFigures(ctx.db, actor.parkId, [id]);
  const canSeeObjections = can(actor, 'policy:review') || can(actor, 'policy:manage');
  return {
    ...summaryOf(batch, figures.get(id)!, now),
    note: batch.note,
    items: items.map(
      (i): PublicityItem => ({
        applicationId: i.application_id,
        applicationNumber: i.number,
        enterpriseName: i.enterprise_name,
        usccMasked: i.uscc_masked,
        policyTitle: i.policy_title,
        amountFen: Number(i.amount_fen),
        status: i.status,
        removedReason: i.removed_reason,
      }),
    ),
    objections: canSeeObjections ? await presentObjections(ctx.db, actor.parkId, { batchId: id }) : [],
  };
}

// ---------------------------------------------------------------------------------------------
// Public pages (no log-in)
// ---------------------------------------------------------------------------------------------

/** The park a public request is about: the only park of a single-park deployment, or ?park=code. */
async function publicPark(ctx: AppContext, parkCode?: string): Promise<{ id: string; name: string }> {
  let q = ctx.db.selectFrom('parks').select(['id', 'name', 'code']);
  if (parkCode) q = q.where('code', '=', parkCode);
  const parks = await q.orderBy('created_at').limit(2).execute();
  if (parks.length === 0) throw notFound('园区');
  if (!parkCode && parks.length > 1) {
    // several parks: the one with the most recent publicity
    const latest = await ctx.db.selectFrom('policy_publicity_batches').select('park_id').orderBy('starts_at', 'desc').limit(1).executeTakeFirst();
    const chosen = latest ? await ctx.db.selectFrom('parks').select(['id', 'name']).where('id', '=', latest.park_id).executeTakeFirst() : null;
    if (chosen) return chosen;
  }
  return { id: parks[0]!.id, name: parks[0]!.name };
}

/** Public list: current and past batches that have started (future ones are not shown yet). */
export async function publicList(ctx: AppContext, query: { page: number; pageSize: number; park?: string }): Promise<Paged<PublicPublicityBatch>> {
  const now = ctx.clock.now();
  const park = await publicPark(ctx, query.park);
  const q = ctx.db.selectFrom('policy_publicity_batches').where('park_id', '=', park.id).where('starts_at', '<=', now);
  const total = await q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirst();
  const rows = (await q.selectAll().orderBy('starts_at', 'desc').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute()) as BatchRow[];
  const figures = await batchFigures(ctx.db, park.id, rows.map((r) => r.id));
  return {
    items: rows.map((r) => {
      const f = figures.get(r.id)!;
      return { id: r.id, number: r.number, title: r.title, startsAt: iso(r.starts_at)!, endsAt: iso(r.ends_at)!, active: isActive(r, now), itemCount: f.items, totalAmountFen: f.amount, parkName: park.name };
    }),
    total: Number(total?.n ?? 0),
    page: query.page,
    pageSize: query.pageSize,
  };
}

async function publicBatch(ctx: AppContext, id: string): Promise<BatchRow> {
  const now = ctx.clock.now();
  const batch = (await ctx.db.selectFrom('policy_publicity_batches').selectAll().where('id', '=', id).where('starts_at', '<=', now).executeTakeFirst()) as BatchRow | undefined;
  if (!batch) throw notFound('公示');
  return batch;
}

export async function publicDetail(ctx: AppContext, id: string): Promise<PublicPublicityBatchDetail> {
  const now = ctx.clock.now();
  const batch = await publicBatch(ctx, id);
  const park = await ctx.db.selectFrom('parks').select('name').where('id', '=', batch.park_id).executeTakeFirstOrThrow();
  const items = await ctx.db
    .selectFrom('policy_publicity_items')
    .select(['application_id', 'enterprise_name', 'uscc_masked', 'policy_title', 'amount_fen'])
    .where('park_id', '=', batch.park_id)
    .where('batch_id', '=', id)
    .where('status', '=', 'listed')
    .orderBy('sort')
    .execute();
  return {
    id: batch.id,
    number: batch.number,
    title: batch.title,
    startsAt: iso(batch.starts_at)!,
    endsAt: iso(batch.ends_at)!,
    active: isActive(batch, now),
    itemCount: items.length,
    totalAmountFen: items.reduce((s, i) => s + Number(i.amount_fen), 0),
    parkName: park.name,
    note: batch.note,
    items: items.map((i) => ({ applicationId: i.application_id, enterpriseName: i.enterprise_name, usccMasked: i.uscc_masked, policyTitle: i.policy_title, amountFen: Number(i.amount_fen) })),
    acceptingObjections: isActive(batch, now),
  };
}

/** Anyone may object during the period; recorded with name and contact, the window is told. */
export async function submitObjection(ctx: AppContext, id: string, input: z.output<typeof ZSubmitObjectionRequest>, meta: { ip: string | null }): Promise<{ id: string; receivedAt: string }> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const batch = (await trx.selectFrom('policy_publicity_batches').selectAll().where('id', '=', id).where('starts_at', '<=', now).executeTakeFirst()) as BatchRow | undefined;
    if (!batch) throw notFound('公示');
    if (!isActive(batch, now)) throw invalidState(`公示期已于${shanghaiDate(new Date(batch.ends_at))}结束,不再受理异议`);
    // a small guard against floods: one source may file at most 20 objections per batch
    const recent = await trx.selectFrom('policy_objections').select(sql<number>`count(*)::int`.as('n')).where('park_id', '=', batch.park_id).where('batch_id', '=', id).where('contact', '=', input.contact).executeTakeFirst();
    if (Number(recent?.n ?? 0) >= 20) throw new AppError('TOO_MANY_REQUESTS', '同一联系方式对本批公示提出的异议过多');
    let applicationId: string | null = null;
    if (input.applicationId) {
      const item = await trx.selectFrom('policy_publicity_items').select('application_id').where('park_id', '=', batch.park_id).where('batch_id', '=', id).where('application_id', '=', input.applicationId).executeTakeFirst();
      if (!item) throw new AppError('VALIDATION_FAILED', '所异议的企业不在本批公示名单中', [{ path: 'applicationId', message: '不在公示名单中' }]);
      applicationId = item.application_id;
    }
    const row = await trx
      .insertInto('policy_objections')
      .values({ park_id: batch.park_id, batch_id: id, application_id: applicationId, submitter_name: input.submitterName, contact: input.contact, content: input.content, created_at: now })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    if (applicationId) {
      // the firm's timeline shows that an objection arrived, never who raised it
      await applicationEvents.write(trx, batch.park_id, applicationId, [
        { action: 'objection', from_status: 'publicity', to_status: 'publicity', actor_id: null, actor_name: '公众', actor_role: null, note: '公示期间收到异议,正在核查', data: { objectionId: row.id }, at: now },
      ]);
    }
    await recordAudit(trx, null, batch.park_id, [{ action: 'object', entity: 'policy_publicity', entityId: id, before: null, after: { objectionId: row.id, applicationId, submitterName: input.submitterName, ip: meta.ip } }], now);
    const officers = await usersWithRoles(trx, batch.park_id, ['policy_officer']);
    await ctx.notifier.notify(
      trx,
      officers.map((userId) => ({ parkId: batch.park_id, userId, kind: 'policy-publicity.objection', title: `公示收到异议 ${batch.number}`, body: input.content.slice(0, 100), link: `/policy-publicity/${id}` })),
    );
    return { id: row.id, receivedAt: now.toISOString() };
  });
}

/** `POST /api/policy-objections/:id/handle` (policy:review). */
export async function handleObjection(ctx: AppContext, actor: Actor, id: string, input: z.output<typeof ZHandleObjectionRequest>): Promise<PolicyObjection> {
  if (!can(actor, 'policy:review')) throw forbidden();
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const o = await trx.selectFrom('policy_objections').selectAll().where('park_id', '=', actor.parkId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!o) throw notFound('异议');
    if (o.status !== 'open') throw invalidState('该异议已处理');
    await trx.updateTable('policy_objections').set({ status: input.decision, handling_note: input.note, handled_by: actor.userId, handled_at: now }).where('id', '=', id).execute();
    const audits = [{ action: `objection_${input.decision}`, entity: 'policy_objection', entityId: id, before: { status: 'open' }, after: { status: input.decision, note: input.note } }];
    if (o.application_id) {
      const app = await trx.selectFrom('policy_applications').selectAll().where('park_id', '=', actor.parkId).where('id', '=', o.application_id).forUpdate().executeTakeFirstOrThrow();
      const upheld = input.decision === 'upheld' && app.status === 'publicity';
      if (upheld) {
        await trx.updateTable('policy_applications').set({ status: 'rejected', reject_reason: `公示异议成立:${input.note}`, updated_at: now }).where('id', '=', app.id).execute();
        await trx.updateTable('policy_publicity_items').set({ status: 'removed', removed_reason: input.note }).where('park_id', '=', actor.parkId).where('batch_id', '=', o.batch_id).where('application_id', '=', app.id).execute();
        await trx.deleteFrom('policy_person_claims').where('park_id', '=', actor.parkId).where('application_id', '=', app.id).execute();
        if (app.reservation_id) await releaseReservation(trx, ctx, actor, { parkId: actor.parkId, reservationId: app.reservation_id, memo: `${app.number} 公示异议成立,释放预留`, now });
        audits.push({ action: 'objection_upheld', entity: 'policy_application', entityId: app.id, before: { status: app.status }, after: { status: 'rejected' } } as never);
        const users = (await enterpriseUserIds(trx, actor.parkId, [app.enterprise_id])).get(app.enterprise_id) ?? [];
        await ctx.notifier.notify(
          trx,
          users.map((userId) => ({ parkId: actor.parkId, userId, kind: 'policy-application.objection_upheld', title: `申报公示异议成立 ${app.number}`, body: `经核查,公示异议成立:${input.note}。本次申报不予拨付。`, link: firmApplicationLink(app.id), sms: true })),
        );
      }
      await applicationEvents.write(trx, actor.parkId, app.id, [
        applicationEvent(actor, upheld ? 'objection_upheld' : 'objection_dismissed', app.status, upheld ? 'rejected' : app.status, input.note, { objectionId: id }, now),
      ]);
    }
    await recordAudit(trx, actor, actor.parkId, audits, now);
  });
  const [view] = await presentObjections(ctx.db, actor.parkId, { id });
  return view!;
}
