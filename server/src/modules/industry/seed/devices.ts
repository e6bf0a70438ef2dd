import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { mulberry32 } from '../../../db/seed/random.js';
import { shanghaiDate } from '../../../platform/calendar/index.js';
import { hashDeviceToken, simulatedDeviceToken, tokenHint } from '../devices/tokens.js';
import { isSilentSimulatedDevice, simulatedReadings, simulatorProfile, type SimulatorExcursion, type SimulatorState } from '../telemetry/simulator.js';
import type { IndustrySeedOptions } from './index.js';

/**
 * The demo park's IoT: ~150 simulated devices across the 31 copper firms (a power meter, one to
 * three furnaces, one or two line counters and a safety sensor each) and five on the demo
 * `enterprise` log-in's IoT firm, with history drawn from the simulator's signal model
 * (telemetry/simulator.ts) at 5-minute steps: daily rollups for 90 days, hourly rollups for the
 * last HOURLY_DAYS days, raw readings for the last hours (RAW_HOURS, a full day on the demo firm),
 * the devices' last values, counts and online status consistent with them. Type-wide alarm rules
 * and a few past alarms (closed with notes, one acknowledged, one open) whose excursions are in the
 * data. The simulator is switched on for the park. Deterministic noise (mulberry32); ids are random.
 */

const STEP_MS = 5 * 60_000;
/** before the hourly window the history is drawn at 30-minute steps (enough for daily figures, 6× faster) */
const COARSE_STEP_MS = 30 * 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** history length of the daily rollups */
const HISTORY_DAYS = 90;
/** hourly rollups kept this many days back (older days have daily rollups only) */
const HOURLY_DAYS = 3;
/** raw readings for copper devices this many hours back; the demo firm's devices keep 24 hours */
const RAW_HOURS = 6;
const DEMO_FIRM_RAW_HOURS = 24;

type PlannedDevice = {
  id: string;
  enterpriseId: string;
  code: string;
  name: string;
  typeCode: string;
  location: string;
  rawHours: number;
  excursions: SimulatorExcursion[];
  /** counters at the start of the history */
  state: SimulatorState;
};

type PlannedAlarm = {
  device: PlannedDevice;
  ruleKey: 'furnace' | 'gas';
  daysAgo: number;
  peak: number;
  minutes: number;
  status: 'open' | 'acknowledged' | 'closed';
  note?: string;
};

const FURNACE_NAMES = ['1号熔铸炉', '2号熔铸炉', '3号保温炉'];
const LINE_NAMES = ['连铸连轧线', '拉丝线'];

/** Columnar buffers for bulk inserts through unnest (one statement per chunk, fast on PGlite and pg). */
class RollupBuffer {
  device: string[] = [];
  metric: string[] = [];
  at: string[] = [];
  n: number[] = [];
  sum: number[] = [];
  min: number[] = [];
  max: number[] = [];
  first: number[] = [];
  last: number[] = [];
  lastTs: string[] = [];
  push(device: string, metric: string, at: string, a: Agg) {
    this.device.push(device);
    this.metric.push(metric);
    this.at.push(at);
    this.n.push(a.n);
    this.sum.push(Math.round(a.sum * 1000) / 1000);
    this.min.push(a.min);
    this.max.push(a.max);
    this.first.push(a.first);
    this.last.push(a.last);
    this.lastTs.push(new Date(a.lastTs).toISOString());
  }
}

type Agg = { key: string; n: number; sum: number; min: number; max: number; first: number; last: number; lastTs: number };

function addTo(agg: Agg | undefined, key: string, value: number, ms: number): Agg {
  if (!agg || agg.key !== key) return { key, n: 1, sum: value, min: value, max: value, first: value, last: value, lastTs: ms };
  agg.n += 1;
  agg.sum += value;
  if (value < agg.min) agg.min = value;
  if (value > agg.max) agg.max = value;
  agg.last = value;
  agg.lastTs = ms;
  return agg;
}

