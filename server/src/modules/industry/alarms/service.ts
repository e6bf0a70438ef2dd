import {
  ALARM_EVENT_LABELS,
  ALARM_SEVERITIES,
  alarmConditionText,
  type AlarmAction,
  type AlarmComparison,
  type AlarmDetailView,
  type AlarmKind,
  type AlarmSeverity,
  type AlarmStatus,
  type AlarmSummary,
  type AlarmView,
  type Paged,
  type ZAlarmListQuery,
} from '@yuanqi/contract';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../../db/schema.js';
import type { DeviceMetricJson } from '../../../db/schema-industry.js';
import { can, type Actor } from '../../../platform/actor.js';
import type { AppContext } from '../../../platform/context.js';
import { conflict, notFound } from '../../../platform/errors.js';
import type { NotificationInput } from '../../../platform/notifications.js';
import { enterpriseScopeOf, inEnterpriseScope } from '../../../platform/scope.js';
import { commitTransition, presentCaseEvent } from '../../../platform/workflow/index.js';
import { requireIndustryAccess } from '../access.js';
import { metricInfo } from './evaluate.js';
import { alarmEventLog, alarmStore, alarmWorkflow, type AlarmParty, type AlarmRow } from './workflow.js';

type Executor = Kysely<DB> | Transaction<DB>;
type ListQuery = z.output<typeof ZAlarmListQuery>;

function baseQuery(db: Executor, actor: Actor) {
  const scope = enterpriseScopeOf(actor);
  return db
    .selectFrom('iot_alarms as a')
    .innerJoin('iot_devices as d', 'd.id', 'a.device_id')
    .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
    .leftJoin('iot_alarm_rules as r', 'r.id', 'a.rule_id')
    .leftJoin('iot_device_types as t', (j) => j.onRef('t.park_id', '=', 'd.park_id').onRef('t.code', '=', 'd.type_code'))
    .leftJoin('users as ua', 'ua.id', 'a.acknowledged_by')
    .leftJoin('users as uc', 'uc.id', 'a.closed_by')
    .where(inEnterpriseScope<any, any>(scope, 'a.park_id', 'a.enterprise_id'));
}

const COLUMNS = [
  'a.id',
  'a.park_id',
  'a.kind',
  'a.title',
  'a.status',
  'a.severity',
  'a.enterprise_id',
  'e.name as enterprise_name',
  'e.liaison_id',
  'a.device_id',
  'd.name as device_name',
  'd.code as device_code',
  'd.type_code',
  'd.online as device_online',
  'd.last_values',
  't.metrics',
  'a.rule_id',
  'r.name as rule_name',
  'r.comparison',
  'r.threshold',
  'r.for_minutes',
  'a.metric',
  'a.breach_started_at',
  'a.raised_at',
  'a.trigger_value',
  'a.peak_value',
  'a.cleared_at',
  'a.acknowledged_at',
  'ua.display_name as acknowledged_by_name',
  'a.closed_at',
  'uc.display_name as closed_by_name',
  'a.close_note',
  'a.version',
] as const;

type Joined = {
  id: string;
  park_id: string;
  kind: string;
  title: string;
  status: string;
  severity: string;
  enterprise_id: string;
  enterprise_name: string;
  liaison_id: string | null;
  device_id: string;
  device_name: string;
  device_code: string;
  type_code: string;
  device_online: boolean;
  last_values: unknown;
  metrics: unknown;
  rule_id: string | null;
  rule_name: string | null;
  comparison: string | null;
  threshold: number | null;
  for_minutes: number | null;
  metric: string | null;
  breach_started_at: Date;
  raised_at: Date;
  trigger_value: number | null;
  peak_value: number | null;
  cleared_at: Date | null;
  acknowledged_at: Date | null;
  acknowledged_by_name: string | null;
  closed_at: Date | null;
  closed_by_name: string | null;
  close_note: string | null;
  version: number;
};

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function present(r: Joined): AlarmView {
  const m = r.metric ? metricInfo((r.metrics ?? []) as DeviceMetricJson[], r.type_code, r.metric) : null;
  return {
    id: r.id,
    kind: r.kind as AlarmKind,
    title: r.title,
    status: r.status as AlarmStatus,
    severity: r.severity as AlarmSeverity,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    deviceId: r.device_id,
    deviceName: r.device_name,
    deviceCode: r.device_code,
    ruleId: r.rule_id,
    ruleName: r.rule_name,
    metric: r.metric,
    metricLabel: m?.label ?? null,
    unit: m?.unit ?? '',
    conditionText: r.rule_id && m && r.comparison ? alarmConditionText(m.label, r.comparison as AlarmComparison, Number(r.threshold), m.unit, Number(r.for_minutes)) : null,
    breachStartedAt: iso(r.breach_started_at)!,
    raisedAt: iso(r.raised_at)!,
    triggerValue: r.trigger_value,
    peakValue: r.peak_value,
    clearedAt: iso(r.cleared_at),
    acknowledgedAt: iso(r.acknowledged_at),
    acknowledgedByName: r.acknowledged_by_name,
    closedAt: iso(r.closed_at),
    closedByName: r.closed_by_name,
    closeNote: r.close_note,
    version: r.version,
  };
}

