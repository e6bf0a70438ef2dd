import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit.js';
import { registerScheduledJob } from '../../../platform/scheduler.js';
import { systemActor } from '../../../platform/actor.js';
import { shanghaiDate } from '../../../platform/calendar/index.js';
import { financeOfficerIds, offerEvents } from './service.js';

const BATCH = 500;

/**
 * 答复逾期升级: an answer still unanswered (pending) past its due_at gets `escalated_at`, an
 * `offer.escalated` event, an audit entry, and the park's finance officers are told (one message a
 * batch). Idempotent and safe in several processes: rows are taken `FOR UPDATE SKIP LOCKED` and
 * updated only while `escalated_at is null`, so a second run (or a second process) finds nothing.
 */
export async function escalateOverdueOffers(ctx: AppContext, now: Date = ctx.clock.now()): Promise<{ escalated: number }> {
  const parks = await ctx.db
    .selectFrom('finance_offers')
    .select('park_id')
    .distinct()
    .where('status', 'in', ['pending', 'interested', 'materials_requested'])
    .where('escalated_at', 'is', null)
    .where('due_at', '<', now)
    .where('answered_at', 'is', null)
    .execute();
  let escalated = 0;
  for (const { park_id: parkId } of parks) {
    for (;;) {
      const n = await ctx.db.transaction().execute(async (trx) => {
        const due = await trx
          .selectFrom('finance_offers')
          .select(['id', 'status', 'due_at'])
          .where('park_id', '=', parkId)
          .where('status', 'in', ['pending', 'interested', 'materials_requested'])
          .where('escalated_at', 'is', null)
          .where('due_at', '<', now)
          .where('answered_at', 'is', null)
          .orderBy('due_at')
          .limit(BATCH)
          .forUpdate()
          .skipLocked()
          .execute();
        if (due.length === 0) return 0;
        const rows = await trx
          .updateTable('finance_offers')
          .set({ escalated_at: now, updated_at: now })
          .where('park_id', '=', parkId)
          .where('id', 'in', due.map((d) => d.id))
          .where('escalated_at', 'is', null)
          .returning(['id', 'status', 'due_at', 'bank_id'])
          .execute();
        if (rows.length === 0) return 0;
        await offerEvents.writeMany!(
          trx,
          parkId,
          rows.map((r) => ({
            caseId: r.id,
            event: { action: 'offer.escalated', from_status: r.status, to_status: r.status, actor_id: null, actor_name: '系统', actor_role: 'system', note: `超过答复期限(${shanghaiDate(r.due_at)})未答复,已升级至金融服务中心`, data: { dueAt: r.due_at.toISOString() }, at: now },
          })),
        );
        await recordAudit(
          trx,
          systemActor(parkId, '答复逾期升级'),
          parkId,
          rows.map((r) => ({ action: 'offer.escalate', entity: 'finance_offer', entityId: r.id, before: { escalatedAt: null }, after: { escalatedAt: now } })),
          now,
        );
        const officers = await financeOfficerIds(trx, parkId);
        await ctx.notifier.notify(
          trx,
          officers.map((userId) => ({ parkId, userId, kind: 'finance.escalation', title: `${rows.length}条融资需求超期未获机构答复`, body: '请在“机构答复”中查看逾期答复并督办', link: '/finance/offers?overdue=true' })),
        );
        return rows.length;
      });
      escalated += n;
      if (n < BATCH) break;
    }
  }
  return { escalated };
}

let registered = false;

/** 答复逾期升级: every 10 minutes. */
export function registerOfferEscalationSweep(): void {
  if (registered) return;
  registered = true;
  registerScheduledJob({ name: 'finance-offer-escalation', everyMs: 10 * 60_000, run: (ctx) => escalateOverdueOffers(ctx) });
}
