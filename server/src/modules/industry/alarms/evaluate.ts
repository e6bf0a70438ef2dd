import { ALARM_SEVERITY_LABELS, alarmConditionText, breaches, type AlarmComparison, type AlarmSeverity } from '@yuanqi/contract';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { DeviceMetricJson, IotAlarmRulesTable } from '../../../db/schema-industry.js';
import { recordAudit } from '../../../platform/audit.js';
import type { AppContext } from '../../../platform/context.js';
import type { NotificationInput } from '../../../platform/notifications.js';
import { enterpriseUserIds } from '../../../platform/park-users.js';
import { commitTransition } from '../../../platform/workflow/index.js';
import { alarmEventLog, alarmSnapshot, alarmStore, type AlarmRow } from './workflow.js';

export type IngestedDevice = { id: string; parkId: string; enterpriseId: string; typeCode: string; name: string };
export type IngestedReading = { metric: string; ts: Date; value: number };

export type RuleRow = Selectable<IotAlarmRulesTable>;
type Executor = Kysely<DB> | Transaction<DB>;

// ------------------------------------------------------------------ the park's rules, cached

/** How long a process reuses a park's enabled rules (a rule change in this process drops them at once). */
export const RULE_CACHE_MS = 5_000;
type ParkRules = { loadedAt: number; rules: RuleRow[]; metrics: Map<string, DeviceMetricJson[]> };
const cache = new Map<string, ParkRules>();

/** Drops the cached rules of a park (every park without an argument): rule CRUD calls it. */
export function forgetAlarmRules(parkId?: string): void {
  if (parkId) cache.delete(parkId);
  else cache.clear();
}

async function parkRules(db: Executor, parkId: string): Promise<ParkRules> {
  const hit = cache.get(parkId);
  if (hit && Date.now() - hit.loadedAt < RULE_CACHE_MS) return hit;
  const [rules, types] = await Promise.all([
    db.selectFrom('iot_alarm_rules').selectAll().where('park_id', '=', parkId).where('enabled', '=', true).execute(),
    db.selectFrom('iot_device_types').select(['code', 'metrics']).where('park_id', '=', parkId).execute(),
  ]);
  const entry: ParkRules = { loadedAt: Date.now(), rules, metrics: new Map(types.map((t) => [t.code, t.metrics as unknown as DeviceMetricJson[]])) };
  cache.set(parkId, entry);
  return entry;
}

/** A metric's label and unit on a device type (the key itself when the type lost it). */
export function metricInfo(metrics: Map<string, DeviceMetricJson[]> | DeviceMetricJson[] | undefined, typeCode: string, key: string): { label: string; unit: string } {
  const list = Array.isArray(metrics) ? metrics : metrics?.get(typeCode);
  const m = list?.find((x) => x.key === key);
  return { label: m?.label ?? key, unit: m?.unit ?? '' };
}

export const ruleApplies = (rule: Pick<RuleRow, 'type_code' | 'device_id'>, device: Pick<IngestedDevice, 'id' | 'typeCode'>) =>
  rule.device_id === device.id || (rule.device_id === null && rule.type_code === device.typeCode);

/** The more extreme of two values in the rule's direction (the peak of a breach). */
const extreme = (comparison: string, a: number | null, b: number) => (a === null ? b : comparison === 'gt' || comparison === 'gte' ? Math.max(a, b) : Math.min(a, b));

// ------------------------------------------------------------------ raising

type RaiseInput = {
  device: { id: string; parkId: string; enterpriseId: string; name: string; typeCode: string };
  rule: RuleRow;
  metric: { label: string; unit: string };
  breachSince: Date;
  value: number;
  peak: number;
  now: Date;
};

/**
 * Raises one alarm for a sustained breach (insert … on conflict do nothing on the live partial
 * index: at most one live alarm per device and rule), writes its first timeline event and audit
 * entry, and tells the firm's users and its liaison (critical: by SMS too). Null when a live alarm
 * already exists.
 */
