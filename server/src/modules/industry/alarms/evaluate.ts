import type { AppContext } from '../../../platform/context.js';

export type IngestedDevice = { id: string; parkId: string; enterpriseId: string; typeCode: string; name: string };
export type IngestedReading = { metric: string; ts: Date; value: number };

/**
 * Called by telemetry ingest after a device's accepted readings are stored (outside the ingest's
 * transaction): moves the threshold alarm rules' watch state and raises or clears alarms.
 */
export async function evaluateReadings(_ctx: AppContext, _device: IngestedDevice, _readings: readonly IngestedReading[]): Promise<void> {}
