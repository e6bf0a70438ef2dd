import { registerScheduledJob } from '../../platform/scheduler.js';
import { expireVouchers } from './vouchers.js';

let registered = false;

/** 创新券到期: every 10 minutes, idempotent and safe in several processes (SKIP LOCKED). */
export function registerVoucherSweep(): void {
  if (registered) return;
  registered = true;
  registerScheduledJob({ name: 'voucher-expiry', everyMs: 10 * 60_000, run: (ctx) => expireVouchers(ctx) });
}
