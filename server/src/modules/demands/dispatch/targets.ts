/** Monthly targets 月战图: each liaison's target for a month, set by the office, against what was done. */
import type { PutTargetsRequest, TargetsView } from '@yuanqi/contract';
import type { Actor } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit.js';
import type { AppContext } from '../../../platform/context.js';
import { AppError, forbidden } from '../../../platform/errors.js';
import { enterpriseScopeOf } from '../../../platform/scope.js';
import { findActiveStaff } from '../cases/repository.js';
import { activeLiaisons, namesOf, type StatsRange } from '../stats/repository.js';
import { rangeOf } from '../stats/service.js';
import * as repo from './targets-repository.js';

function monthRange(month: string): StatsRange {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return rangeOf(`${month}-01`, last);
}

/** Each officer's target for the month against what was done (visits, demands answered, 代办). */
export async function getTargets(ctx: AppContext, actor: Actor, month: string): Promise<TargetsView> {
  const scope = enterpriseScopeOf(actor);
  if (scope.kind !== 'park' && scope.kind !== 'liaison') throw forbidden('没有查看月战图的权限');
  const officerId = scope.kind === 'liaison' ? actor.userId : null;
  const targets = await repo.targetsOf(ctx.db, actor.parkId, month);
  const actuals = await repo.actualsByOfficer(ctx.db, actor.parkId, monthRange(month), officerId);
  const liaisons = officerId ? [] : await activeLiaisons(ctx.db, actor.parkId);
  const ids = officerId ? new Set([officerId]) : new Set<string>([...liaisons.map((l) => l.id), ...targets.map((t) => t.user_id)]);
  const names = await namesOf(ctx.db, actor.parkId, [...ids]);
  const order = new Map(liaisons.map((l, i) => [l.id, i]));
  const items = [...ids]
    .map((userId) => {
      const t = targets.find((x) => x.user_id === userId);
      const a = actuals.find((x) => x.user_id === userId);
      return {
        userId,
        displayName: names.get(userId) ?? '未知人员',
        target: t ? { visits: t.visits_target, demandsResolved: t.resolved_target, daiban: t.daiban_target } : null,
        actual: { visits: a?.visits ?? 0, demandsResolved: a?.resolved ?? 0, daiban: a?.daiban ?? 0 },
      };
    })
    .sort((a, b) => (order.get(a.userId) ?? 1e9) - (order.get(b.userId) ?? 1e9) || a.displayName.localeCompare(b.displayName, 'zh'));
  return { month, items };
}

export async function putTargets(ctx: AppContext, actor: Actor, month: string, input: PutTargetsRequest): Promise<TargetsView> {
  const now = ctx.clock.now();
  const seen = new Set<string>();
  input.items.forEach((item, i) => {
    if (seen.has(item.userId)) throw new AppError('VALIDATION_FAILED', '同一专员的目标重复', [{ path: `items.${i}.userId`, message: '重复' }]);
    seen.add(item.userId);
  });
  await ctx.db.transaction().execute(async (trx) => {
    const audits = [];
    for (const [i, item] of input.items.entries()) {
      const user = await findActiveStaff(trx, actor.parkId, item.userId, ['liaison']);
      if (!user) throw new AppError('VALIDATION_FAILED', '用户不存在、已停用或不是驻企专员', [{ path: `items.${i}.userId`, message: '不是本园区的驻企专员' }]);
      const before = await repo.upsertTarget(trx, {
        park_id: actor.parkId,
        user_id: item.userId,
        month,
        visits_target: item.visits,
        resolved_target: item.demandsResolved,
        daiban_target: item.daiban,
        updated_by: actor.userId,
        updated_at: now,
      });
      audits.push({
        action: before ? 'update' : 'create',
        entity: 'officer_target',
        entityId: `${month}:${item.userId}`,
        before: before ? { visits: before.visits_target, demandsResolved: before.resolved_target, daiban: before.daiban_target } : null,
        after: { visits: item.visits, demandsResolved: item.demandsResolved, daiban: item.daiban },
      });
    }
    await recordAudit(trx, actor, actor.parkId, audits, now);
  });
  return getTargets(ctx, actor, month);
}
