import { z } from 'zod';
import { FIELD_LABELS, ZPage, ZPageSize, type Paged } from './common.js';
import { METRIC_KINDS, type MetricKind, type TelemetryRejectReason } from './industry.js';

/**
 * Telemetry wire format (docs/industry/TELEMETRY.md), the same over HTTP and MQTT:
 * - HTTP: `POST /api/industry/devices/{deviceId}/telemetry`, header `Authorization: Bearer <token>`,
 *   JSON body `{ "readings": [{ "metric": "temp_c", "value": 812.5, "ts": "2026-12-07T10:00:00Z" }, …] }`
 *   (`ts` optional = the server's time of receipt; up to 5,000 readings per request).
 * - MQTT: topic `yuanqi/devices/{deviceId}/telemetry`, the same JSON payload. On the embedded broker the
 *   device connects with username = device id and password = token; on an external broker (MQTT_URL)
 *   the payload also carries `"token": "<token>"`, which the app checks.
 */
export const MAX_READINGS_PER_BATCH = 5_000;

export const ZTelemetryReading = z.object({
  metric: z.string({ error: '指标须为文字' }).min(1, '指标不能为空').max(40, '指标过长'),
  value: z.union([z.number({ error: '数值须为数字' }).finite('数值须为有限数字'), z.boolean({ error: '数值须为数字' })], { error: '数值须为数字' }),
  ts: z.union([z.string(), z.number()], { error: '时间戳须为 ISO 时间或毫秒数' }).optional(),
});
export type TelemetryReading = z.infer<typeof ZTelemetryReading>;

export const ZTelemetryBatch = z.object({
  token: z.string().optional(),
  readings: z.array(ZTelemetryReading, { error: '读数须为数组' }).min(1, '至少一条读数').max(MAX_READINGS_PER_BATCH, `一次最多 ${MAX_READINGS_PER_BATCH} 条读数`),
});
export type TelemetryBatch = z.infer<typeof ZTelemetryBatch>;

/** What an ingest answers: how many readings were stored, refused (by reason) and already there. */
export type TelemetryIngestResult = {
  accepted: number;
  duplicates: number;
  rejected: number;
  rejectedByReason: Record<string, number>;
  /** the first few refusals, for the device's developer: index in the batch and the reason in Chinese */
  errors: { index: number; reason: string; message: string }[];
};

// ------------------------------------------------------------ devices 物联网设备 (H3)


const DEVICE_FIELD_LABELS: Record<string, string> = {
  code: '设备编号',
  typeCode: '设备类型',
  location: '安装位置',
  online: '在线状态',
  metrics: '指标',
  label: '名称',
  kind: '指标类型',
  min: '下限',
  max: '上限',
  energy: '电量指标',
};
for (const [key, label] of Object.entries(DEVICE_FIELD_LABELS)) if (!(key in FIELD_LABELS)) FIELD_LABELS[key] = label;

const text = (label: string, max: number) =>
  z.string({ error: `${label}应为文字` }).trim().min(1, { error: `${label}不能为空` }).max(max, { error: `${label}最多${max}个字` });
const optionalText = (label: string, max: number) =>
  z.string({ error: `${label}应为文字` }).trim().max(max, { error: `${label}最多${max}个字` }).optional().nullable();

export const DEVICE_STATUSES = ['active', 'disabled'] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];
export const DEVICE_STATUS_LABELS: Record<DeviceStatus, string> = { active: '启用', disabled: '已停用' };

/** One metric of a device type. */
export const ZDeviceMetric = z
  .object({
    key: z.string({ error: '指标编码应为文字' }).trim().regex(/^[a-z][a-z0-9_]{0,39}$/, { error: '指标编码须为小写字母开头的字母、数字或下划线(最多40位)' }),
    label: text('指标名称', 30),
    unit: z.string({ error: '单位应为文字' }).trim().max(12, { error: '单位最多12个字' }).default(''),
    kind: z.enum(METRIC_KINDS, { error: '指标类型须为瞬时值、累计值或开关量' }),
    min: z.number({ error: '下限应为数字' }).finite().nullable().optional(),
    max: z.number({ error: '上限应为数字' }).finite().nullable().optional(),
    energy: z.boolean({ error: '电量指标应为是或否' }).optional(),
  })
  .refine((m) => m.min === null || m.min === undefined || m.max === null || m.max === undefined || m.min <= m.max, { error: '下限不能大于上限', path: ['max'] })
  .refine((m) => !m.energy || m.kind === 'counter', { error: '电量指标须为累计值', path: ['energy'] });
