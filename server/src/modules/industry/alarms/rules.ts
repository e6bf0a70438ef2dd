import { alarmConditionText, type AlarmComparison, type AlarmRuleOptions, type AlarmRuleView, type AlarmSeverity, type ZAlarmRuleRequest } from '@yuanqi/contract';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { DeviceMetricJson } from '../../../db/schema-industry.js';
import type { Actor } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit.js';
import type { AppContext } from '../../../platform/context.js';
import { notFound, validationError } from '../../../platform/errors.js';
import { ensureIndustryDefaults } from '../defaults.js';
import { forgetAlarmRules, metricInfo, type RuleRow } from './evaluate.js';

type RuleInput = z.output<typeof ZAlarmRuleRequest>;

type RuleListRow = RuleRow & {
  type_label: string | null;
  device_name: string | null;
  device_code: string | null;
  device_type: string | null;
  enterprise_name: string | null;
  metrics: DeviceMetricJson[] | null;
  live_alarms: number;
};

const ruleSnapshot = (r: RuleRow) => ({
  name: r.name,
  typeCode: r.type_code,
  deviceId: r.device_id,
  metric: r.metric,
  comparison: r.comparison,
  threshold: r.threshold,
  forMinutes: r.for_minutes,
  severity: r.severity,
  enabled: r.enabled,
});

function present(r: RuleListRow): AlarmRuleView {
  const typeCode = r.type_code ?? r.device_type ?? '';
  const m = metricInfo(r.metrics ?? [], typeCode, r.metric);
  return {
    id: r.id,
    name: r.name,
    scope: r.device_id ? 'device' : 'type',
    typeCode: r.type_code,
    typeLabel: r.type_label,
    deviceId: r.device_id,
    deviceName: r.device_name,
    deviceCode: r.device_code,
    enterpriseName: r.enterprise_name,
    metric: r.metric,
    metricLabel: m.label,
    unit: m.unit,
    comparison: r.comparison as AlarmComparison,
    threshold: r.threshold,
    forMinutes: r.for_minutes,
    severity: r.severity as AlarmSeverity,
    enabled: r.enabled,
    conditionText: alarmConditionText(m.label, r.comparison as AlarmComparison, r.threshold, m.unit, r.for_minutes),
    liveAlarms: Number(r.live_alarms),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

async function listRows(ctx: AppContext, parkId: string, id?: string): Promise<RuleListRow[]> {
  const rows = await sql<RuleListRow>`
    select r.*, coalesce(t.label, dt.label) as type_label, d.name as device_name, d.code as device_code, d.type_code as device_type,
           e.name as enterprise_name, coalesce(t.metrics, dt.metrics) as metrics,
           (select count(*)::int from iot_alarms a where a.rule_id = r.id and a.status in ('open', 'acknowledged')) as live_alarms
      from iot_alarm_rules r
      left join iot_devices d on d.id = r.device_id
      left join enterprises e on e.id = d.enterprise_id
      left join iot_device_types t on t.park_id = r.park_id and t.code = r.type_code
      left join iot_device_types dt on dt.park_id = d.park_id and dt.code = d.type_code
     where r.park_id = ${parkId} ${id ? sql`and r.id = ${id}` : sql``}
     order by r.enabled desc, r.created_at desc`.execute(ctx.db);
  return rows.rows;
}

export async function listRules(ctx: AppContext, actor: Actor): Promise<AlarmRuleView[]> {
  return (await listRows(ctx, actor.parkId)).map(present);
}

async function getRule(ctx: AppContext, parkId: string, id: string): Promise<AlarmRuleView> {
  const [row] = await listRows(ctx, parkId, id);
  if (!row) throw notFound('告警规则');
  return present(row);
}

/** The device types (with metrics) and devices a rule may name. */
export async function ruleOptions(ctx: AppContext, actor: Actor): Promise<AlarmRuleOptions> {
  await ensureIndustryDefaults(ctx.db, actor.parkId);
  const [types, devices] = await Promise.all([
    ctx.db.selectFrom('iot_device_types').select(['code', 'label', 'metrics']).where('park_id', '=', actor.parkId).orderBy('builtin', 'desc').orderBy('code').execute(),
    ctx.db
      .selectFrom('iot_devices as d')
      .innerJoin('enterprises as e', 'e.id', 'd.enterprise_id')
      .select(['d.id', 'd.code', 'd.name', 'd.type_code', 'e.name as enterprise_name'])
      .where('d.park_id', '=', actor.parkId)
      .where('d.status', '=', 'active')
      .orderBy('e.name')
      .orderBy('d.code')
      .limit(5000)
      .execute(),
  ]);
  return {
    types: types.map((t) => ({ code: t.code, label: t.label, metrics: (t.metrics as unknown as DeviceMetricJson[]).map((m) => ({ key: m.key, label: m.label, unit: m.unit, kind: m.kind })) })),
    devices: devices.map((d) => ({ id: d.id, code: d.code, name: d.name, typeCode: d.type_code, enterpriseName: d.enterprise_name })),
  };
}

/** The rule's columns after checking that its type or device exists in the park and has the metric. */
async function checked(ctx: AppContext, parkId: string, input: RuleInput) {
  await ensureIndustryDefaults(ctx.db, parkId);
  let typeCode: string;
  if (input.scope === 'device') {
    const device = await ctx.db.selectFrom('iot_devices').select(['id', 'type_code']).where('park_id', '=', parkId).where('id', '=', input.deviceId!).executeTakeFirst();
    if (!device) throw validationError([{ path: 'deviceId', message: '设备不存在' }]);
    typeCode = device.type_code;
  } else {
    typeCode = input.typeCode!;
  }
  const type = await ctx.db.selectFrom('iot_device_types').select('metrics').where('park_id', '=', parkId).where('code', '=', typeCode).executeTakeFirst();
  if (!type) throw validationError([{ path: 'typeCode', message: '设备类型不存在' }]);
  const metrics = type.metrics as unknown as DeviceMetricJson[];
  if (!metrics.some((m) => m.key === input.metric)) {
    throw validationError([{ path: 'metric', message: `该设备类型没有指标“${input.metric}”,可选:${metrics.map((m) => m.label).join('、')}` }]);
  }
  return {
    name: input.name,
    type_code: input.scope === 'type' ? typeCode : null,
    device_id: input.scope === 'device' ? input.deviceId! : null,
    metric: input.metric,
    comparison: input.comparison,
    threshold: input.threshold,
    for_minutes: input.forMinutes,
    severity: input.severity,
    enabled: input.enabled,
  };
}

export async function createRule(ctx: AppContext, actor: Actor, input: RuleInput): Promise<AlarmRuleView> {
  const values = await checked(ctx, actor.parkId, input);
  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('iot_alarm_rules')
      .values({ ...values, park_id: actor.parkId, created_by: actor.userId, created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'alarm_rule.create', entity: 'iot_alarm_rule', entityId: row.id, before: null, after: ruleSnapshot(row) }], now);
    return row.id;
  });
  forgetAlarmRules(actor.parkId);
  return getRule(ctx, actor.parkId, id);
}