export async function seedIndustryDevices(trx: Transaction<DB>, options: IndustrySeedOptions): Promise<void> {
  const { parkId } = options;
  const rand = mulberry32(20261207);
  const nowMs = Math.floor(options.now.getTime() / STEP_MS) * STEP_MS;

  const copperFirms = await trx
    .selectFrom('enterprises')
    .select(['id', 'name', 'liaison_id'])
    .where('park_id', '=', parkId)
    .where('chain', '=', 'copper')
    .where('is_above_scale', '=', true)
    .orderBy('uscc')
    .execute();
  const demoUser = await trx.selectFrom('users').select(['id', 'enterprise_id', 'display_name']).where('park_id', '=', parkId).where('username', '=', 'enterprise').executeTakeFirst();
  const demoFirm = demoUser?.enterprise_id
    ? await trx.selectFrom('enterprises').select(['id', 'name', 'liaison_id']).where('id', '=', demoUser.enterprise_id).executeTakeFirst()
    : undefined;

  const planned: PlannedDevice[] = [];
  const plan = (enterpriseId: string, code: string, name: string, typeCode: string, location: string, rawHours: number, mustSpeak = false) => {
    let id = randomUUID();
    // the demo firm's devices always report (a silent one would be offline)
    while (mustSpeak && isSilentSimulatedDevice(id)) id = randomUUID();
    const state: SimulatorState = {};
    if (typeCode === 'power_meter') state.energy_kwh = Math.round(800_000 + rand() * 6_000_000);
    if (typeCode === 'line_counter') state.output_pcs = Math.round(200_000 + rand() * 2_000_000);
    const device: PlannedDevice = { id, enterpriseId, code, name, typeCode, location, rawHours, excursions: [], state };
    planned.push(device);
    return device;
  };
  copperFirms.forEach((firm, i) => {
    const prefix = `CU${String(i + 1).padStart(2, '0')}`;
    plan(firm.id, `${prefix}-PM1`, '总进线智能电表', 'power_meter', '10kV配电房', RAW_HOURS);
    const furnaces = i % 3 === 0 ? 2 : i % 7 === 1 ? 3 : 1;
    for (let f = 0; f < furnaces; f++) plan(firm.id, `${prefix}-FN${f + 1}`, `${FURNACE_NAMES[f]}炉温`, 'furnace', '熔铸车间', RAW_HOURS);
    const lines = 1 + (i % 2);
    for (let l = 0; l < lines; l++) plan(firm.id, `${prefix}-LC${l + 1}`, `${LINE_NAMES[l]}计数器`, 'line_counter', l === 0 ? '轧制车间' : '拉丝车间', RAW_HOURS);
    plan(firm.id, `${prefix}-SS1`, '熔铸车间安全监测', 'safety_sensor', '熔铸车间', RAW_HOURS);
  });
  const demoDevices: PlannedDevice[] = [];
  if (demoFirm) {
    const r = DEMO_FIRM_RAW_HOURS;
    demoDevices.push(
      plan(demoFirm.id, 'IOT-PM1', '总进线智能电表', 'power_meter', '配电房', r, true),
      plan(demoFirm.id, 'IOT-ENV1', 'SMT车间环境监测', 'env_sensor', 'SMT车间', r, true),
      plan(demoFirm.id, 'IOT-ENV2', '成品仓库环境监测', 'env_sensor', '成品仓库', r, true),
      plan(demoFirm.id, 'IOT-LC1', '模组装配线计数器', 'line_counter', '装配车间', r, true),
      plan(demoFirm.id, 'IOT-SS1', '配电房安全监测', 'safety_sensor', '配电房', r, true),
    );
  }
  if (planned.length === 0) return;

  // ---------------------------------------------------------------- past alarms, in the data
  const furnaces = planned.filter((d) => d.typeCode === 'furnace' && !isSilentSimulatedDevice(d.id));
  const pick = (k: number) => furnaces[(k * 7) % furnaces.length]!;
  const safety = planned.filter((d) => d.typeCode === 'safety_sensor' && !isSilentSimulatedDevice(d.id) && !demoDevices.includes(d));
  const alarms: PlannedAlarm[] = [
    { device: pick(1), ruleKey: 'furnace', daysAgo: 61.3, peak: 1_268, minutes: 9, status: 'closed', note: '温控阀卡滞导致超温,已更换温控阀并校验热电偶,复测正常。' },
    { device: pick(2), ruleKey: 'furnace', daysAgo: 43.6, peak: 1_281, minutes: 12, status: 'closed', note: '加料过量引起短时超温,已调整加料节拍,班组已培训。' },
    { device: pick(3), ruleKey: 'furnace', daysAgo: 24.2, peak: 1_259, minutes: 7, status: 'closed', note: '热电偶老化读数偏高,已更换,实际炉温正常。' },
    { device: pick(4), ruleKey: 'furnace', daysAgo: 9.4, peak: 1_272, minutes: 10, status: 'closed', note: '燃烧器风门调节异常,已检修,炉温恢复1150℃左右。' },
    ...(safety.length ? [{ device: safety[3 % safety.length]!, ruleKey: 'gas' as const, daysAgo: 15.8, peak: 74, minutes: 6, status: 'closed' as const, note: '天然气管道法兰渗漏,已紧固更换垫片,复测浓度为零。' }] : []),
    { device: pick(5), ruleKey: 'furnace', daysAgo: 0.9, peak: 1_263, minutes: 8, status: 'acknowledged' },
    ...(demoDevices[4]
      ? [{ device: demoDevices[4], ruleKey: 'gas' as const, daysAgo: 0.12, peak: 68, minutes: 6, status: 'open' as const }]
      : [{ device: pick(6), ruleKey: 'furnace' as const, daysAgo: 0.12, peak: 1_266, minutes: 8, status: 'open' as const }]),
  ];
  for (const a of alarms) {
    const from = Math.floor((nowMs - a.daysAgo * DAY_MS) / STEP_MS) * STEP_MS - 1;
    a.device.excursions.push({ metric: a.ruleKey === 'furnace' ? 'temp_c' : 'gas_ppm', from, to: from + a.minutes * 60_000, peak: a.peak });
  }

  // ---------------------------------------------------------------- history, 5-minute steps
  const startMs = nowMs - HISTORY_DAYS * DAY_MS;
  const hourlyFrom = nowMs - HOURLY_DAYS * DAY_MS;
  const hourly = new RollupBuffer();
  const daily = new RollupBuffer();
  const raw = { device: [] as string[], metric: [] as string[], ts: [] as string[], value: [] as number[] };
  const lastValues = new Map<string, Record<string, { value: number; ts: string }>>();
  const counts = new Map<string, { accepted: number; lastMs: number }>();
  // readings over each excursion, for the alarms' trigger values
  const breachReadings = new Map<SimulatorExcursion, { ms: number; value: number }[]>();

  // the instants of the history (30-minute steps, then 5-minute steps over the hourly window) with
  // their Shanghai day and UTC hour, computed once for all devices
  const steps: number[] = [];
  for (let ms = startMs; ms < hourlyFrom; ms += COARSE_STEP_MS) steps.push(ms);
  for (let ms = hourlyFrom; ms <= nowMs; ms += STEP_MS) steps.push(ms);
  // the past alarms' excursions are drawn at 5-minute steps wherever they fall
  for (const d of planned) {
    for (const e of d.excursions) {
      for (let ms = Math.ceil(e.from / STEP_MS) * STEP_MS - 2 * STEP_MS; ms < e.to + 2 * STEP_MS; ms += STEP_MS) if (ms < hourlyFrom) steps.push(ms);
    }
  }
  steps.sort((a, b) => a - b);
  for (let k = steps.length - 1; k > 0; k--) if (steps[k] === steps[k - 1]) steps.splice(k, 1);
  const stepDay: string[] = new Array(steps.length);
  const stepHour: (string | null)[] = new Array(steps.length);
  for (let k = 0, dayStart = -1, dayKey = '', hourStart = -1, hourIso = ''; k < steps.length; k++) {
    const ms = steps[k]!;
    const ds = Math.floor((ms + 8 * HOUR_MS) / DAY_MS);
    if (ds !== dayStart) {
      dayStart = ds;
      dayKey = shanghaiDate(new Date(ms));
    }
    const hs = Math.floor(ms / HOUR_MS);
    if (hs !== hourStart) {
      hourStart = hs;
      hourIso = new Date(hs * HOUR_MS).toISOString();
    }
    stepDay[k] = dayKey;
    stepHour[k] = ms >= hourlyFrom ? hourIso : null;
  }

  for (const device of planned) {
    const silent = isSilentSimulatedDevice(device.id);
    // a silent device stopped reporting some hours to days ago
    const endMs = silent ? nowMs - Math.round((3 + rand() * 40) * HOUR_MS / STEP_MS) * STEP_MS : nowMs;
    // raw readings from the start of an hour, so every hour with raw readings has all of them (its rollup equals them)
    const rawFrom = Math.floor((endMs - device.rawHours * HOUR_MS) / HOUR_MS) * HOUR_MS - 1;
    const profile = simulatorProfile(device.id, device.typeCode);
    const state = device.state;
    const hourAgg = new Map<string, Agg>();
    const dayAgg = new Map<string, Agg>();
    let accepted = 0;
    let values: Record<string, number> = {};
    for (let k = 0, prevMs = startMs - STEP_MS; k < steps.length && steps[k]! <= endMs; k++) {
      const ms = steps[k]!;
      values = simulatedReadings(profile, state, ms, (ms - prevMs) / HOUR_MS, rand, device.excursions);
      prevMs = ms;
      const day = stepDay[k]!;
      const hourKey = stepHour[k]!;
      for (const metric in values) {
        const value = values[metric]!;
        const d = dayAgg.get(metric);
        if (d && d.key !== day) daily.push(device.id, metric, d.key, d);
        dayAgg.set(metric, addTo(d, day, value, ms));
        if (hourKey) {
          const h = hourAgg.get(metric);
          if (h && h.key !== hourKey) hourly.push(device.id, metric, h.key, h);
          hourAgg.set(metric, addTo(h, hourKey, value, ms));
        }
        if (ms > rawFrom) {
          raw.device.push(device.id);
          raw.metric.push(metric);
          raw.ts.push(new Date(ms).toISOString());
          raw.value.push(value);
          accepted++;
        }
      }
      for (const e of device.excursions) {
        if (ms >= e.from && ms < e.to) {
          const list = breachReadings.get(e) ?? [];
          list.push({ ms, value: values[e.metric]! });
          breachReadings.set(e, list);
        }
      }
    }
    for (const [metric, a] of dayAgg) daily.push(device.id, metric, a.key, a);
    for (const [metric, a] of hourAgg) hourly.push(device.id, metric, a.key, a);
    const ts = new Date(endMs).toISOString();
    lastValues.set(device.id, Object.fromEntries(Object.entries(values).map(([metric, value]) => [metric, { value, ts }])));
    counts.set(device.id, { accepted, lastMs: endMs });
  }

  // ---------------------------------------------------------------- rows
  const offlineAfterMs = 15 * 60_000;
  const at = options.now;
  for (let i = 0; i < planned.length; i += 500) {
    await trx
      .insertInto('iot_devices')
      .values(
        planned.slice(i, i + 500).map((d) => {
          const token = simulatedDeviceToken(d.id);
          const c = counts.get(d.id)!;
          const online = nowMs - c.lastMs < offlineAfterMs;
          return {
            id: d.id,
            park_id: parkId,
            enterprise_id: d.enterpriseId,
            code: d.code,
            name: d.name,
            type_code: d.typeCode,
            location: d.location,
            status: 'active',
            token_hash: hashDeviceToken(token),
            token_hint: tokenHint(token),
            token_issued_at: new Date(startMs),
            last_seen_at: new Date(c.lastMs),
            online,
            status_changed_at: online ? new Date(startMs) : new Date(c.lastMs + offlineAfterMs),
            accepted_count: c.accepted,
            rejected_count: 0,
            rejected_by_reason: '{}',
            last_values: JSON.stringify(lastValues.get(d.id) ?? {}),
            simulated: true,
            created_at: new Date(startMs),
            updated_at: at,
          };
        }),
      )
      .execute();
  }

  const CHUNK = 20_000;
  const insertRollups = async (table: 'iot_rollups_hourly' | 'iot_rollups_daily', b: RollupBuffer) => {
    const col = table === 'iot_rollups_hourly' ? sql.raw('hour') : sql.raw('day');
    const cast = table === 'iot_rollups_hourly' ? sql.raw('timestamptz[]') : sql.raw('date[]');
    for (let i = 0; i < b.device.length; i += CHUNK) {
      const s = <T>(a: T[]) => a.slice(i, i + CHUNK);
      await sql`insert into ${sql.table(table)} (park_id, device_id, metric, ${col}, n, sum, min, max, first_value, last_value, last_ts)
        select ${parkId}::uuid, * from unnest(${s(b.device)}::uuid[], ${s(b.metric)}::text[], ${s(b.at)}::${cast}, ${s(b.n)}::int[],
          ${s(b.sum)}::float8[], ${s(b.min)}::float8[], ${s(b.max)}::float8[], ${s(b.first)}::float8[], ${s(b.last)}::float8[], ${s(b.lastTs)}::timestamptz[])`.execute(trx);
    }
  };
  await insertRollups('iot_rollups_daily', daily);
  await insertRollups('iot_rollups_hourly', hourly);
  for (let i = 0; i < raw.device.length; i += CHUNK) {
    const s = <T>(a: T[]) => a.slice(i, i + CHUNK);
    await sql`insert into iot_readings (park_id, device_id, metric, ts, value, received_at)
      select ${parkId}::uuid, x.device_id, x.metric, x.ts, x.value, x.ts
      from unnest(${s(raw.device)}::uuid[], ${s(raw.metric)}::text[], ${s(raw.ts)}::timestamptz[], ${s(raw.value)}::float8[]) as x(device_id, metric, ts, value)`.execute(trx);
  }

  // ---------------------------------------------------------------- alarm rules and past alarms
  const rules = await trx
    .insertInto('iot_alarm_rules')
    .values([
      { park_id: parkId, name: '熔炉超温', type_code: 'furnace', metric: 'temp_c', comparison: 'gt', threshold: 1_250, for_minutes: 5, severity: 'critical', created_at: new Date(startMs), updated_at: new Date(startMs) },
      { park_id: parkId, name: '可燃气体浓度超限', type_code: 'safety_sensor', metric: 'gas_ppm', comparison: 'gt', threshold: 50, for_minutes: 1, severity: 'critical', created_at: new Date(startMs), updated_at: new Date(startMs) },
      { park_id: parkId, name: '烟感报警', type_code: 'safety_sensor', metric: 'smoke', comparison: 'gte', threshold: 1, for_minutes: 0, severity: 'critical', created_at: new Date(startMs), updated_at: new Date(startMs) },
      { park_id: parkId, name: '电压过低', type_code: 'power_meter', metric: 'voltage_v', comparison: 'lt', threshold: 340, for_minutes: 10, severity: 'warning', created_at: new Date(startMs), updated_at: new Date(startMs) },
    ])
    .returning(['id', 'metric'])
    .execute();
  const ruleOf = (key: PlannedAlarm['ruleKey']) => rules.find((r) => r.metric === (key === 'furnace' ? 'temp_c' : 'gas_ppm'))!;
  const firms = new Map([...copperFirms, ...(demoFirm ? [demoFirm] : [])].map((f) => [f.id, f]));
  const dispatcher = await trx.selectFrom('users').select(['id', 'display_name']).where('park_id', '=', parkId).where('username', '=', 'dispatcher').executeTakeFirst();

  for (const a of alarms) {
    const excursion = a.device.excursions.find((e) => e.peak === a.peak)!;
    const readings = breachReadings.get(excursion) ?? [];
    if (readings.length === 0) continue;
    const rule = ruleOf(a.ruleKey);
    const forMinutes = a.ruleKey === 'furnace' ? 5 : 1;
    const breachStart = readings[0]!.ms;
    const raisedMs = readings.find((r) => r.ms - breachStart >= forMinutes * 60_000)?.ms ?? readings[readings.length - 1]!.ms;
    const clearedMs = readings[readings.length - 1]!.ms + STEP_MS;
    const peak = Math.max(...readings.map((r) => r.value));
    const firm = firms.get(a.device.enterpriseId)!;
    const handler =
      a.device.enterpriseId === demoFirm?.id && demoUser
        ? { id: demoUser.id, name: demoUser.display_name, role: 'firm' }
        : firm.liaison_id
          ? { id: firm.liaison_id, name: (await trx.selectFrom('users').select('display_name').where('id', '=', firm.liaison_id).executeTakeFirst())?.display_name ?? '驻企专员', role: 'liaison' }
          : { id: dispatcher?.id ?? null, name: dispatcher?.display_name ?? '营商办', role: 'office' };
    const ackMs = clearedMs + Math.round((8 + rand() * 30) * 60_000);
    const closeMs = ackMs + Math.round((2 + rand() * 20) * HOUR_MS);
    const unit = a.ruleKey === 'furnace' ? '℃' : 'ppm';
    const row = await trx
      .insertInto('iot_alarms')
      .values({
        park_id: parkId,
        enterprise_id: a.device.enterpriseId,
        device_id: a.device.id,
        rule_id: rule.id,
        kind: 'threshold',
        metric: rule.metric,
        severity: 'critical',
        title: `${a.ruleKey === 'furnace' ? '熔炉超温' : '可燃气体浓度超限'}:${a.device.name}`,
        status: a.status,
        breach_started_at: new Date(breachStart),
        raised_at: new Date(raisedMs),
        trigger_value: readings.find((r) => r.ms === raisedMs)?.value ?? readings[0]!.value,
        peak_value: peak,
        cleared_at: new Date(clearedMs),
        acknowledged_at: a.status === 'open' ? null : new Date(ackMs),
        acknowledged_by: a.status === 'open' ? null : handler.id,
        closed_at: a.status === 'closed' ? new Date(closeMs) : null,
        closed_by: a.status === 'closed' ? handler.id : null,
        close_note: a.status === 'closed' ? (a.note ?? null) : null,
        version: a.status === 'open' ? 1 : a.status === 'acknowledged' ? 2 : 3,
        updated_at: new Date(a.status === 'open' ? clearedMs : a.status === 'acknowledged' ? ackMs : closeMs),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const condition = a.ruleKey === 'furnace' ? `炉温大于 1250 ℃ 持续 5 分钟` : `可燃气体浓度大于 50 ppm 持续 1 分钟`;
    const trigger = readings.find((r) => r.ms === raisedMs)?.value ?? readings[0]!.value;
    const events: { action: string; from_status: string | null; to_status: string | null; actor_id: string | null; actor_name: string; actor_role: string | null; note: string | null; at: number; data: unknown }[] = [
      { action: 'alarm.raised', from_status: null, to_status: 'open', actor_id: null, actor_name: '系统', actor_role: 'system', note: `${condition},触发值 ${trigger} ${unit}`, at: raisedMs, data: { ruleId: rule.id, value: trigger, breachSince: new Date(breachStart).toISOString() } },
      { action: 'alarm.cleared', from_status: 'open', to_status: 'open', actor_id: null, actor_name: '系统', actor_role: 'system', note: `条件解除,峰值 ${peak} ${unit}`, at: clearedMs, data: { peak } },
    ];
    if (a.status !== 'open') events.push({ action: 'acknowledge', from_status: 'open', to_status: 'acknowledged', actor_id: handler.id, actor_name: handler.name, actor_role: handler.role, note: '已通知现场班组排查', at: ackMs, data: null });
    if (a.status === 'closed') events.push({ action: 'close', from_status: 'acknowledged', to_status: 'closed', actor_id: handler.id, actor_name: handler.name, actor_role: handler.role, note: a.note ?? null, at: closeMs, data: null });
    await trx
      .insertInto('iot_alarm_events')
      .values(events.map((e) => ({ park_id: parkId, alarm_id: row.id, action: e.action, from_status: e.from_status, to_status: e.to_status, actor_id: e.actor_id, actor_name: e.actor_name, actor_role: e.actor_role, note: e.note, data: e.data ? JSON.stringify(e.data) : null, at: new Date(e.at) })))
      .execute();
  }

  await trx
    .insertInto('industry_settings')
    .values({ park_id: parkId, simulator_enabled: true, updated_at: at })
    .onConflict((oc) => oc.column('park_id').doUpdateSet({ simulator_enabled: true }))
    .execute();
}