export async function raiseAlarm(trx: Transaction<DB>, ctx: Pick<AppContext, 'notifier'>, input: RaiseInput): Promise<AlarmRow | null> {
  const { device, rule, metric, now } = input;
  const condition = alarmConditionText(metric.label, rule.comparison as AlarmComparison, rule.threshold, metric.unit, rule.for_minutes);
  const inserted = await sql<AlarmRow>`
    insert into iot_alarms (park_id, enterprise_id, device_id, rule_id, kind, metric, severity, title, status, breach_started_at, raised_at, trigger_value, peak_value, updated_at)
    values (${device.parkId}, ${device.enterpriseId}, ${device.id}, ${rule.id}, 'threshold', ${rule.metric}, ${rule.severity}, ${`${rule.name}:${device.name}`.slice(0, 120)},
            'open', ${input.breachSince}, ${now}, ${input.value}, ${input.peak}, ${now})
    on conflict (device_id, rule_id) where status in ('open', 'acknowledged') and rule_id is not null do nothing
    returning *`.execute(trx);
  const alarm = inserted.rows[0];
  if (!alarm) return null;
  const valueText = `${input.value}${metric.unit ? ` ${metric.unit}` : ''}`;
  await alarmEventLog.write(trx, device.parkId, alarm.id, [
    {
      action: 'alarm.raised',
      from_status: null,
      to_status: 'open',
      actor_id: null,
      actor_name: '系统',
      actor_role: 'system',
      note: `${condition},触发值 ${valueText}`,
      data: { ruleId: rule.id, value: input.value, breachSince: input.breachSince.toISOString() },
      at: now,
    },
  ]);
  await recordAudit(trx, null, device.parkId, [{ action: 'alarm.raise', entity: 'iot_alarm', entityId: alarm.id, before: null, after: alarmSnapshot(alarm) }], now);
  const firm = await trx.selectFrom('enterprises').select(['liaison_id']).where('id', '=', device.enterpriseId).executeTakeFirst();
  const users = (await enterpriseUserIds(trx, device.parkId, [device.enterpriseId])).get(device.enterpriseId) ?? [];
  const recipients = new Set([...users, ...(firm?.liaison_id ? [firm.liaison_id] : [])]);
  const severity = ALARM_SEVERITY_LABELS[rule.severity as AlarmSeverity] ?? rule.severity;
  const notes: NotificationInput[] = [...recipients].map((userId) => ({
    parkId: device.parkId,
    userId,
    kind: 'industry.alarm_raised',
    title: `【${severity}】设备告警:${device.name} ${rule.name}`,
    body: `${condition},触发值 ${valueText}。请尽快确认并处理。`,
    link: `/industry/alarms/${alarm.id}`,
    sms: rule.severity === 'critical',
  }));
  if (notes.length > 0) await ctx.notifier.notify(trx, notes);
  return alarm;
}

/** The live alarm's condition came back after it had cleared: the same alarm again (no new one while it is live). */
async function recurAlarm(
  trx: Transaction<DB>,
  ctx: Pick<AppContext, 'notifier'>,
  alarm: AlarmRow,
  input: { value: number; peak: number; comparison: string; unit: string },
  now: Date,
): Promise<AlarmRow> {
  return commitTransition(trx, ctx, null, alarmStore, {
    row: alarm,
    to: alarm.status,
    patch: { cleared_at: null, peak_value: extreme(input.comparison, alarm.peak_value, input.peak), updated_at: now },
    now,
    event: { action: 'alarm.recurred', actorRole: 'system', note: `再次越限,当前值 ${input.value}${input.unit ? ` ${input.unit}` : ''}`, data: { value: input.value } },
  });
}

async function clearAlarm(trx: Transaction<DB>, ctx: Pick<AppContext, 'notifier'>, alarm: AlarmRow, value: number, at: Date, metric: { unit: string }, now: Date): Promise<AlarmRow> {
  return commitTransition(trx, ctx, null, alarmStore, {
    row: alarm,
    to: alarm.status,
    patch: { cleared_at: at, updated_at: now },
    now,
    event: { action: 'alarm.cleared', actorRole: 'system', note: `条件解除,当前值 ${value}${metric.unit ? ` ${metric.unit}` : ''}`, data: { value, at: at.toISOString() } },
  });
}

// ------------------------------------------------------------------ evaluation

/** The most extreme stored value of the rule's metric over [from, to] (its direction), or the rule's own threshold when none. */
async function breachPeak(trx: Transaction<DB>, deviceId: string, rule: RuleRow, from: Date, to: Date): Promise<number> {
  const up = rule.comparison === 'gt' || rule.comparison === 'gte';
  const row = await trx
    .selectFrom('iot_readings')
    .select(up ? sql<number | null>`max(value)`.as('v') : sql<number | null>`min(value)`.as('v'))
    .where('device_id', '=', deviceId)
    .where('metric', '=', rule.metric)
    .where('ts', '>=', from)
    .where('ts', '<=', to)
    .executeTakeFirst();
  return row?.v ?? rule.threshold;
}

type WatchState = { breach_since: Date | null; last_ts: Date | null; last_value: number | null };

