import { registerScheduledJob } from '../../../platform/scheduler.js';
import { rollupDirtyHours } from '../rollups/sweep.js';
import { sweepOfflineDevices } from '../rollups/status.js';
import { sweepHeldBreaches } from './evaluate.js';

let registered = false;

/**
 * The telemetry sweeps, each every minute and safe in several processes (SKIP LOCKED):
 * iot-rollups (dirty hours → hour and day rollups), iot-device-status (online → offline after the
 * park's offline window, one notice per transition) and iot-alarm-hold (breaches that outlast the
 * readings raise their alarm while the device is online).
 */
export function registerTelemetrySweeps(): void {
  if (registered) return;
  registered = true;
  registerScheduledJob({ name: 'iot-rollups', everyMs: 60_000, run: (ctx) => rollupDirtyHours(ctx.db) });
  registerScheduledJob({ name: 'iot-device-status', everyMs: 60_000, run: (ctx) => sweepOfflineDevices(ctx) });
  registerScheduledJob({ name: 'iot-alarm-hold', everyMs: 60_000, run: (ctx) => sweepHeldBreaches(ctx) });
}
