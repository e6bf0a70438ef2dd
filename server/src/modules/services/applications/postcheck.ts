/**
 * 事后核查 of 告知承诺 decisions: scheduled when the decision is made (applications/service.ts), listed
 * for the bureau, completed with a result. A false promise (`failed`) revokes the decision, flags
 * the firm (`承诺失信` tag: no more 容缺 or 承诺 for it), and tells the firm, its liaison and the
 * item's approvers — all in one transaction.
 */
import {
  CHENGNUO_BAD_CREDIT_TAG,
  CHENGNUO_BAD_CREDIT_TAG_LABEL,
  SERVICE_APPLICATION_LINKS,
  type ListPostchecksQuery,
  type Paged,
  type PostcheckResultRequest,
  type PostcheckView,
} from '@yuanqi/contract';
import { sql } from 'kysely';
import { hasRole, type Actor } from '../../../platform/actor.js';
import { recordAudit, type AuditEntry } from '../../../platform/audit.js';
import type { AppContext } from '../../../platform/context.js';
import { forbidden, invalidState, notFound } from '../../../platform/errors.js';
import type { NotificationInput } from '../../../platform/notifications.js';
import { commitTransition, type CaseEvent } from '../../../platform/workflow/index.js';
import { applicationScopeOf, assertStaffScope, type ApplicationScope } from './policy.js';
import { presentPostcheck, type PostcheckRowWithNames } from './presenter.js';
import * as repo from './repository.js';
import { applicationEvents, applicationStore } from './store.js';
import { applicationWorkflow, isHandler } from './workflow.js';

function postchecks(db: repo.Executor, scope: ApplicationScope) {
  return db
    .selectFrom('service_postchecks as c')
    .innerJoin('service_applications as a', 'a.id', 'c.application_id')
    .innerJoin('service_items as i', 'i.id', 'c.item_id')
    .innerJoin('enterprises as e', 'e.id', 'c.enterprise_id')
    .leftJoin('users as u', 'u.id', 'c.checked_by')
    .where(repo.inApplicationScope(scope));
}

const COLUMNS = [
  'c.id',
  'c.application_id',
  'a.number as application_number',
  'c.item_id',
  'i.name as item_name',
  'c.enterprise_id',
  'e.name as enterprise_name',
  'c.status',
  'c.due_at',
  'c.overdue_at',
  'c.checked_at',
  'u.display_name as checked_by_name',
  'c.result',
  'c.created_at',
  'i.approver_ids',
] as const;

/** The post-check of one application as the viewer may see it (staff only; firms see the outcome on the case). */
export async function findPostcheckView(db: repo.Executor, actor: Actor, parkId: string, applicationId: string, now: Date): Promise<PostcheckView | null> {
  const scope = applicationScopeOf(actor);
  if (scope.kind !== 'park' && scope.kind !== 'approver') return null;
  const row = (await postchecks(db, scope).where('c.park_id', '=', parkId).where('c.application_id', '=', applicationId).select(COLUMNS).executeTakeFirst()) as PostcheckRowWithNames | undefined;
  return row ? presentPostcheck(row, now, isHandler(actor, row)) : null;
}

