import { registerScheduledJob } from '../../../platform/scheduler.js';
import { sweepOverdueBridgeLoans } from './service.js';

let registered = false;

/** 转贷逾期扫描: every 10 minutes; idempotent and safe in several processes (SKIP LOCKED, overdue_at is null). */
export function registerBridgeSweep(): void {
  if (registered) return;
  registered = true;
  registerScheduledJob({ name: 'bridge-overdue', everyMs: 10 * 60_000, run: (ctx) => sweepOverdueBridgeLoans(ctx) });
}
