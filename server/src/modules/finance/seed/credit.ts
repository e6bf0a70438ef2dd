import type { CreditFormulaDefinition } from '@yuanqi/contract';
import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { FinanceSeedOptions } from './index.js';

/** The demo park's credit formula in force (version 2); also the tests' example. Weights sum to 100. */
export const DEMO_CREDIT_FORMULA: CreditFormulaDefinition = {
  indicators: [
    { metric: 'years_founded', weight: 15, bands: [{ min: null, max: 3, score: 40 }, { min: 3, max: 5, score: 60 }, { min: 5, max: 10, score: 80 }, { min: 10, max: null, score: 100 }] },
    { metric: 'registered_capital_wan', weight: 10, missingScore: 40, bands: [{ min: null, max: 500, score: 50 }, { min: 500, max: 2000, score: 70 }, { min: 2000, max: 5000, score: 85 }, { min: 5000, max: null, score: 100 }] },
    { metric: 'above_scale', weight: 10, bands: [{ min: null, max: 1, score: 60 }, { min: 1, max: null, score: 100 }] },
    { metric: 'headcount', weight: 5, missingScore: 50, bands: [{ min: null, max: 20, score: 50 }, { min: 20, max: 100, score: 70 }, { min: 100, max: 300, score: 85 }, { min: 300, max: null, score: 100 }] },
    { metric: 'high_tech', weight: 5, bands: [{ min: null, max: 1, score: 60 }, { min: 1, max: null, score: 100 }] },
    { metric: 'specialized', weight: 5, bands: [{ min: null, max: 1, score: 60 }, { min: 1, max: null, score: 100 }] },
    { metric: 'payouts_count_3y', weight: 5, bands: [{ min: null, max: 1, score: 60 }, { min: 1, max: 3, score: 80 }, { min: 3, max: null, score: 100 }] },
    { metric: 'demands_resolved_pct', weight: 10, missingScore: 80, bands: [{ min: null, max: 60, score: 40 }, { min: 60, max: 90, score: 70 }, { min: 90, max: null, score: 100 }] },
    { metric: 'bridge_repaid_on_time', weight: 5, bands: [{ min: null, max: 1, score: 70 }, { min: 1, max: null, score: 100 }] },
    { metric: 'bridge_overdue', weight: 10, bands: [{ min: null, max: 1, score: 100 }, { min: 1, max: 2, score: 40 }, { min: 2, max: null, score: 0 }] },
    { metric: 'margin_calls_3y', weight: 5, bands: [{ min: null, max: 1, score: 100 }, { min: 1, max: 3, score: 70 }, { min: 3, max: null, score: 40 }] },
    { metric: 'needs_disbursed', weight: 5, bands: [{ min: null, max: 1, score: 70 }, { min: 1, max: null, score: 100 }] },
    // 产业云: the firm's monthly reports (growth of the last 12 months' revenue, reports filed on time)
    { metric: 'revenue_yoy_pct', weight: 5, missingScore: 50, bands: [{ min: null, max: -10, score: 40 }, { min: -10, max: 0, score: 60 }, { min: 0, max: 10, score: 80 }, { min: 10, max: null, score: 100 }] },
    { metric: 'reports_on_time_12m', weight: 5, missingScore: 60, bands: [{ min: null, max: 6, score: 40 }, { min: 6, max: 10, score: 70 }, { min: 10, max: null, score: 100 }] },
  ],
  grades: { AAA: 90, AA: 80, A: 70, BBB: 60, BB: 50 },
};

/** The first version (retired): registry only, before the finance record was weighed. */
const FIRST_FORMULA: CreditFormulaDefinition = {
  indicators: [
    { metric: 'years_founded', weight: 30, bands: [{ min: null, max: 5, score: 50 }, { min: 5, max: 10, score: 80 }, { min: 10, max: null, score: 100 }] },
    { metric: 'registered_capital_wan', weight: 30, missingScore: 40, bands: [{ min: null, max: 1000, score: 60 }, { min: 1000, max: null, score: 100 }] },
    { metric: 'above_scale', weight: 20, bands: [{ min: null, max: 1, score: 60 }, { min: 1, max: null, score: 100 }] },
    { metric: 'high_tech', weight: 20, bands: [{ min: null, max: 1, score: 60 }, { min: 1, max: null, score: 100 }] },
  ],
  grades: { AAA: 90, AA: 80, A: 70, BBB: 60, BB: 50 },
};

/** 信用画像: version 1 (retired) and version 2 (published), both by the finance officer. */
export async function seedCredit(trx: Transaction<DB>, options: FinanceSeedOptions): Promise<void> {
  const officer = await trx.selectFrom('users').select('id').where('park_id', '=', options.parkId).where('username', '=', 'finance_officer').executeTakeFirst();
  const day = 86_400_000;
  const v1At = new Date(options.now.getTime() - 300 * day);
  const v2At = new Date(options.now.getTime() - 60 * day);
  await trx
    .insertInto('finance_credit_formulas')
    .values([
      { park_id: options.parkId, version: 1, name: '企业信用画像(试行)', note: '仅按企业登记信息评价', status: 'retired', definition: JSON.stringify(FIRST_FORMULA), created_by: officer?.id ?? null, created_at: v1At, updated_at: v2At, published_at: v1At, published_by: officer?.id ?? null, retired_at: v2At },
      { park_id: options.parkId, version: 2, name: '企业信用画像', note: '加入政策兑付、诉求办结、应急转贷还款、补仓和融资放款记录,以及产业云月报(营收同比增速、按期报送)', status: 'published', definition: JSON.stringify(DEMO_CREDIT_FORMULA), created_by: officer?.id ?? null, created_at: v2At, updated_at: v2At, published_at: v2At, published_by: officer?.id ?? null, retired_at: null },
    ])
    .execute();
}
