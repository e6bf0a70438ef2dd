import { timingSafeEqual } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { FastifyBaseLogger } from 'fastify';
import { sql, type RawBuilder } from 'kysely';
import {
  INDUSTRY_SETTING_DEFAULTS,
  MAX_READINGS_PER_BATCH,
  TELEMETRY_REJECT_REASON_LABELS,
  type TelemetryIngestResult,
  type TelemetryRejectReason,
} from '@yuanqi/contract';
import type { AppContext } from '../../../platform/context.js';
import type { DeviceMetricJson } from '../../../db/schema-industry.js';
import { evaluateReadings, type IngestedDevice, type IngestedReading } from '../alarms/evaluate.js';
import { hashDeviceToken } from '../devices/tokens.js';

/**
 * Telemetry ingest (docs/industry/TELEMETRY.md): the one path HTTP and MQTT share.
 *
 * 1. The device is authenticated by id + token: the presented token's SHA-256 against the stored
 *    hash, compared in constant time. Device rows (with their type's metrics and the park's
 *    settings) are cached for at most DEVICE_CACHE_MS, so a token rotated, revoked or a device
 *    disabled in another app process stops working within seconds (in this process: at once).
 * 2. Each reading is checked against the type's metrics; refused readings are counted per device
 *    and reason, the good ones of the same batch are stored.
 * 3. Storing is ONE statement per batch (any number of devices): the readings go in as column
 *    arrays through `unnest` (`on conflict do nothing`: a reading already there is a duplicate),
 *    the touched hours are marked dirty for the rollups, and each device's last-seen, online
 *    state, last values and counters move — atomically, since it is one statement.
 * 4. After the write, the alarm rules see the stored readings (alarms/evaluate.ts).
 *
 * MQTT messages go through a small write-behind buffer (TelemetryWriter) that coalesces whatever
 * arrives within FLUSH_MS into one such statement; HTTP requests are written at once so their
 * answer can say what was stored.
 */

export const DEVICE_CACHE_MS = 3_000;
const FLUSH_MS = 50;
const FLUSH_READINGS = 20_000;
/** The MQTT path waits for the write before taking more from a device beyond this many pending readings. */
const HIGH_WATER_READINGS = 60_000;
const MAX_ERRORS_REPORTED = 20;
/** A date-time without a zone ('2026-12-07 10:00:00') is the park's time, Asia/Shanghai (UTC+8, no DST). */
const NO_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?$/;

export type CachedDevice = {
  id: string;
  parkId: string;
  enterpriseId: string;
  typeCode: string;
  name: string;
  status: string;
  tokenHash: Buffer | null;
  metrics: Map<string, DeviceMetricJson>;
  maxFutureMs: number;
  retentionMs: number;
};

type CacheEntry = { device: CachedDevice | null; at: number };
const caches = new WeakMap<AppContext, Map<string, CacheEntry>>();

function cacheOf(ctx: AppContext): Map<string, CacheEntry> {
  let cache = caches.get(ctx);
  if (!cache) {
    cache = new Map();
    caches.set(ctx, cache);
  }
  return cache;
}

/** Forget a device (token rotated or revoked, disabled, edited): its next message reads it afresh. */
export function invalidateDevice(ctx: AppContext, deviceId: string): void {
  cacheOf(ctx).delete(deviceId);
}

