import type {
  CreateDeviceRequest,
  CreateDeviceTypeRequest,
  DeviceDetail,
  DeviceList,
  DeviceMetric,
  DeviceReading,
  DeviceStatus,
  DeviceTokenIssued,
  DeviceTypeView,
  DeviceView,
  TelemetryRejectReason,
  UpdateDeviceRequest,
} from '@yuanqi/contract';
import { telemetryTopic } from '@yuanqi/contract';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { DeviceMetricJson } from '../../../db/schema-industry.js';
import { can, type Actor } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit.js';
import type { AppContext } from '../../../platform/context.js';
import { conflict, forbidden, invalidState, notFound, validationError } from '../../../platform/errors.js';
import { enterpriseScopeOf, inEnterpriseScope } from '../../../platform/scope.js';
import { requireIndustryAccess } from '../access.js';
import { ensureIndustryDefaults } from '../defaults.js';
import { invalidateAllDevices, invalidateDevice } from '../telemetry/ingest.js';
import { telemetryBrokerInfo } from '../telemetry/mqtt.js';
import { hashDeviceToken, newDeviceToken, tokenHint } from './tokens.js';

type Executor = Kysely<DB> | Transaction<DB>;
const STALE = '设备信息已被他人修改,请刷新后重试';

type DeviceRow = {
  id: string;
  park_id: string;
  enterprise_id: string;
  enterprise_name: string;
  code: string;
  name: string;
  type_code: string;
  type_label: string;
  metrics: DeviceMetricJson[];
  location: string | null;
  status: string;
  token_hash: string | null;
  token_hint: string | null;
  token_issued_at: Date | null;
  last_seen_at: Date | null;
  online: boolean;
  status_changed_at: Date | null;
  accepted_count: number;
  rejected_count: number;
  rejected_by_reason: Record<string, number>;
  last_rejected_at: Date | null;
  last_rejected_reason: string | null;
  last_values: Record<string, { value: number; ts: string }>;
  simulated: boolean;
  created_at: Date;
  version: number;
};

function devicesQuery(db: Executor) {
  return db
    .selectFrom('iot_devices as d')
    .innerJoin('enterprises as e', 'e.id', 'd.enterprise_id')
    .innerJoin('iot_device_types as t', (j) => j.onRef('t.park_id', '=', 'd.park_id').onRef('t.code', '=', 'd.type_code'))
    .select([
      'd.id',
      'd.park_id',
      'd.enterprise_id',
      'e.name as enterprise_name',
      'd.code',
      'd.name',
      'd.type_code',
      't.label as type_label',
      't.metrics',
      'd.location',
      'd.status',
      'd.token_hash',
      'd.token_hint',
      'd.token_issued_at',
      'd.last_seen_at',
      'd.online',
      'd.status_changed_at',
      'd.accepted_count',
      'd.rejected_count',
      'd.rejected_by_reason',
      'd.last_rejected_at',
      'd.last_rejected_reason',
      'd.last_values',
      'd.simulated',
      'd.created_at',
      'd.version',
    ]);
}

function viewOf(row: DeviceRow): DeviceView {
  const metrics = row.metrics;
  const lastValues = metrics
    .filter((m) => row.last_values[m.key])
    .map((m) => ({ metric: m.key, label: m.label, unit: m.unit, kind: m.kind, value: row.last_values[m.key]!.value, ts: new Date(row.last_values[m.key]!.ts).toISOString() }));
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    typeCode: row.type_code,
    typeLabel: row.type_label,
    location: row.location,
    status: row.status as DeviceStatus,
    online: row.status === 'active' && row.online,
    lastSeenAt: row.last_seen_at?.toISOString() ?? null,
    acceptedCount: Number(row.accepted_count),
    rejectedCount: Number(row.rejected_count),
    lastValues,
    simulated: row.simulated,
    hasToken: !!row.token_hash,
    tokenHint: row.token_hint,
    version: row.version,
  };
}

/** Whether the actor may change this firm's devices: the office any, the firm (or its liaison) its own. */
function mayManage(actor: Actor, inScope: boolean): boolean {
  if (can(actor, 'industry:manage')) return true;
  return can(actor, 'industry:report') && inScope;
}

