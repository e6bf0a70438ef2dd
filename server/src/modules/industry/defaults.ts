import { BUILTIN_INDICATORS, INDUSTRY_SETTING_DEFAULTS, type IndustrySettings } from '@yuanqi/contract';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { DeviceMetricJson } from '../../db/schema-industry.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * The device types every park starts with (admins may add their own). A metric marked `energy` is
 * cumulative electricity in kWh: its daily increase is the firm's 用电量.
 */
export const BUILTIN_DEVICE_TYPES: { code: string; label: string; metrics: DeviceMetricJson[] }[] = [
  {
    code: 'power_meter',
    label: '智能电表',
    metrics: [
      { key: 'energy_kwh', label: '累计电量', unit: 'kWh', kind: 'counter', min: 0, max: null, energy: true },
      { key: 'power_kw', label: '有功功率', unit: 'kW', kind: 'gauge', min: 0, max: 100_000 },
      { key: 'voltage_v', label: '电压', unit: 'V', kind: 'gauge', min: 0, max: 1_000 },
    ],
  },
  {
    code: 'line_counter',
    label: '产线计数器',
    metrics: [
      { key: 'output_pcs', label: '累计产量', unit: '件', kind: 'counter', min: 0, max: null },
      { key: 'speed_ppm', label: '线速度', unit: '米/分', kind: 'gauge', min: 0, max: 5_000 },
      { key: 'running', label: '运行状态', unit: '', kind: 'flag', min: 0, max: 1 },
    ],
  },
  {
    code: 'furnace',
    label: '熔炉温度传感器',
    metrics: [{ key: 'temp_c', label: '炉温', unit: '℃', kind: 'gauge', min: -50, max: 2_000 }],
  },
  {
    code: 'safety_sensor',
    label: '安全监测传感器',
    metrics: [
      { key: 'gas_ppm', label: '可燃气体浓度', unit: 'ppm', kind: 'gauge', min: 0, max: 100_000 },
      { key: 'smoke', label: '烟感报警', unit: '', kind: 'flag', min: 0, max: 1 },
    ],
  },
  {
    code: 'env_sensor',
    label: '环境监测仪',
    metrics: [
      { key: 'temp_c', label: '温度', unit: '℃', kind: 'gauge', min: -50, max: 100 },
      { key: 'humidity_pct', label: '湿度', unit: '%', kind: 'gauge', min: 0, max: 100 },
      { key: 'pm25', label: 'PM2.5', unit: 'μg/m³', kind: 'gauge', min: 0, max: 2_000 },
    ],
  },
];

/**
 * Makes sure a park has the built-in indicators and device types (idempotent: existing rows, and
 * an admin's edits to them, are kept). Called before anything reads them.
 */
export async function ensureIndustryDefaults(db: Executor, parkId: string): Promise<void> {
  await db
    .insertInto('industry_indicators')
    .values(
      BUILTIN_INDICATORS.map((b, i) => ({
        park_id: parkId,
        key: b.key,
        label: b.label,
        unit: b.unit,
        decimals: b.decimals,
        applies_to: b.chains ? 'chains' : 'all',
        chains: b.chains ? [...b.chains] : [],
        required: true,
        allow_negative: b.allowNegative,
        swing_check: true,
        sort: i * 10,
        builtin: true,
      })),
    )
    .onConflict((oc) => oc.columns(['park_id', 'key']).doNothing())
    .execute();
  await db
    .insertInto('iot_device_types')
    .values(BUILTIN_DEVICE_TYPES.map((t) => ({ park_id: parkId, code: t.code, label: t.label, metrics: JSON.stringify(t.metrics), builtin: true })))
    .onConflict((oc) => oc.columns(['park_id', 'code']).doNothing())
    .execute();
}

/** The park's industry-cloud settings (defaults where none were saved). */
export async function industrySettings(db: Executor, parkId: string): Promise<IndustrySettings> {
  const row = await db.selectFrom('industry_settings').selectAll().where('park_id', '=', parkId).executeTakeFirst();
  if (!row) return { ...INDUSTRY_SETTING_DEFAULTS };
  return {
    reportDueWorkday: row.report_due_workday,
    remindWorkdaysBefore: row.remind_workdays_before,
    swingThresholdPct: row.swing_threshold_pct,
    offlineAfterMinutes: row.offline_after_minutes,
    rawRetentionDays: row.raw_retention_days,
    maxFutureSeconds: row.max_future_seconds,
    simulatorEnabled: row.simulator_enabled,
  };
}