/** Forget every device (a type's metrics or a park's settings changed). */
export function invalidateAllDevices(ctx: AppContext): void {
  cacheOf(ctx).clear();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The device (with its metrics and the park's limits), from the short cache or the database; null = none. */
export async function loadDevice(ctx: AppContext, deviceId: string): Promise<CachedDevice | null> {
  if (!UUID.test(deviceId)) return null;
  const id = deviceId.toLowerCase();
  const cache = cacheOf(ctx);
  const hit = cache.get(id);
  const now = Date.now();
  if (hit && now - hit.at < DEVICE_CACHE_MS) return hit.device;
  const row = await ctx.db
    .selectFrom('iot_devices as d')
    .innerJoin('iot_device_types as t', (j) => j.onRef('t.park_id', '=', 'd.park_id').onRef('t.code', '=', 'd.type_code'))
    .leftJoin('industry_settings as s', 's.park_id', 'd.park_id')
    .select(['d.id', 'd.park_id', 'd.enterprise_id', 'd.type_code', 'd.name', 'd.status', 'd.token_hash', 't.metrics', 's.raw_retention_days', 's.max_future_seconds'])
    .where('d.id', '=', id)
    .executeTakeFirst();
  const device: CachedDevice | null = row
    ? {
        id: row.id,
        parkId: row.park_id,
        enterpriseId: row.enterprise_id,
        typeCode: row.type_code,
        name: row.name,
        status: row.status,
        tokenHash: row.token_hash ? Buffer.from(row.token_hash, 'hex') : null,
        metrics: new Map((row.metrics as DeviceMetricJson[]).map((m) => [m.key, m])),
        maxFutureMs: (row.max_future_seconds ?? INDUSTRY_SETTING_DEFAULTS.maxFutureSeconds) * 1000,
        retentionMs: (row.raw_retention_days ?? INDUSTRY_SETTING_DEFAULTS.rawRetentionDays) * 86_400_000,
      }
    : null;
  if (cache.size > 50_000) cache.clear();
  cache.set(id, { device, at: now });
  return device;
}

/** Whether `token` is the device's current token (constant-time on the hashes). */
export function tokenMatches(device: CachedDevice, token: string | Buffer | null | undefined): boolean {
  if (!device.tokenHash || token === null || token === undefined) return false;
  const presented = Buffer.from(hashDeviceToken(typeof token === 'string' ? token : token.toString('utf8')), 'hex');
  return presented.length === device.tokenHash.length && timingSafeEqual(presented, device.tokenHash);
}

/** The outcome of checking a batch: what may be stored and what was refused. */
export type CheckedBatch = {
  valid: IngestedReading[];
  rejected: number;
  rejectedByReason: Partial<Record<TelemetryRejectReason, number>>;
  lastReason: TelemetryRejectReason | null;
  errors: { index: number; reason: TelemetryRejectReason; message: string }[];
};

function emptyCheck(): CheckedBatch {
  return { valid: [], rejected: 0, rejectedByReason: {}, lastReason: null, errors: [] };
}

function refuse(out: CheckedBatch, index: number, reason: TelemetryRejectReason, message: string): void {
  out.rejected += 1;
  out.rejectedByReason[reason] = (out.rejectedByReason[reason] ?? 0) + 1;
  out.lastReason = reason;
  if (out.errors.length < MAX_ERRORS_REPORTED) out.errors.push({ index, reason, message });
}

/** A whole message refused (bad token, malformed, disabled): one refusal counted. */
export function refusedMessage(reason: TelemetryRejectReason, message: string): CheckedBatch {
  const out = emptyCheck();
  refuse(out, -1, reason, message);
  return out;
}

/** The readings of a parsed message, or a Chinese reason it is malformed. */
export function readingsOf(payload: unknown): { readings: unknown[]; token: unknown } | { malformed: string } {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return { malformed: '报文须为 JSON 对象 {"readings": [...]}' };
  const { readings, token } = payload as { readings?: unknown; token?: unknown };
  if (!Array.isArray(readings)) return { malformed: '读数(readings)须为数组' };
  if (readings.length === 0) return { malformed: '至少一条读数' };
  if (readings.length > MAX_READINGS_PER_BATCH) return { malformed: `一次最多 ${MAX_READINGS_PER_BATCH} 条读数` };
  return { readings, token };
}

/**
 * Checks each reading against the device type's metrics and the park's limits (no I/O). Per
 * reading: an object with `metric` (a metric of the type), `value` (a finite number; true/false
 * only for a flag, whose numbers must be 0 or 1; within the metric's min/max) and an optional `ts`
 * (ISO text or epoch milliseconds; text without a zone is Asia/Shanghai time; absent = `now`; not
 * more than maxFutureSeconds ahead nor older than the raw retention).
 */
export function checkReadings(device: CachedDevice, readings: readonly unknown[], now: Date): CheckedBatch {
  const out = emptyCheck();
  const nowMs = now.getTime();
  const latest = nowMs + device.maxFutureMs;
  const earliest = nowMs - device.retentionMs;
  for (let i = 0; i < readings.length; i++) {
    const r = readings[i] as { metric?: unknown; value?: unknown; ts?: unknown } | null;
    if (typeof r !== 'object' || r === null || typeof r.metric !== 'string') {
      refuse(out, i, 'malformed', '读数须为 {"metric", "value", "ts"} 对象');
      continue;
    }
    const metric = device.metrics.get(r.metric);
    if (!metric) {
      refuse(out, i, 'unknown_metric', `设备类型没有指标 ${r.metric.slice(0, 40)}`);
      continue;
    }
    let value: number;
    if (typeof r.value === 'boolean') {
      if (metric.kind !== 'flag') {
        refuse(out, i, 'bad_value', `指标 ${metric.key} 须为数字,不能是 true/false`);
        continue;
      }
      value = r.value ? 1 : 0;
    } else if (typeof r.value === 'number' && Number.isFinite(r.value)) {
      value = r.value;
      if (metric.kind === 'flag' && value !== 0 && value !== 1) {
        refuse(out, i, 'bad_value', `开关量 ${metric.key} 只能是 0/1 或 true/false`);
        continue;
      }
    } else {
      refuse(out, i, 'bad_value', `指标 ${metric.key} 的数值须为有限数字`);
      continue;
    }
    if ((metric.min !== null && metric.min !== undefined && value < metric.min) || (metric.max !== null && metric.max !== undefined && value > metric.max)) {
      refuse(out, i, 'out_of_range', `指标 ${metric.key} 的数值 ${value} 超出量程 ${metric.min ?? '-∞'}~${metric.max ?? '+∞'}`);
      continue;
    }
    let ts: number;
    if (r.ts === undefined || r.ts === null) ts = nowMs;
    else if (typeof r.ts === 'number' && Number.isFinite(r.ts)) ts = Math.trunc(r.ts);
    else if (typeof r.ts === 'string' && r.ts.length <= 40) ts = Date.parse(NO_ZONE.test(r.ts) ? `${r.ts.replace(' ', 'T')}+08:00` : r.ts);
    else ts = Number.NaN;
    if (Number.isNaN(ts)) {
      refuse(out, i, 'malformed', '时间戳须为 ISO 8601 时间或毫秒数');
      continue;
    }
    if (ts > latest) {
      refuse(out, i, 'future_ts', `时间戳超前服务器时间超过 ${Math.round(device.maxFutureMs / 1000)} 秒`);
      continue;
    }
    if (ts < earliest) {
      refuse(out, i, 'too_old', `时间戳早于原始数据保留期(${Math.round(device.retentionMs / 86_400_000)} 天)`);
      continue;
    }
    out.valid.push({ metric: metric.key, ts: new Date(ts), value });
  }
  return out;
}

/** One device's share of a write: its good readings and its refusals. */
export type DeviceBatch = { device: CachedDevice; check: CheckedBatch; seen: boolean };

type Accum = { device: CachedDevice; valid: IngestedReading[]; rejected: number; byReason: Partial<Record<TelemetryRejectReason, number>>; lastReason: TelemetryRejectReason | null; seen: boolean };

/**
 * Writes batches of any number of devices in ONE statement; answers per device how many readings
 * were new (the rest of its valid ones were duplicates). `seen`: the device spoke with its token
 * (marks it online); refusals of unauthenticated messages count without that.
 */
export async function storeBatches(ctx: AppContext, batches: readonly DeviceBatch[], options: { noCopy?: boolean } = {}): Promise<Map<string, number>> {
  return (await storeBatchesAs(ctx, batches, options.noCopy ? 'no-copy' : 'auto'))!;
}

/**
 * 'copy-only': on PostgreSQL, answers null (and writes nothing) when the COPY could not take the
 * readings whole (a duplicate among them), instead of writing them by the duplicate-dropping statement.
 */
async function storeBatchesAs(ctx: AppContext, batches: readonly DeviceBatch[], mode: 'auto' | 'copy-only' | 'no-copy'): Promise<Map<string, number> | null> {
  const byDevice = new Map<string, Accum>();
  for (const b of batches) {
    let a = byDevice.get(b.device.id);
    if (!a) {
      a = { device: b.device, valid: [], rejected: 0, byReason: {}, lastReason: null, seen: false };
      byDevice.set(b.device.id, a);
    }
    for (const r of b.check.valid) a.valid.push(r);
    a.rejected += b.check.rejected;
    for (const [k, n] of Object.entries(b.check.rejectedByReason)) a.byReason[k as TelemetryRejectReason] = (a.byReason[k as TelemetryRejectReason] ?? 0) + (n ?? 0);
    if (b.check.lastReason) a.lastReason = b.check.lastReason;
    a.seen ||= b.seen;
  }
  const accepted = new Map<string, number>();
  if (byDevice.size === 0) return accepted;

  let total = 0;
  for (const a of byDevice.values()) total += a.valid.length;
  const parkIds: string[] = new Array(total);
  const deviceIds: string[] = new Array(total);
  const metrics: string[] = new Array(total);
  const stamps: string[] = new Array(total);
  const values: number[] = new Array(total);
  const dIds: string[] = [];
  const dLast: string[] = [];
  const dSeen: boolean[] = [];
  const dRejected: number[] = [];
  const dReasons: string[] = [];
  const dLastReason: (string | null)[] = [];
  let k = 0;
  // devices in id order: two writers lock the same devices in the same order (no deadlock)
  for (const a of [...byDevice.values()].sort((x, y) => (x.device.id < y.device.id ? -1 : 1))) {
    const last: Record<string, { value: number; ts: string; at: number }> = {};
    for (const r of a.valid) {
      const iso = r.ts.toISOString();
      parkIds[k] = a.device.parkId;
      deviceIds[k] = a.device.id;
      metrics[k] = r.metric;
      stamps[k] = iso;
      values[k] = r.value;
      k++;
      const at = r.ts.getTime();
      const seenLast = last[r.metric];
      if (!seenLast || seenLast.at <= at) last[r.metric] = { value: r.value, ts: iso, at };
    }
    dIds.push(a.device.id);
    dLast.push(JSON.stringify(Object.fromEntries(Object.entries(last).map(([m, v]) => [m, { value: v.value, ts: v.ts }]))));
    dSeen.push(a.seen);
    dRejected.push(a.rejected);
    dReasons.push(JSON.stringify(a.byReason));
    dLastReason.push(a.lastReason);
  }
  const now = ctx.clock.now();
  const dAccepted = [...byDevice.values()].sort((x, y) => (x.device.id < y.device.id ? -1 : 1)).map((a) => a.valid.length);
  // PostgreSQL: the readings go in by COPY (the fastest way in); a duplicate among them (a re-sent
  // batch) makes the COPY fail as a whole, and the batch is then written by the statement below,
  // which drops duplicates and counts them.
  if (ctx.database.withClient && total > 0 && mode !== 'no-copy') {
    const copied = await storeByCopy(ctx, now, { parkIds, deviceIds, metrics, stamps, values }, { dIds, dLast, dSeen, dRejected, dReasons, dLastReason, dAccepted });
    if (copied) return copied;
    if (mode === 'copy-only') return null;
  }
  // The devices are locked first, in id order, in a statement of their own — as the COPY path and the
  // rollup sweep do — so that no ingest holds readings or dirty hours while waiting for a device.
  const result = await ctx.db.transaction().execute(async (trx) => {
    await sql`select id from iot_devices where id = any(${dIds}::uuid[]) order by id for update`.execute(trx);
    return sql<{ id: string; accepted: number }>`
    with v as (
      select * from unnest(${parkIds}::uuid[], ${deviceIds}::uuid[], ${metrics}::text[], ${stamps}::timestamptz[], ${values}::float8[])
        as v(park_id, device_id, metric, ts, value)
    ), ins as (
      insert into iot_readings (park_id, device_id, metric, ts, value, received_at)
      select park_id, device_id, metric, ts, value, ${now} from v
      on conflict do nothing
      returning park_id, device_id, ts
    ), dirty as (
      insert into iot_rollup_dirty (park_id, device_id, hour)
      select distinct park_id, device_id, date_trunc('hour', ts, 'UTC') from ins
      on conflict do nothing
    ), cnt as (
      select device_id, count(*)::int as n from ins group by device_id
    ), d as (
      select * from unnest(${dIds}::uuid[], ${dLast}::jsonb[], ${dSeen}::boolean[], ${dRejected}::int[], ${dReasons}::jsonb[], ${dLastReason}::text[])
        as d(id, last_values, seen, rejected, reasons, last_reason)
    ), locked as (
      select id from iot_devices where id = any(${dIds}::uuid[]) order by id for update
    )
    update iot_devices t set
      ${deviceUpdates(now, sql`coalesce(cnt.n, 0)`)}
    from d join locked l on l.id = d.id left join cnt on cnt.device_id = d.id
    where t.id = d.id
    returning t.id, coalesce(cnt.n, 0)::int as accepted`.execute(trx);
  });
  for (const row of result.rows) accepted.set(row.id, Number(row.accepted));
  return accepted;
}

/**
 * What a write sets on each device row `t` from its row `d` of the batch (seen, last_values,
 * rejected, reasons, last_reason): last seen and online, the counters, the latest value per metric
 * (an older reading never replaces a newer one) and the refusals by reason. `accepted`: how many of
 * its readings were new.
 */
function deviceUpdates(now: Date, accepted: RawBuilder<number>) {
  return sql`
      last_seen_at = case when d.seen then ${now} else t.last_seen_at end,
      online = t.online or d.seen,
      status_changed_at = case when d.seen and not t.online then ${now} else t.status_changed_at end,
      accepted_count = t.accepted_count + ${accepted},
      last_values = t.last_values || coalesce((
        select jsonb_object_agg(e.key, e.value) from jsonb_each(d.last_values) e
        where not (t.last_values ? e.key) or (t.last_values -> e.key ->> 'ts')::timestamptz <= (e.value ->> 'ts')::timestamptz
      ), '{}'::jsonb),
      rejected_count = t.rejected_count + d.rejected,
      rejected_by_reason = case when d.rejected = 0 then t.rejected_by_reason else t.rejected_by_reason || coalesce((
        select jsonb_object_agg(e.key, coalesce((t.rejected_by_reason ->> e.key)::bigint, 0) + e.value::bigint) from jsonb_each_text(d.reasons) e
      ), '{}'::jsonb) end,
      last_rejected_at = case when d.rejected > 0 then ${now} else t.last_rejected_at end,
      last_rejected_reason = coalesce(d.last_reason, t.last_rejected_reason)`;
}

type ReadingColumns = { parkIds: string[]; deviceIds: string[]; metrics: string[]; stamps: string[]; values: number[] };
type DeviceColumns = { dIds: string[]; dLast: string[]; dSeen: boolean[]; dRejected: number[]; dReasons: string[]; dLastReason: (string | null)[]; dAccepted: number[] };

/** PostgreSQL's unique_violation: a reading (device, metric, ts) already stored. */
const UNIQUE_VIOLATION = '23505';

/**
 * The fast write on a PostgreSQL server, in one transaction on one connection: lock the devices (in
 * id order, as the rollup sweep does, so the two never deadlock), COPY the readings, mark their
 * hours dirty, update the devices. Answers null when a reading was already stored (nothing written:
 * the caller writes the batch with duplicates dropped).
 */
async function storeByCopy(ctx: AppContext, now: Date, r: ReadingColumns, d: DeviceColumns): Promise<Map<string, number> | null> {
  const received = now.toISOString();
  const lines: string[] = new Array(r.deviceIds.length);
  const dirty = new Map<string, [string, string, string]>();
  for (let i = 0; i < r.deviceIds.length; i++) {
    // ids, metric keys (validated against the type: [a-z0-9_]) and ISO times need no escaping
    lines[i] = `${r.parkIds[i]}\t${r.deviceIds[i]}\t${r.metrics[i]}\t${r.stamps[i]}\t${r.values[i]}\t${received}\n`;
    const hour = `${r.stamps[i]!.slice(0, 13)}:00:00Z`;
    const key = `${r.deviceIds[i]}|${hour}`;
    if (!dirty.has(key)) dirty.set(key, [r.parkIds[i]!, r.deviceIds[i]!, hour]);
  }
  const marks = [...dirty.values()];
  const update = sql<{ id: string; accepted: number }>`
    with d as (
      select * from unnest(${d.dIds}::uuid[], ${d.dLast}::jsonb[], ${d.dSeen}::boolean[], ${d.dRejected}::int[], ${d.dReasons}::jsonb[], ${d.dLastReason}::text[], ${d.dAccepted}::int[])
        as d(id, last_values, seen, rejected, reasons, last_reason, accepted)
    )
    update iot_devices t set
      ${deviceUpdates(now, sql`d.accepted`)}
    from d
    where t.id = d.id
    returning t.id, d.accepted`.compile(ctx.db);
  const lock = sql`select id from iot_devices where id = any(${d.dIds}::uuid[]) order by id for update`.compile(ctx.db);
  const mark = sql`insert into iot_rollup_dirty (park_id, device_id, hour)
    select * from unnest(${marks.map((m) => m[0])}::uuid[], ${marks.map((m) => m[1])}::uuid[], ${marks.map((m) => m[2])}::timestamptz[])
    on conflict do nothing`.compile(ctx.db);
  try {
    return await ctx.database.withClient!(async (client) => {
      await client.query('begin');
      await client.query(lock.sql, lock.parameters as unknown[]);
      const stream = client.query(copyFrom('copy iot_readings (park_id, device_id, metric, ts, value, received_at) from stdin'));
      await pipeline(Readable.from(chunksOf(lines)), stream);
      await client.query(mark.sql, mark.parameters as unknown[]);
      const updated = await client.query<{ id: string; accepted: number }>(update.sql, update.parameters as unknown[]);
      await client.query('commit');
      return new Map(updated.rows.map((row) => [row.id, Number(row.accepted)]));
    });
  } catch (error) {
    if ((error as { code?: string }).code === UNIQUE_VIOLATION) return null;
    throw error;
  }
}

/** The COPY text in pieces of ~1,000 lines (one write per piece, not per line). */
function* chunksOf(lines: string[]): Generator<string> {
  for (let i = 0; i < lines.length; i += 1_000) yield lines.slice(i, i + 1_000).join('');
}

/** After a write: the alarm rules see each device's stored readings (errors are logged, never thrown). */
async function evaluateAfterWrite(ctx: AppContext, log: FastifyBaseLogger | null, batches: Iterable<{ device: CachedDevice; readings: IngestedReading[] }>): Promise<void> {
  // one evaluation per device (its batches of this write together), a few devices at a time
  const byDevice = new Map<string, { device: CachedDevice; readings: IngestedReading[] }>();
  for (const { device, readings } of batches) {
    if (readings.length === 0) continue;
    let entry = byDevice.get(device.id);
    if (!entry) byDevice.set(device.id, (entry = { device, readings: [] }));
    for (const r of readings) entry.readings.push(r);
  }
  const work = [...byDevice.values()];
  let next = 0;
  const worker = async () => {
    while (next < work.length) {
      const { device, readings } = work[next++]!;
      const ingested: IngestedDevice = { id: device.id, parkId: device.parkId, enterpriseId: device.enterpriseId, typeCode: device.typeCode, name: device.name };
      try {
        await evaluateReadings(ctx, ingested, readings);
      } catch (error) {
        log?.error({ err: error, deviceId: device.id }, 'telemetry: alarm evaluation failed');
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(EVALUATION_CONCURRENCY, work.length) }, worker));
}

/** Devices evaluated at once after a write (each one read, most often, on its own pooled connection). */
const EVALUATION_CONCURRENCY = 4;

function resultOf(check: CheckedBatch, accepted: number): TelemetryIngestResult {
  return {
    accepted,
    duplicates: check.valid.length - accepted,
    rejected: check.rejected,
    rejectedByReason: check.rejectedByReason as Record<string, number>,
    errors: check.errors,
  };
}

export type IngestOutcome =
  | { ok: true; result: TelemetryIngestResult }
  | { ok: false; reason: 'bad_token' | 'device_disabled' | 'malformed'; message: string };

/**
 * Ingests one message at once (HTTP): authenticates, checks, stores and answers what happened.
 * `payload` is the parsed JSON body (undefined when it was not valid JSON).
 */
export async function ingestNow(
  ctx: AppContext,
  log: FastifyBaseLogger | null,
  deviceId: string,
  token: string | null,
  payload: unknown,
): Promise<IngestOutcome> {
  const device = await loadDevice(ctx, deviceId);
  if (!device || !tokenMatches(device, token)) {
    if (device) telemetryWriter(ctx, log).count(device, refusedMessage('bad_token', '令牌错误'));
    return { ok: false, reason: 'bad_token', message: '设备令牌错误或已失效(请在设备详情中查看或重置令牌)' };
  }
  if (device.status !== 'active') {
    telemetryWriter(ctx, log).count(device, refusedMessage('device_disabled', '设备已停用'));
    return { ok: false, reason: 'device_disabled', message: '设备已停用,不接收数据' };
  }
  const parsed = payload === undefined ? ({ malformed: '报文不是有效的 JSON' } as const) : readingsOf(payload);
  if ('malformed' in parsed) {
    telemetryWriter(ctx, log).count(device, refusedMessage('malformed', parsed.malformed), true);
    return { ok: false, reason: 'malformed', message: parsed.malformed };
  }
  const check = checkReadings(device, parsed.readings, ctx.clock.now());
  // through the write-behind buffer: requests arriving while a write runs go in together in the
  // next one (one transaction, one COPY); the answer waits for its own write to commit
  const accepted = await telemetryWriter(ctx, log).store(device, check);
  return { ok: true, result: resultOf(check, accepted) };
}

/** Counters of a writer, for logs and tests. */
export type WriterStats = { flushes: number; writtenReadings: number; failedFlushes: number; failedReadings: number; pending: number };

/**
 * The write-behind buffer of one app (per AppContext): MQTT messages and refusal counts are
 * coalesced and written every FLUSH_MS (or at FLUSH_READINGS pending readings) in one statement,
 * one write at a time. A failed write is retried once, then logged and counted — never silently
 * dropped. `flush()` writes everything pending (stop, tests).
 */
export class TelemetryWriter {
  private pending: DeviceBatch[] = [];
  /** callers waiting for their batch's write (HTTP), by batch */
  private waiters = new Map<DeviceBatch, { resolve: (accepted: number) => void; reject: (error: unknown) => void }>();
  private pendingReadings = 0;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  readonly stats: WriterStats = { flushes: 0, writtenReadings: 0, failedFlushes: 0, failedReadings: 0, pending: 0 };

  constructor(
    private readonly ctx: AppContext,
    public log: FastifyBaseLogger | null,
  ) {}

  /** Queues a device's checked batch; resolves once the buffer is below the high-water mark. */
  async add(device: CachedDevice, check: CheckedBatch, seen = true): Promise<void> {
    this.pending.push({ device, check, seen });
    this.pendingReadings += check.valid.length;
    this.stats.pending = this.pendingReadings;
    if (this.pendingReadings >= FLUSH_READINGS) this.kick();
    else this.schedule();
    while (this.pendingReadings >= HIGH_WATER_READINGS && this.running) await this.running;
  }

  /**
   * Writes a device's checked batch with the next write and resolves, once it and the alarm
   * evaluation are done, to how many of its readings were new; rejects if the write failed.
   */
  store(device: CachedDevice, check: CheckedBatch): Promise<number> {
    const batch: DeviceBatch = { device, check, seen: true };
    const done = new Promise<number>((resolve, reject) => this.waiters.set(batch, { resolve, reject }));
    this.pending.push(batch);
    this.pendingReadings += check.valid.length;
    this.stats.pending = this.pendingReadings;
    // a caller is waiting: write now (or right after the write in progress), not after FLUSH_MS
    this.kick();
    return done;
  }

  /** Counts a refusal (no readings) with the next write. `seen`: the device did authenticate. */
  count(device: CachedDevice, check: CheckedBatch, seen = false): void {
    this.pending.push({ device, check, seen });
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.running) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.kick();
    }, FLUSH_MS);
  }

  private kick(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.running || this.pending.length === 0) return;
    this.running = this.writeAll().finally(() => {
      this.running = null;
      if (this.pending.length) {
        if (this.pendingReadings >= FLUSH_READINGS || this.pending.some((b) => this.waiters.has(b))) this.kick();
        else this.schedule();
      }
    });
  }

  private async writeAll(): Promise<void> {
    const batches = this.pending;
    const readings = this.pendingReadings;
    this.pending = [];
    this.pendingReadings = 0;
    this.stats.pending = 0;
    const waiting = batches.filter((b) => this.waiters.has(b));
    const accepted = new Map<DeviceBatch, number>();
    for (let attempt = 1; ; attempt++) {
      try {
        await this.write(batches, waiting, accepted);
        this.stats.flushes += 1;
        this.stats.writtenReadings += readings;
        break;
      } catch (error) {
        if (attempt < 2) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          continue;
        }
        this.stats.failedFlushes += 1;
        this.stats.failedReadings += readings;
        this.log?.error({ err: error, readings, devices: new Set(batches.map((b) => b.device.id)).size }, 'telemetry: writing a batch failed; its readings were not stored');
        for (const b of waiting) {
          this.waiters.get(b)!.reject(error);
          this.waiters.delete(b);
        }
        return;
      }
    }
    // A waiting caller is answered once its readings are committed. The alarm rules see the write
    // while the next write goes on (a two-stage pipeline: at most one evaluation behind, so a
    // device's readings are evaluated in the order they were written); alarms follow within moments.
    for (const b of waiting) {
      this.waiters.get(b)!.resolve(accepted.get(b) ?? 0);
      this.waiters.delete(b);
    }
    await this.evaluating;
    this.evaluating = evaluateAfterWrite(
      this.ctx,
      this.log,
      batches.filter((b) => b.check.valid.length).map((b) => ({ device: b.device, readings: b.check.valid })),
    );
  }

  /** The evaluation of the last write, still running while the next write goes on. */
  private evaluating: Promise<void> = Promise.resolve();

  /**
   * One write of everything pending. A waiting caller needs its own batch's count: exact when the
   * whole write went in by COPY (every valid reading was new); otherwise (duplicates, or PGlite) the
   * waiting batches are written one by one, each with its own count, and the rest together.
   */
  private async write(batches: DeviceBatch[], waiting: DeviceBatch[], accepted: Map<DeviceBatch, number>): Promise<void> {
    if (waiting.length === 0) {
      await storeBatches(this.ctx, batches);
      return;
    }
    if (this.ctx.database.withClient) {
      // went in whole by COPY: every valid reading of every batch was new
      if (await storeBatchesAs(this.ctx, batches, 'copy-only')) {
        for (const b of waiting) accepted.set(b, b.check.valid.length);
        return;
      }
    }
    // a duplicate among them (or PGlite): each waiting batch on its own, for its own count
    for (const b of waiting) accepted.set(b, (await storeBatches(this.ctx, [b], { noCopy: true })).get(b.device.id) ?? 0);
    const rest = batches.filter((b) => !this.waiters.has(b));
    if (rest.length) await storeBatches(this.ctx, rest);
  }

  /** Writes everything pending (and waits for a write in progress). */
  async flush(): Promise<void> {
    for (;;) {
      if (this.timer) {
        clearTimeout(this.timer);
        this.timer = null;
      }
      if (this.running) {
        await this.running;
        continue;
      }
      if (this.pending.length === 0) {
        await this.evaluating;
        if (this.running || this.pending.length) continue;
        return;
      }
      this.kick();
    }
  }
}