function detailOf(ctx: AppContext, actor: Actor, row: DeviceRow): DeviceDetail {
  const broker = telemetryBrokerInfo(ctx);
  return {
    ...viewOf(row),
    metrics: row.metrics as DeviceMetric[],
    statusChangedAt: row.status_changed_at?.toISOString() ?? null,
    tokenIssuedAt: row.token_issued_at?.toISOString() ?? null,
    rejectedByReason: row.rejected_by_reason as Partial<Record<TelemetryRejectReason, number>>,
    lastRejectedAt: row.last_rejected_at?.toISOString() ?? null,
    lastRejectedReason: (row.last_rejected_reason as TelemetryRejectReason | null) ?? null,
    createdAt: row.created_at.toISOString(),
    canManage: mayManage(actor, true),
    connection: { httpPath: `/api/industry/devices/${row.id}/telemetry`, topic: telemetryTopic(row.id), mqttPort: broker.port, external: broker.external },
  };
}

/** A device the actor may see (its firm in the actor's scope), else 404. */
async function visibleDevice(db: Executor, actor: Actor, id: string): Promise<DeviceRow> {
  requireIndustryAccess(actor);
  const scope = enterpriseScopeOf(actor);
  const row = await devicesQuery(db)
    .where('d.id', '=', id)
    .where((eb) => inEnterpriseScope<any, any>(scope, 'd.park_id', 'd.enterprise_id')(eb))
    .executeTakeFirst();
  if (!row) throw notFound('设备');
  return row as DeviceRow;
}

/** A device the actor may change (visible and manageable), else 404 / 403. */
async function manageableDevice(db: Executor, actor: Actor, id: string): Promise<DeviceRow> {
  const row = await visibleDevice(db, actor, id);
  if (!mayManage(actor, true)) throw forbidden('只有设备所属企业、其驻企专员或管理部门可以操作设备');
  return row;
}

// ------------------------------------------------------------ types

export async function listDeviceTypes(ctx: AppContext, actor: Actor): Promise<DeviceTypeView[]> {
  requireIndustryAccess(actor);
  await ensureIndustryDefaults(ctx.db, actor.parkId);
  const rows = await ctx.db
    .selectFrom('iot_device_types as t')
    .select(['t.code', 't.label', 't.metrics', 't.builtin'])
    .select((eb) => eb.selectFrom('iot_devices as d').whereRef('d.park_id', '=', 't.park_id').whereRef('d.type_code', '=', 't.code').select(sql<number>`count(*)::int`.as('n')).as('device_count'))
    .where('t.park_id', '=', actor.parkId)
    .orderBy('t.builtin', 'desc')
    .orderBy('t.created_at')
    .orderBy('t.code')
    .execute();
  return rows.map((r) => ({ code: r.code, label: r.label, metrics: r.metrics as DeviceMetric[], builtin: r.builtin, deviceCount: Number(r.device_count ?? 0) }));
}

export async function createDeviceType(ctx: AppContext, actor: Actor, input: CreateDeviceTypeRequest): Promise<DeviceTypeView> {
  const now = ctx.clock.now();
  const metrics: DeviceMetricJson[] = input.metrics.map((m) => ({
    key: m.key,
    label: m.label,
    unit: m.unit ?? '',
    kind: m.kind,
    min: m.kind === 'flag' ? 0 : (m.min ?? null),
    max: m.kind === 'flag' ? 1 : (m.max ?? null),
    ...(m.energy ? { energy: true } : {}),
  }));
  await ctx.db.transaction().execute(async (trx) => {
    await ensureIndustryDefaults(trx, actor.parkId);
    const inserted = await trx
      .insertInto('iot_device_types')
      .values({ park_id: actor.parkId, code: input.code, label: input.label, metrics: JSON.stringify(metrics), builtin: false, created_at: now })
      .onConflict((oc) => oc.columns(['park_id', 'code']).doNothing())
      .returning('code')
      .executeTakeFirst();
    if (!inserted) throw conflict('类型编码已存在', [{ path: 'code', message: '类型编码已存在' }]);
    await recordAudit(trx, actor, actor.parkId, [{ action: 'iot_device_type.create', entity: 'iot_device_type', entityId: null, after: { code: input.code, label: input.label, metrics } }], now);
  });
  return { code: input.code, label: input.label, metrics: metrics as DeviceMetric[], builtin: false, deviceCount: 0 };
}

/** An admin-made type's metrics and name may change while no device uses it; built-in types are fixed. */
export async function deleteDeviceType(ctx: AppContext, actor: Actor, code: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const type = await trx.selectFrom('iot_device_types').selectAll().where('park_id', '=', actor.parkId).where('code', '=', code).executeTakeFirst();
    if (!type) throw notFound('设备类型');
    if (type.builtin) throw invalidState('内置设备类型不能删除');
    const used = await trx.selectFrom('iot_devices').select('id').where('park_id', '=', actor.parkId).where('type_code', '=', code).limit(1).executeTakeFirst();
    if (used) throw invalidState('已有设备使用此类型,不能删除');
    await trx.deleteFrom('iot_device_types').where('park_id', '=', actor.parkId).where('code', '=', code).execute();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'iot_device_type.delete', entity: 'iot_device_type', entityId: null, before: { code, label: type.label } }], now);
  });
  invalidateAllDevices(ctx);
}