/**
 * Called by telemetry ingest after a device's accepted readings are stored (outside the ingest's
 * transaction): moves the threshold alarm rules' watch state and raises or clears alarms.
 *
 * Per device and applicable enabled rule (its type's rules and its own), the rule's metric's
 * readings in ts order, newer than the last one evaluated (a late reading older than that is stored
 * and rolled up but does not rewind the watch):
 * - the condition holds → `breach_since` is set if not yet; once it has held for ≥ `for_minutes`
 *   (reading ts − breach_since) ONE alarm is raised with the reading as trigger value; while the alarm
 *   is live its peak follows the most extreme value;
 * - the condition does not hold → the watch resets and a live alarm gets `cleared_at` (it stays
 *   open until a person closes it; a breach after it was closed raises a new alarm).
 * Cheap when nothing applies: the park's rules come from a few seconds' cache and no query runs.
 * With rules, one transaction locks the device's watch rows (two ingests of one device evaluate
 * one after the other).
 */
export async function evaluateReadings(ctx: AppContext, device: IngestedDevice, readings: readonly IngestedReading[]): Promise<void> {
  if (readings.length === 0) return;
  const { rules, metrics } = await parkRules(ctx.db, device.parkId);
  const metricsSent = new Set(readings.map((r) => r.metric));
  const candidates = rules.filter((r) => ruleApplies(r, device) && metricsSent.has(r.metric));
  if (candidates.length === 0) return;
  // The common case — normal readings, nothing in breach — costs one read and no write: only
  // rules whose readings breach, or that are in breach or have an uncleared alarm, move.
  const breaching = new Set(candidates.filter((rule) => readings.some((r) => r.metric === rule.metric && breaches(rule.comparison as AlarmComparison, r.value, rule.threshold))).map((r) => r.id));
  const quiet = candidates.filter((r) => !breaching.has(r.id)).map((r) => r.id);
  if (quiet.length > 0) {
    const engaged = await sql<{ rule_id: string }>`
      select rule_id from iot_alarm_watch where device_id = ${device.id} and rule_id = any(${quiet}::uuid[]) and breach_since is not null
      union
      select rule_id from iot_alarms where device_id = ${device.id} and rule_id = any(${quiet}::uuid[]) and status in ('open', 'acknowledged') and cleared_at is null`.execute(ctx.db);
    for (const r of engaged.rows) breaching.add(r.rule_id);
  }
  const applicable = candidates.filter((r) => breaching.has(r.id));
  if (applicable.length === 0) return;
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const ruleIds = applicable.map((r) => r.id);
    await sql`
      insert into iot_alarm_watch (park_id, device_id, rule_id)
      select ${device.parkId}::uuid, ${device.id}::uuid, r from unnest(${ruleIds}::uuid[]) as r
      on conflict (device_id, rule_id) do nothing`.execute(trx);
    const watches = await trx
      .selectFrom('iot_alarm_watch')
      .selectAll()
      .where('device_id', '=', device.id)
      .where('rule_id', 'in', ruleIds)
      .orderBy('rule_id')
      .forUpdate()
      .execute();
    const live = (await trx
      .selectFrom('iot_alarms')
      .selectAll()
      .where('device_id', '=', device.id)
      .where('rule_id', 'in', ruleIds)
      .where('status', 'in', ['open', 'acknowledged'])
      .forUpdate()
      .execute()) as AlarmRow[];
    const watchOf = new Map(watches.map((w) => [w.rule_id, w]));
    const liveOf = new Map(live.map((a) => [a.rule_id!, a]));
    const sorted = [...readings].sort((a, b) => a.ts.getTime() - b.ts.getTime());
    for (const rule of applicable) {
      const w = watchOf.get(rule.id)!;
      const state: WatchState = { breach_since: w.breach_since ? new Date(w.breach_since) : null, last_ts: w.last_ts ? new Date(w.last_ts) : null, last_value: w.last_value };
      const metric = metricInfo(metrics, device.typeCode, rule.metric);
      let alarm = liveOf.get(rule.id) ?? null;
      let peak: number | null = null; // the breach's most extreme value seen in this batch
      let moved = false;
      for (const r of sorted) {
        if (r.metric !== rule.metric) continue;
        if (state.last_ts && r.ts.getTime() <= state.last_ts.getTime()) continue;
        moved = true;
        if (breaches(rule.comparison as AlarmComparison, r.value, rule.threshold)) {
          if (!state.breach_since) {
            state.breach_since = r.ts;
            peak = null;
          }
          peak = extreme(rule.comparison, peak, r.value);
          const sustained = r.ts.getTime() - state.breach_since.getTime() >= rule.for_minutes * 60_000;
          if (alarm && !alarm.cleared_at) {
            const p = extreme(rule.comparison, alarm.peak_value, r.value);
            if (p !== alarm.peak_value) {
              await trx.updateTable('iot_alarms').set({ peak_value: p }).where('id', '=', alarm.id).execute();
              alarm = { ...alarm, peak_value: p };
            }
          } else if (sustained) {
            // the breach may have begun in an earlier batch: its peak so far is read from raw (rare: on raising only)
            const p = extreme(rule.comparison, peak, await breachPeak(trx, device.id, rule, state.breach_since, r.ts));
            if (alarm) alarm = await recurAlarm(trx, ctx, alarm, { value: r.value, peak: p, comparison: rule.comparison, unit: metric.unit }, now);
            else alarm = await raiseAlarm(trx, ctx, { device, rule, metric, breachSince: state.breach_since, value: r.value, peak: p, now });
          }
        } else {
          state.breach_since = null;
          peak = null;
          if (alarm && !alarm.cleared_at) alarm = await clearAlarm(trx, ctx, alarm, r.value, r.ts, metric, now);
        }
        state.last_ts = r.ts;
        state.last_value = r.value;
      }
      if (moved) {
        await trx
          .updateTable('iot_alarm_watch')
          .set({ breach_since: state.breach_since, last_ts: state.last_ts, last_value: state.last_value })
          .where('device_id', '=', device.id)
          .where('rule_id', '=', rule.id)
          .execute();
      }
    }
  });
}