const writers = new WeakMap<AppContext, TelemetryWriter>();

/** The app's write-behind buffer (one per AppContext). */
export function telemetryWriter(ctx: AppContext, log: FastifyBaseLogger | null = null): TelemetryWriter {
  let writer = writers.get(ctx);
  if (!writer) {
    writer = new TelemetryWriter(ctx, log);
    writers.set(ctx, writer);
  } else if (!writer.log && log) writer.log = log;
  return writer;
}

/**
 * Ingests one MQTT message through the write-behind buffer. `token`: the token to check (external
 * broker: from the payload); null when the embedded broker already authenticated the connection
 * (`connectionTokenHash` is then re-checked against the device's current token, so a rotation
 * cuts an open connection off too). Answers whether the device's connection should be closed.
 */
export async function ingestMqttMessage(
  ctx: AppContext,
  log: FastifyBaseLogger | null,
  deviceId: string,
  payload: Buffer,
  auth: { token: string | null } | { connectionTokenHash: Buffer },
): Promise<{ refused: 'bad_token' | 'device_disabled' | 'malformed' | 'unknown_device' | null }> {
  const writer = telemetryWriter(ctx, log);
  const device = await loadDevice(ctx, deviceId);
  if (!device) return { refused: 'unknown_device' };
  let parsedJson: unknown;
  let parseFailed = false;
  try {
    parsedJson = JSON.parse(payload.toString('utf8'));
  } catch {
    parseFailed = true;
  }
  let authenticated: boolean;
  if ('connectionTokenHash' in auth) authenticated = !!device.tokenHash && device.tokenHash.equals(auth.connectionTokenHash);
  else {
    const token = auth.token ?? (!parseFailed && typeof parsedJson === 'object' && parsedJson !== null ? (parsedJson as { token?: unknown }).token : null);
    authenticated = typeof token === 'string' && tokenMatches(device, token);
  }
  if (!authenticated) {
    writer.count(device, refusedMessage('bad_token', '令牌错误'));
    return { refused: 'bad_token' };
  }
  if (device.status !== 'active') {
    writer.count(device, refusedMessage('device_disabled', '设备已停用'));
    return { refused: 'device_disabled' };
  }
  const parsed = parseFailed ? ({ malformed: '报文不是有效的 JSON' } as const) : readingsOf(parsedJson);
  if ('malformed' in parsed) {
    writer.count(device, refusedMessage('malformed', parsed.malformed), true);
    return { refused: 'malformed' };
  }
  await writer.add(device, checkReadings(device, parsed.readings, ctx.clock.now()));
  return { refused: null };
}

/** Chinese label of a reason (for logs and messages). */
export function reasonLabel(reason: TelemetryRejectReason): string {
  return TELEMETRY_REJECT_REASON_LABELS[reason];
}