// ------------------------------------------------------------ devices

export async function listDevices(
  ctx: AppContext,
  actor: Actor,
  query: { enterpriseId?: string; typeCode?: string; online?: 'true' | 'false'; status?: DeviceStatus; q?: string; page: number; pageSize: number },
): Promise<DeviceList> {
  requireIndustryAccess(actor);
  const scope = enterpriseScopeOf(actor);
  let base = ctx.db
    .selectFrom('iot_devices as d')
    .innerJoin('enterprises as e', 'e.id', 'd.enterprise_id')
    .where((eb) => inEnterpriseScope<any, any>(scope, 'd.park_id', 'd.enterprise_id')(eb));
  if (query.enterpriseId) base = base.where('d.enterprise_id', '=', query.enterpriseId);
  if (query.typeCode) base = base.where('d.type_code', '=', query.typeCode);
  if (query.status) base = base.where('d.status', '=', query.status);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) => eb.or([eb('d.name', 'ilike', like), eb('d.code', 'ilike', like), eb('e.name', 'ilike', like)]));
  }
  const counts = await base
    .select([sql<number>`count(*) filter (where d.online and d.status = 'active')::int`.as('online'), sql<number>`count(*)::int`.as('all')])
    .executeTakeFirstOrThrow();
  let filtered = base;
  if (query.online === 'true') filtered = filtered.where('d.online', '=', true).where('d.status', '=', 'active');
  if (query.online === 'false') filtered = filtered.where((eb) => eb.or([eb('d.online', '=', false), eb('d.status', '!=', 'active')]));
  const total = query.online === 'true' ? Number(counts.online) : query.online === 'false' ? Number(counts.all) - Number(counts.online) : Number(counts.all);
  const ids = await filtered
    .select('d.id')
    .orderBy('e.name')
    .orderBy('d.code')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const rows = ids.length
    ? ((await devicesQuery(ctx.db)
        .where(
          'd.id',
          'in',
          ids.map((r) => r.id),
        )
        .orderBy('e.name')
        .orderBy('d.code')
        .execute()) as DeviceRow[])
    : [];
  return {
    items: rows.map(viewOf),
    total,
    page: query.page,
    pageSize: query.pageSize,
    onlineCount: Number(counts.online),
    offlineCount: Number(counts.all) - Number(counts.online),
  };
}

export async function getDevice(ctx: AppContext, actor: Actor, id: string): Promise<DeviceDetail> {
  return detailOf(ctx, actor, await visibleDevice(ctx.db, actor, id));
}

async function deviceDetailIn(ctx: AppContext, db: Executor, actor: Actor, id: string): Promise<DeviceDetail> {
  return detailOf(ctx, actor, await visibleDevice(db, actor, id));
}

export async function createDevice(ctx: AppContext, actor: Actor, input: CreateDeviceRequest): Promise<DeviceTokenIssued> {
  requireIndustryAccess(actor);
  if (!can(actor, 'industry:manage') && !can(actor, 'industry:report')) throw forbidden();
  const enterpriseId = input.enterpriseId ?? actor.enterpriseId;
  if (!enterpriseId) throw validationError([{ path: 'enterpriseId', message: '请选择设备所属企业' }]);
  const now = ctx.clock.now();
  const token = newDeviceToken();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const scope = enterpriseScopeOf(actor);
    const firm = await trx
      .selectFrom('enterprises as e')
      .select(['e.id', 'e.name'])
      .where('e.id', '=', enterpriseId)
      .where((eb) => (can(actor, 'industry:manage') ? eb('e.park_id', '=', actor.parkId) : inEnterpriseScope<any, any>(scope, 'e.park_id', 'e.id')(eb)))
      .executeTakeFirst();
    if (!firm) throw notFound('企业');
    await ensureIndustryDefaults(trx, actor.parkId);
    const type = await trx.selectFrom('iot_device_types').select('code').where('park_id', '=', actor.parkId).where('code', '=', input.typeCode).executeTakeFirst();
    if (!type) throw validationError([{ path: 'typeCode', message: '设备类型不存在' }]);
    const inserted = await trx
      .insertInto('iot_devices')
      .values({
        park_id: actor.parkId,
        enterprise_id: firm.id,
        code: input.code,
        name: input.name,
        type_code: input.typeCode,
        location: input.location || null,
        token_hash: hashDeviceToken(token),
        token_hint: tokenHint(token),
        token_issued_at: now,
        rejected_by_reason: '{}',
        last_values: '{}',
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['park_id', 'code']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) throw conflict('设备编号已被使用', [{ path: 'code', message: '设备编号已被使用(园区内唯一)' }]);
    await recordAudit(trx, actor, actor.parkId, [
      {
        action: 'iot_device.create',
        entity: 'iot_device',
        entityId: inserted.id,
        after: { enterpriseId: firm.id, code: input.code, name: input.name, typeCode: input.typeCode, location: input.location ?? null, tokenHint: tokenHint(token) },
      },
    ], now);
    return inserted.id;
  });
  return { device: await deviceDetailIn(ctx, ctx.db, actor, id), token };
}