export type DeviceMetric = { key: string; label: string; unit: string; kind: MetricKind; min?: number | null; max?: number | null; energy?: boolean };

export const ZCreateDeviceTypeRequest = z
  .object({
    code: z.string({ error: '类型编码应为文字' }).trim().regex(/^[a-z][a-z0-9_]{1,39}$/, { error: '类型编码须为小写字母开头的字母、数字或下划线(2–40位)' }),
    label: text('类型名称', 30),
    metrics: z.array(ZDeviceMetric, { error: '指标应为列表' }).min(1, { error: '至少一个指标' }).max(30, { error: '最多30个指标' }),
  })
  .refine((t) => new Set(t.metrics.map((m) => m.key)).size === t.metrics.length, { error: '指标编码不能重复', path: ['metrics'] });
export type CreateDeviceTypeRequest = z.infer<typeof ZCreateDeviceTypeRequest>;

export type DeviceTypeView = { code: string; label: string; metrics: DeviceMetric[]; builtin: boolean; deviceCount: number };

export const ZCreateDeviceRequest = z.object({
  /** the firm; a firm user may omit it (its own firm) */
  enterpriseId: z.uuid({ error: '企业编号格式不正确' }).optional(),
  code: z.string({ error: '设备编号应为文字' }).trim().min(1, { error: '设备编号不能为空' }).max(40, { error: '设备编号最多40个字' }).regex(/^[\w.\-]+$/, { error: '设备编号只能用字母、数字、下划线、点和短横线' }),
  name: text('设备名称', 60),
  typeCode: z.string({ error: '请选择设备类型' }).min(1, { error: '请选择设备类型' }),
  location: optionalText('安装位置', 100),
});
export type CreateDeviceRequest = z.infer<typeof ZCreateDeviceRequest>;

export const ZUpdateDeviceRequest = z.object({
  name: text('设备名称', 60).optional(),
  location: optionalText('安装位置', 100),
  version: z.number({ error: '版本应为数字' }).int(),
});
export type UpdateDeviceRequest = z.infer<typeof ZUpdateDeviceRequest>;

export const ZDeviceVersionRequest = z.object({ version: z.number({ error: '版本应为数字' }).int() });
export type DeviceVersionRequest = z.infer<typeof ZDeviceVersionRequest>;

export const ZListDevicesQuery = z.object({
  enterpriseId: z.uuid({ error: '企业编号格式不正确' }).optional(),
  typeCode: z.string().max(40).optional(),
  online: z.enum(['true', 'false'], { error: '在线状态须为 true 或 false' }).optional(),
  status: z.enum(DEVICE_STATUSES).optional(),
  q: z.string().trim().max(60).optional(),
  page: ZPage,
  pageSize: ZPageSize,
});
export type ListDevicesQuery = z.input<typeof ZListDevicesQuery>;

export const ZDeviceReadingsQuery = z.object({
  metric: z.string().max(40).optional(),
  limit: z.coerce.number({ error: '条数应为数字' }).int().min(1).max(500).default(100),
});

export type DeviceLastValue = { metric: string; label: string; unit: string; kind: MetricKind; value: number; ts: string };

export type DeviceView = {
  id: string;
  code: string;
  name: string;
  enterpriseId: string;
  enterpriseName: string;
  typeCode: string;
  typeLabel: string;
  location: string | null;
  status: DeviceStatus;
  online: boolean;
  lastSeenAt: string | null;
  acceptedCount: number;
  rejectedCount: number;
  lastValues: DeviceLastValue[];
  simulated: boolean;
  hasToken: boolean;
  tokenHint: string | null;
  version: number;
};
export type DeviceList = Paged<DeviceView> & { onlineCount: number; offlineCount: number };

export type DeviceDetail = DeviceView & {
  metrics: DeviceMetric[];
  statusChangedAt: string | null;
  tokenIssuedAt: string | null;
  rejectedByReason: Partial<Record<TelemetryRejectReason, number>>;
  lastRejectedAt: string | null;
  lastRejectedReason: TelemetryRejectReason | null;
  createdAt: string;
  /** may rotate/revoke the token, edit and disable */
  canManage: boolean;
  /** how the device connects: HTTP URL path, MQTT topic and the embedded broker's port (null: none) */
  connection: { httpPath: string; topic: string; mqttPort: number | null; external: boolean };
};

/** Answer of a create or a token rotation: the token in clear, this once. */
export type DeviceTokenIssued = { device: DeviceDetail; token: string };

export type DeviceReading = { metric: string; ts: string; value: number; receivedAt: string };
