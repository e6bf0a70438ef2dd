import { rentMonthOf } from '@yuanqi/contract';
import { shanghaiDate } from '../../../platform/calendar/index.js';
import type { AppContext } from '../../../platform/context.js';
import { JOB_DESCRIPTIONS, registerScheduledJob } from '../../../platform/scheduler.js';
import { generateMonth } from './service.js';

/**
 * 租金出账: the bills of the current month (Asia/Shanghai) for every park, from the 1st on. Runs
 * hourly; idempotent (one bill per lease and month, an advisory lock per park and month), so a
 * lease signed mid-month is billed on the next run and several processes may run it at once.
 */
export async function sweepPremisesBills(ctx: AppContext): Promise<{ created: number }> {
  const month = rentMonthOf(shanghaiDate(ctx.clock.now())).slice(0, 7);
  const parks = await ctx.db.selectFrom('parks').select('id').execute();
  let created = 0;
  for (const { id } of parks) created += (await generateMonth(ctx, null, id, month)).created;
  return { created };
}

let registered = false;

export function registerPremisesBillSweep(): void {
  if (registered) return;
  registered = true;
  JOB_DESCRIPTIONS['premises-bills'] ??= { label: '厂房租金出账', description: '每月1日起为所有有效租赁合同生成当月租金账单(按天折算、套用执行中的房租减免措施),每份合同每月一张,可重复执行' };
  registerScheduledJob({ name: 'premises-bills', everyMs: 60 * 60_000, run: (ctx) => sweepPremisesBills(ctx) });
}