// ------------------------------------------------------------------ the sweep: breaches that outlast the readings

type HeldBreach = {
  device_id: string;
  rule_id: string;
  breach_since: Date;
  last_value: number;
  park_id: string;
  enterprise_id: string;
  device_name: string;
  type_code: string;
  last_values: Record<string, { value: number; ts: string }> | null;
};

/**
 * A device that stops sending mid-breach (it sends on change, or every few minutes) would never
 * reach `for_minutes` through readings alone. Its last known value is taken to hold while the
 * device is online (heard from within the park's offline window): this sweep raises the alarm of a
 * watch whose breach has lasted `for_minutes` by the clock, with the last value as trigger. A device
 * gone offline raises nothing (its offline notice goes out instead). SKIP LOCKED on the watch rows
 * (the lock evaluation takes too) and the live index make it idempotent across processes.
 */
export async function sweepHeldBreaches(ctx: AppContext, now = ctx.clock.now()): Promise<{ raised: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const held = await sql<HeldBreach>`
      select w.device_id, w.rule_id, w.breach_since, w.last_value, d.park_id, d.enterprise_id, d.name as device_name, d.type_code, d.last_values
        from iot_alarm_watch w
        join iot_alarm_rules r on r.id = w.rule_id
        join iot_devices d on d.id = w.device_id
       where w.breach_since is not null
         and w.last_value is not null
         and r.enabled
         and d.online and d.status = 'active'
         and w.breach_since + make_interval(mins => r.for_minutes) <= ${now}::timestamptz
         and not exists (select 1 from iot_alarms a where a.device_id = w.device_id and a.rule_id = w.rule_id
                           and a.status in ('open', 'acknowledged') and a.cleared_at is null)
       order by w.breach_since
       limit 500
         for update of w skip locked`.execute(trx);
    let raised = 0;
    for (const h of held.rows) {
      const rule = await trx.selectFrom('iot_alarm_rules').selectAll().where('id', '=', h.rule_id).executeTakeFirstOrThrow();
      // The device's latest value of the metric (ingest keeps it by ts) must still breach: a watch
      // left in breach by a reading evaluated out of order is reset instead of raising.
      const latest = h.last_values?.[rule.metric]?.value;
      if (latest !== undefined && !breaches(rule.comparison as AlarmComparison, latest, rule.threshold)) {
        await trx.updateTable('iot_alarm_watch').set({ breach_since: null }).where('device_id', '=', h.device_id).where('rule_id', '=', h.rule_id).execute();
        continue;
      }
      const type = await trx.selectFrom('iot_device_types').select('metrics').where('park_id', '=', h.park_id).where('code', '=', h.type_code).executeTakeFirst();
      const metric = metricInfo((type?.metrics ?? []) as unknown as DeviceMetricJson[], h.type_code, rule.metric);
      const existing = (await trx
        .selectFrom('iot_alarms')
        .selectAll()
        .where('device_id', '=', h.device_id)
        .where('rule_id', '=', h.rule_id)
        .where('status', 'in', ['open', 'acknowledged'])
        .forUpdate()
        .executeTakeFirst()) as AlarmRow | undefined;
      const value = Number(h.last_value);
      if (existing) {
        await recurAlarm(trx, ctx, existing, { value, peak: value, comparison: rule.comparison, unit: metric.unit }, now);
      } else {
        const device = { id: h.device_id, parkId: h.park_id, enterpriseId: h.enterprise_id, name: h.device_name, typeCode: h.type_code };
        await raiseAlarm(trx, ctx, { device, rule, metric, breachSince: new Date(h.breach_since), value, peak: value, now });
      }
      raised++;
    }
    return { raised };
  });
}