/** The actor's parties for an alarm of a firm (see workflow.ts). */
export function partiesOf(actor: Actor, alarm: { enterprise_id: string; liaison_id: string | null }): Set<AlarmParty> {
  const parties = new Set<AlarmParty>();
  if (can(actor, 'industry:manage')) parties.add('office');
  if (can(actor, 'industry:report')) {
    if (actor.enterpriseId && actor.enterpriseId === alarm.enterprise_id) parties.add('firm');
    if (alarm.liaison_id && alarm.liaison_id === actor.userId) parties.add('liaison');
  }
  return parties;
}

/** 设备告警: the office sees the park's, a liaison its firms', a firm its own; newest first, live ones ahead. */
export async function listAlarms(ctx: AppContext, actor: Actor, query: ListQuery): Promise<Paged<AlarmView>> {
  requireIndustryAccess(actor);
  let q = baseQuery(ctx.db, actor);
  if (query.status && query.status.length > 0) q = q.where('a.status', 'in', query.status);
  if (query.severity) q = q.where('a.severity', '=', query.severity);
  if (query.enterpriseId) q = q.where('a.enterprise_id', '=', query.enterpriseId);
  if (query.deviceId) q = q.where('a.device_id', '=', query.deviceId);
  if (query.active === 'true') q = q.where('a.cleared_at', 'is', null).where('a.status', '!=', 'closed');
  if (query.active === 'false') q = q.where((eb) => eb.or([eb('a.cleared_at', 'is not', null), eb('a.status', '=', 'closed')]));
  if (query.q) {
    const like = `%${query.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('a.title', 'ilike', like), eb('d.name', 'ilike', like), eb('d.code', 'ilike', like), eb('e.name', 'ilike', like)]));
  }
  const [{ total }, rows] = await Promise.all([
    q.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
    q
      .select(COLUMNS)
      .orderBy(sql`case a.status when 'open' then 0 when 'acknowledged' then 1 else 2 end`)
      .orderBy('a.raised_at', 'desc')
      .orderBy('a.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
  ]);
  return { items: (rows as unknown as Joined[]).map(present), total, page: query.page, pageSize: query.pageSize };
}

/** The board's figures over the actor's scope. */
export async function alarmSummary(ctx: AppContext, actor: Actor): Promise<AlarmSummary> {
  requireIndustryAccess(actor);
  const since = new Date(ctx.clock.now().getTime() - 7 * 86_400_000);
  const rows = await baseQuery(ctx.db, actor)
    .select([
      'a.severity',
      sql<number>`count(*) filter (where a.status = 'open')::int`.as('open'),
      sql<number>`count(*) filter (where a.status = 'acknowledged')::int`.as('acknowledged'),
      sql<number>`count(*) filter (where a.status <> 'closed' and a.cleared_at is null)::int`.as('active'),
      sql<number>`count(*) filter (where a.status = 'closed' and a.closed_at >= ${since})::int`.as('closed_recent'),
    ])
    .groupBy('a.severity')
    .execute();
  const bySeverity = Object.fromEntries(ALARM_SEVERITIES.map((s) => [s, 0])) as Record<AlarmSeverity, number>;
  const out: AlarmSummary = { open: 0, acknowledged: 0, bySeverity, active: 0, closedLast7Days: 0 };
  for (const r of rows) {
    out.open += r.open;
    out.acknowledged += r.acknowledged;
    out.active += r.active;
    out.closedLast7Days += r.closed_recent;
    if (r.severity in bySeverity) bySeverity[r.severity as AlarmSeverity] += r.open + r.acknowledged;
  }
  return out;
}

async function findJoined(db: Executor, actor: Actor, id: string): Promise<Joined | undefined> {
  return (await baseQuery(db, actor).select(COLUMNS).where('a.id', '=', id).executeTakeFirst()) as unknown as Joined | undefined;
}

export async function getAlarm(ctx: AppContext, actor: Actor, id: string): Promise<AlarmDetailView> {
  requireIndustryAccess(actor);
  const row = await findJoined(ctx.db, actor, id);
  if (!row) throw notFound('告警');
  const events = await alarmEventLog.list(ctx.db, row.park_id, row.id);
  const lastValues = (row.last_values ?? {}) as Record<string, { value: number; ts: string }>;
  return {
    ...present(row),
    actions: alarmWorkflow.allowedActions({ status: row.status as AlarmStatus }, partiesOf(actor, row)) as AlarmAction[],
    timeline: events.map((e) => presentCaseEvent<string, AlarmStatus>(e, ALARM_EVENT_LABELS)),
    lastValue: row.metric && lastValues[row.metric] ? lastValues[row.metric]! : null,
    deviceOnline: row.device_online,
  };
}

/**
 * 确认 / 关闭: out of scope 404, wrong state 409, not the actor's step 403, missing note 400; the
 * change goes through the kit's commitTransition (conditional update, timeline, audit, notices).
 * A closed alarm tells the firm and liaison who did not close it themselves.
 */
export async function actOnAlarm(ctx: AppContext, actor: Actor, id: string, action: AlarmAction, input: { note?: string | null; version?: number }): Promise<AlarmDetailView> {
  requireIndustryAccess(actor);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const joined = await findJoined(trx, actor, id);
    if (!joined) throw notFound('告警');
    const row = (await trx.selectFrom('iot_alarms').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow()) as AlarmRow;
    if (input.version !== undefined && input.version !== row.version) throw conflict('告警已被他人处理,请刷新后重试');
    const parties = partiesOf(actor, joined);
    const transition = alarmWorkflow.check(row as AlarmRow & { status: AlarmStatus }, action, parties, { note: input.note ?? null });
    const party = alarmWorkflow.partyFor(transition, parties) ?? null;
    const to = alarmWorkflow.target(transition, row as AlarmRow & { status: AlarmStatus }, { note: input.note ?? null });
    const patch: Record<string, unknown> = { updated_at: now, version: row.version + 1 };
    const notes: NotificationInput[] = [];
    if (action === 'acknowledge') {
      patch.acknowledged_at = now;
      patch.acknowledged_by = actor.userId;
    } else {
      patch.closed_at = now;
      patch.closed_by = actor.userId;
      patch.close_note = input.note!.trim();
      if (!row.acknowledged_at) {
        patch.acknowledged_at = now;
        patch.acknowledged_by = actor.userId;
      }
      const users = await trx
        .selectFrom('users')
        .select('id')
        .where('park_id', '=', row.park_id)
        .where('enterprise_id', '=', row.enterprise_id)
        .where('is_active', '=', true)
        .execute();
      const recipients = new Set([...users.map((u) => u.id), ...(joined.liaison_id ? [joined.liaison_id] : [])]);
      recipients.delete(actor.userId);
      for (const userId of recipients) {
        notes.push({ parkId: row.park_id, userId, kind: 'industry.alarm_closed', title: `告警已关闭:${row.title}`, body: `处理说明:${input.note!.trim()}`, link: `/industry/alarms/${row.id}` });
      }
    }
    await commitTransition(trx, ctx, actor, alarmStore, {
      row: row as AlarmRow,
      to,
      patch,
      now,
      event: { action, actorRole: party, note: input.note?.trim() || null },
      auditAction: `alarm.${action}`,
      notes,
    });
  });
  return getAlarm(ctx, actor, id);
}