/** A conditional update of a manageable device (stale version → 409) with its audit entry, in one transaction. */
async function changeDevice(
  ctx: AppContext,
  actor: Actor,
  id: string,
  version: number,
  action: string,
  change: (row: DeviceRow) => { set: Record<string, unknown>; before: Record<string, unknown>; after: Record<string, unknown> },
): Promise<DeviceDetail> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await manageableDevice(trx, actor, id);
    const { set, before, after } = change(row);
    const updated = await trx
      .updateTable('iot_devices')
      .set({ ...set, updated_at: now, version: version + 1 })
      .where('id', '=', id)
      .where('park_id', '=', actor.parkId)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw conflict(STALE);
    await recordAudit(trx, actor, actor.parkId, [{ action, entity: 'iot_device', entityId: id, before, after }], now);
  });
  invalidateDevice(ctx, id);
  return getDevice(ctx, actor, id);
}

export async function updateDevice(ctx: AppContext, actor: Actor, id: string, input: UpdateDeviceRequest): Promise<DeviceDetail> {
  return changeDevice(ctx, actor, id, input.version, 'iot_device.update', (row) => {
    const set: Record<string, unknown> = {};
    if (input.name !== undefined) set.name = input.name;
    if (input.location !== undefined) set.location = input.location || null;
    return { set, before: { name: row.name, location: row.location }, after: { name: input.name ?? row.name, location: input.location === undefined ? row.location : input.location || null } };
  });
}

export async function setDeviceStatus(ctx: AppContext, actor: Actor, id: string, version: number, status: DeviceStatus): Promise<DeviceDetail> {
  return changeDevice(ctx, actor, id, version, status === 'disabled' ? 'iot_device.disable' : 'iot_device.enable', (row) => {
    if (row.status === status) throw invalidState(status === 'disabled' ? '设备已是停用状态' : '设备已是启用状态');
    return { set: { status, ...(status === 'disabled' ? { online: false, status_changed_at: ctx.clock.now() } : {}) }, before: { status: row.status }, after: { status } };
  });
}

/** A new token (the old one stops working at once); shown this once. */
export async function rotateDeviceToken(ctx: AppContext, actor: Actor, id: string, version: number): Promise<DeviceTokenIssued> {
  const token = newDeviceToken();
  const now = ctx.clock.now();
  const device = await changeDevice(ctx, actor, id, version, 'iot_device.rotate_token', (row) => ({
    set: { token_hash: hashDeviceToken(token), token_hint: tokenHint(token), token_issued_at: now },
    before: { tokenHint: row.token_hint },
    after: { tokenHint: tokenHint(token) },
  }));
  return { device, token };
}

/** No token at all until rotated: the device can no longer send. */
export async function revokeDeviceToken(ctx: AppContext, actor: Actor, id: string, version: number): Promise<DeviceDetail> {
  return changeDevice(ctx, actor, id, version, 'iot_device.revoke_token', (row) => {
    if (!row.token_hash) throw invalidState('设备令牌已吊销');
    return { set: { token_hash: null, token_hint: null, token_issued_at: null }, before: { tokenHint: row.token_hint }, after: { tokenHint: null } };
  });
}

/** The device's latest raw readings (newest first). */
export async function deviceReadings(ctx: AppContext, actor: Actor, id: string, query: { metric?: string; limit: number }): Promise<DeviceReading[]> {
  const device = await visibleDevice(ctx.db, actor, id);
  let q = ctx.db.selectFrom('iot_readings').select(['metric', 'ts', 'value', 'received_at']).where('device_id', '=', device.id);
  if (query.metric) q = q.where('metric', '=', query.metric);
  const rows = await q.orderBy('ts', 'desc').limit(query.limit).execute();
  return rows.map((r) => ({ metric: r.metric, ts: r.ts.toISOString(), value: Number(r.value), receivedAt: r.received_at.toISOString() }));
}

