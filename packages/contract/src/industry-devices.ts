import { z } from 'zod';

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
