import {
  FINANCE_PARAMETERS,
  FINANCE_PARAMETER_KEYS,
  type FinanceParameterKey,
  type FinanceParameterView,
  type SetFinanceParameterRequest,
} from '@yuanqi/contract';
import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { shanghaiDate } from '../../platform/calendar/index.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { DB } from '../../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * The value of a dated finance parameter on `day` (YYYY-MM-DD, Asia/Shanghai): the version with the
 * latest `valid_from` on or before that day, else the built-in default. A loan takes the value of
 * its disbursement day; a change applies from its date and never rewrites what was fixed before.
 */
export async function parameterOn(db: Executor, parkId: string, key: FinanceParameterKey, day: string): Promise<number> {
  const row = await db
    .selectFrom('finance_parameters')
    .select('value')
    .where('park_id', '=', parkId)
    .where('key', '=', key)
    .where('valid_from', '<=', day)
    .orderBy('valid_from', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? Number(row.value) : FINANCE_PARAMETERS[key].defaultValue;
}

/** Several parameters on one day, one query. */
export async function parametersOn<K extends FinanceParameterKey>(db: Executor, parkId: string, keys: readonly K[], day: string): Promise<Record<K, number>> {
  const rows = await db
    .selectFrom('finance_parameters')
    .select(['key', 'value', 'valid_from'])
    .where('park_id', '=', parkId)
    .where('key', 'in', keys as readonly string[])
    .where('valid_from', '<=', day)
    .orderBy('valid_from', 'desc')
    .execute();
  const out = {} as Record<K, number>;
  for (const key of keys) {
    const hit = rows.find((r) => r.key === key);
    out[key] = hit ? Number(hit.value) : FINANCE_PARAMETERS[key].defaultValue;
  }
  return out;
}

/**
 * Every version of a parameter in force at some time in [from, to]: for computations that cross a
 * change (a fee over a period in which the rate changed is still taken at the disbursement day's
 * rate, but statistics may want the history).
 */
export async function parameterVersions(db: Executor, parkId: string, key: FinanceParameterKey): Promise<{ validFrom: string; value: number }[]> {
  const rows = await db
    .selectFrom('finance_parameters')
    .select(['valid_from', 'value'])
    .where('park_id', '=', parkId)
    .where('key', '=', key)
    .orderBy('valid_from', 'asc')
    .execute();
  return rows.map((r) => ({ validFrom: r.valid_from, value: Number(r.value) }));
}

export async function listParameters(ctx: AppContext, actor: Actor): Promise<FinanceParameterView[]> {
  const today = shanghaiDate(ctx.clock.now());
  const rows = await ctx.db
    .selectFrom('finance_parameters as p')
    .leftJoin('users as u', 'u.id', 'p.created_by')
    .select(['p.id', 'p.key', 'p.valid_from', 'p.value', 'p.note', 'p.created_at', 'u.display_name as created_by_name'])
    .where('p.park_id', '=', actor.parkId)
    .orderBy('p.key')
    .orderBy('p.valid_from', 'desc')
    .execute();
  return FINANCE_PARAMETER_KEYS.map((key) => {
    const meta = FINANCE_PARAMETERS[key];
    const mine = rows.filter((r) => r.key === key);
    const current = mine.find((r) => r.valid_from <= today);
    return {
      ...meta,
      key,
      current: current ? Number(current.value) : meta.defaultValue,
      versions: [
        ...mine.map((r) => ({ id: r.id, key, validFrom: r.valid_from, value: Number(r.value), note: r.note, createdAt: r.created_at.toISOString(), createdBy: r.created_by_name })),
        { id: null, key, validFrom: null, value: meta.defaultValue, note: '系统默认值', createdAt: null, createdBy: null },
      ],
    };
  });
}

/** Adds (or replaces, on the same start date) a dated version. */
export async function setParameter(ctx: AppContext, actor: Actor, input: SetFinanceParameterRequest): Promise<FinanceParameterView> {
  const meta = FINANCE_PARAMETERS[input.key];
  if (input.value < meta.min || input.value > meta.max) {
    throw new AppError('VALIDATION_FAILED', `${meta.label}应在 ${meta.min} 至 ${meta.max} 之间`, [{ path: 'value', message: `${meta.label}应在 ${meta.min} 至 ${meta.max} 之间(单位:${meta.unit})` }]);
  }
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('finance_parameters')
      .select(['value', 'note'])
      .where('park_id', '=', actor.parkId)
      .where('key', '=', input.key)
      .where('valid_from', '=', input.validFrom)
      .forUpdate()
      .executeTakeFirst();
    const row = await trx
      .insertInto('finance_parameters')
      .values({ park_id: actor.parkId, key: input.key, valid_from: input.validFrom, value: input.value, note: input.note ?? null, created_by: actor.userId, created_at: now })
      .onConflict((oc) => oc.columns(['park_id', 'key', 'valid_from']).doUpdateSet({ value: input.value, note: input.note ?? null, created_by: actor.userId, created_at: now }))
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, actor.parkId, [
      { action: before ? 'update' : 'create', entity: 'finance_parameter', entityId: row.id, before: before ? { key: input.key, validFrom: input.validFrom, value: Number(before.value) } : null, after: { key: input.key, validFrom: input.validFrom, value: input.value, note: input.note ?? null } },
    ], now);
  });
  return (await listParameters(ctx, actor)).find((p) => p.key === input.key)!;
}