/** `GET /api/service-postchecks`: the bureau's list, most urgent first. */
export async function listPostchecks(ctx: AppContext, actor: Actor, query: ListPostchecksQuery): Promise<Paged<PostcheckView>> {
  const scope = applicationScopeOf(actor);
  assertStaffScope(scope);
  const now = ctx.clock.now();
  let q = postchecks(ctx.db, scope);
  if (query.status) q = q.where('c.status', '=', query.status);
  if (query.overdue === true) q = q.where('c.status', '=', 'scheduled').where('c.due_at', '<', now);
  if (query.overdue === false) q = q.where((eb) => eb.or([eb('c.status', '!=', 'scheduled'), eb('c.due_at', '>=', now)]));
  if (query.itemId) q = q.where('c.item_id', '=', query.itemId);
  if (query.enterpriseId) q = q.where('c.enterprise_id', '=', query.enterpriseId);
  const [rows, count] = await Promise.all([
    q
      .select(COLUMNS)
      .orderBy(sql`case when c.status = 'scheduled' then 0 else 1 end`)
      .orderBy('c.due_at')
      .orderBy('c.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: (rows as PostcheckRowWithNames[]).map((r) => presentPostcheck(r, now, isHandler(actor, r))),
    total: Number(count.n),
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** `POST /api/service-postchecks/:id/result`. */
export async function recordPostcheckResult(ctx: AppContext, actor: Actor, id: string, input: PostcheckResultRequest): Promise<PostcheckView> {
  const now = ctx.clock.now();
  const scope = applicationScopeOf(actor);
  if (scope.kind !== 'park' && scope.kind !== 'approver') throw notFound('核查任务');
  await ctx.db.transaction().execute(async (trx) => {
    const check = await postchecks(trx, scope).where('c.id', '=', id).select([...COLUMNS, 'c.park_id']).forUpdate(['c']).executeTakeFirst();
    if (!check) throw notFound('核查任务');
    if (!isHandler(actor, check)) throw forbidden('只有该事项的审批人员可以登记核查结果');
    if (check.status !== 'scheduled') throw invalidState('该核查已登记结果,不能重复登记');
    const parkId = check.park_id;
    const app = await repo.findApplication(trx, { kind: 'park', parkId }, check.application_id, { forUpdate: true });
    if (!app) throw notFound('办件');
    if (input.result === 'failed' && app.status !== 'finished') throw invalidState('该办件已不是准予许可状态,不能撤销');
    await trx
      .updateTable('service_postchecks')
      .set({ status: input.result, checked_at: now, checked_by: actor.userId, result: input.note })
      .where('park_id', '=', parkId)
      .where('id', '=', id)
      .execute();
    const link = SERVICE_APPLICATION_LINKS.application(app.id);
    const by = { actor_id: actor.userId, actor_name: actor.displayName, actor_role: hasRole(actor, 'approver') ? 'approver' : (actor.roles[0] ?? 'user'), at: now };
    const checked: AuditEntry = { action: `postcheck.${input.result}`, entity: 'service_postcheck', entityId: id, before: { status: 'scheduled' }, after: { status: input.result, result: input.note } };
    const checkEvent: CaseEvent = { ...by, action: input.result === 'passed' ? 'postcheck_passed' : 'postcheck_failed', from_status: app.status, to_status: app.status, note: input.note, data: { postcheckId: id } };
    const notes: NotificationInput[] = [];
    const firmUsers = await repo.enterpriseUserIds(trx, parkId, app.enterprise_id);
    if (input.result === 'failed') {
      // A false promise: the decision is revoked and the firm flagged.
      const revoke = applicationWorkflow.find(app.status, 'revoke')!;
      const flagged = await repo.addEnterpriseTag(trx, parkId, app.enterprise_id, { code: CHENGNUO_BAD_CREDIT_TAG, label: CHENGNUO_BAD_CREDIT_TAG_LABEL }, now);
      const recipients = new Set([...firmUsers, ...(app.firm_liaison_id ? [app.firm_liaison_id] : []), ...(app.daiban_liaison_id ? [app.daiban_liaison_id] : [])]);
      for (const userId of recipients) {
        notes.push({
          parkId,
          userId,
          kind: 'application.revoked',
          title: `审批决定已撤销 ${app.number}`,
          body: `“${app.item_name}”事后核查发现承诺不实,已撤销准予许可决定;企业已被标记“${CHENGNUO_BAD_CREDIT_TAG_LABEL}”,今后不适用容缺受理和告知承诺制。`,
          link,
          sms: true,
        });
      }
      for (const userId of (await repo.activeApprovers(trx, parkId, app.approver_ids)).filter((u) => u !== actor.userId)) {
        notes.push({ parkId, userId, kind: 'application.revoked', title: `审批决定已撤销 ${app.number}`, body: `${app.enterprise_name}虚假承诺`, link });
      }
      // The check's own audit entry comes first, as on the timeline.
      await recordAudit(trx, actor, parkId, [checked], now);
      await commitTransition(trx, ctx, actor, applicationStore, {
        row: app,
        to: applicationWorkflow.target(revoke, app, {}),
        patch: { outcome: 'revoked', revoked_at: now, decision_note: `核查发现虚假承诺,撤销审批决定:${input.note}`, updated_at: now },
        now,
        eventsBefore: [checkEvent],
        event: { action: applicationWorkflow.eventOf(revoke), actorRole: by.actor_role, note: `核查发现虚假承诺,撤销准予许可决定(文号 ${app.result_doc_number ?? '—'})`, data: { postcheckId: id } },
        extraAudits: flagged
          ? [{ action: 'flag-credit', entity: 'enterprise', entityId: app.enterprise_id, before: { tags: flagged.before.tags }, after: { tags: flagged.after.tags, reason: `办件${app.number}虚假承诺` } }]
          : [],
        notes,
      });
    } else {
      for (const userId of firmUsers) notes.push({ parkId, userId, kind: 'application.postcheck', title: `告知承诺核查通过 ${app.number}`, body: `“${app.item_name}”事后核查情况属实`, link });
      await applicationEvents.write(trx, parkId, app.id, [checkEvent]);
      await recordAudit(trx, actor, parkId, [checked], now);
      await ctx.notifier.notify(trx, notes);
    }
  });
  const row = (await postchecks(ctx.db, scope).where('c.id', '=', id).select(COLUMNS).executeTakeFirstOrThrow()) as PostcheckRowWithNames;
  return presentPostcheck(row, now, isHandler(actor, row));
}
