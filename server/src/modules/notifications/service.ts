import type { FastifyBaseLogger } from 'fastify';
import type { Actor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { loggingSmsChannel, type Notifier, type SmsChannel } from '../../platform/notifications.js';

/** In-site messages are rows; SMS goes through the channel (logged by default) and is kept in sms_log. */
export function createNotifier(log: FastifyBaseLogger, sms: SmsChannel = loggingSmsChannel((m) => log.info(m))): Notifier {
  return {
    async notify(trx, items) {
      if (items.length === 0) return;
      await trx
        .insertInto('notifications')
        .values(items.map((n) => ({ park_id: n.parkId, user_id: n.userId, kind: n.kind, title: n.title, body: n.body ?? null, link: n.link ?? null })))
        .execute();
      const smsItems = items.filter((n) => n.sms);
      if (smsItems.length === 0) return;
      const phones = await trx.selectFrom('users').select(['id', 'phone']).where('id', 'in', smsItems.map((n) => n.userId)).execute();
      const phoneOf = new Map(phones.map((p) => [p.id, p.phone]));
      for (const n of smsItems) {
        const phone = phoneOf.get(n.userId) ?? null;
        const text = `【园企通】${n.title}${n.body ? `:${n.body}` : ''}`;
        let status = 'no-phone';
        if (phone) {
          try {
            await sms.send(phone, text);
            status = 'sent';
          } catch {
            status = 'failed';
          }
        }
        await trx.insertInto('sms_log').values({ park_id: n.parkId, user_id: n.userId, phone, text, status }).execute();
      }
    },
  };
}

export async function listNotifications(ctx: AppContext, actor: Actor, query: { unread?: boolean; page: number; pageSize: number }) {
  let q = ctx.db.selectFrom('notifications').where('park_id', '=', actor.parkId).where('user_id', '=', actor.userId);
  if (query.unread) q = q.where('read_at', 'is', null);
  const items = await q.selectAll().orderBy('created_at', 'desc').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();
  const counts = await ctx.db
    .selectFrom('notifications')
    .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.count<number>('read_at').as('read')])
    .where('park_id', '=', actor.parkId)
    .where('user_id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  return {
    items: items.map((n) => ({ id: n.id, kind: n.kind, title: n.title, body: n.body, link: n.link, readAt: n.read_at?.toISOString() ?? null, createdAt: n.created_at.toISOString() })),
    total: Number(counts.total),
    unread: Number(counts.total) - Number(counts.read),
  };
}

export async function markRead(ctx: AppContext, actor: Actor, ids: string[] | 'all') {
  let q = ctx.db.updateTable('notifications').set({ read_at: ctx.clock.now() }).where('park_id', '=', actor.parkId).where('user_id', '=', actor.userId).where('read_at', 'is', null);
  if (ids !== 'all') q = q.where('id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000']);
  const r = await q.executeTakeFirst();
  return { updated: Number(r.numUpdatedRows) };
}