/**
 * Changes a rule. Its watch state starts over (a changed threshold or duration must not inherit a
 * breach measured against the old one); live alarms it raised stay as they are.
 */
export async function updateRule(ctx: AppContext, actor: Actor, id: string, input: RuleInput): Promise<AlarmRuleView> {
  const values = await checked(ctx, actor.parkId, input);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('iot_alarm_rules').selectAll().where('park_id', '=', actor.parkId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound('告警规则');
    const after = await trx.updateTable('iot_alarm_rules').set({ ...values, updated_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await trx.deleteFrom('iot_alarm_watch').where('rule_id', '=', id).execute();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'alarm_rule.update', entity: 'iot_alarm_rule', entityId: id, before: ruleSnapshot(before), after: ruleSnapshot(after) }], now);
  });
  forgetAlarmRules(actor.parkId);
  return getRule(ctx, actor.parkId, id);
}

/** 启用/停用: a disabled rule is not evaluated and its watch state is dropped. */
export async function setRuleEnabled(ctx: AppContext, actor: Actor, id: string, enabled: boolean): Promise<AlarmRuleView> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('iot_alarm_rules').selectAll().where('park_id', '=', actor.parkId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound('告警规则');
    if (before.enabled === enabled) return;
    const after = await trx.updateTable('iot_alarm_rules').set({ enabled, updated_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await trx.deleteFrom('iot_alarm_watch').where('rule_id', '=', id).execute();
    await recordAudit(trx, actor, actor.parkId, [{ action: enabled ? 'alarm_rule.enable' : 'alarm_rule.disable', entity: 'iot_alarm_rule', entityId: id, before: ruleSnapshot(before), after: ruleSnapshot(after) }], now);
  });
  forgetAlarmRules(actor.parkId);
  return getRule(ctx, actor.parkId, id);
}

/** Deletes a rule: its watch state goes with it; its alarms stay (they keep their title and metric, rule unset). */
export async function deleteRule(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('iot_alarm_rules').selectAll().where('park_id', '=', actor.parkId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound('告警规则');
    await trx.deleteFrom('iot_alarm_rules').where('id', '=', id).execute();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'alarm_rule.delete', entity: 'iot_alarm_rule', entityId: id, before: ruleSnapshot(before), after: null }], now);
  });
  forgetAlarmRules(actor.parkId);
}
