import type { Transaction } from 'kysely';
import { growthPct, periodOf, type FactDefinition } from '@yuanqi/contract';
import type { DB } from '../../../db/schema.js';
import type { Actor } from '../../../platform/actor.js';
import { factDefinitions, writeFacts, type FactWrite } from '../../policies/facts/service.js';
import { refreshEnterpriseMatches } from '../../policies/matching/store.js';

/**
 * Accepted monthly figures become policy facts of a firm, per calendar year (docs/industry/STATS.md):
 * - revenue_fen (营业收入): the sum of the 12 months' revenue_fen;
 * - tax_paid_fen (纳税额): the sum of the 12 months' tax_fen;
 * - revenue_growth (营业收入增长率, %): vs the previous year's sum, when that year is complete too;
 * - new_hires (新增就业人数): December's employees minus the previous December's, never below 0
 *   (a shrinking firm hired nobody net), when both Decembers are accepted.
 * A year counts only when all 12 months of the indicator are accepted. When a year stops being
 * complete (a month's figures removed), the values the system wrote earlier are deleted; values an
 * officer, the firm or an import entered are never deleted, but a complete year's accepted
 * figures overwrite them (they are reviewed figures).
 * A year's change also moves the next year's growth and new hires, so both years are recomputed.
 */
const FACT_KEYS = ['revenue_fen', 'tax_paid_fen', 'revenue_growth', 'new_hires'] as const;

type Monthly = Map<string, number>; // `${indicator}@${period}` → value

function yearSum(m: Monthly, key: string, year: number): number | null {
  let total = 0;
  for (let month = 1; month <= 12; month += 1) {
    const v = m.get(`${key}@${periodOf(year, month)}`);
    if (v === undefined) return null;
    total += v;
  }
  return total;
}

/** The facts of one year from a firm's monthly figures (null = not computable: remove a system value). */
export function yearFacts(m: Monthly, year: number): Record<(typeof FACT_KEYS)[number], number | null> {
  const revenue = yearSum(m, 'revenue_fen', year);
  const revenueBefore = yearSum(m, 'revenue_fen', year - 1);
  const tax = yearSum(m, 'tax_fen', year);
  const dec = m.get(`employees@${periodOf(year, 12)}`);
  const decBefore = m.get(`employees@${periodOf(year - 1, 12)}`);
  return {
    revenue_fen: revenue === null ? null : Math.round(revenue),
    tax_paid_fen: tax === null ? null : Math.round(tax),
    revenue_growth: revenue === null || revenueBefore === null ? null : growthPct(revenue, revenueBefore),
    // December to December needs both years' monthly runs complete enough to trust: the year itself complete
    new_hires: revenue === null || dec === undefined || decBefore === undefined ? null : Math.max(0, Math.round(dec - decBefore)),
  };
}

/**
 * The batch form: recomputes the facts of `years` (and each following year) for many firms inside
 * the caller's transaction, one read of their figures and one audit entry per firm changed, then
 * refreshes the firms' 政策匹配 once (as an officer's fact edit does). The seed calls this for every
 * firm of the demo park; the report review calls `syncFactsFromFigures` for one.
 */
export async function syncFactsForFirms(trx: Transaction<DB>, actor: Actor | null, parkId: string, enterpriseIds: string[], years: number[], now: Date): Promise<number> {
  const ids = [...new Set(enterpriseIds)];
  if (ids.length === 0 || years.length === 0) return 0;
  const touched = [...new Set(years.flatMap((y) => [y, y + 1]))].sort();
  const from = periodOf(Math.min(...touched) - 1, 1);
  const to = periodOf(Math.max(...touched), 12);
  const defs = new Map<string, FactDefinition>((await factDefinitions(trx, parkId)).map((d) => [d.key, d]));
  let changedFirms = 0;
  for (let i = 0; i < ids.length; i += 200) {
    const chunk = ids.slice(i, i + 200);
    const [figures, existing] = await Promise.all([
      trx
        .selectFrom('industry_figures')
        .select(['enterprise_id', 'period', 'indicator_key', 'value'])
        .where('park_id', '=', parkId)
        .where('enterprise_id', 'in', chunk)
        .where('indicator_key', 'in', ['revenue_fen', 'tax_fen', 'employees'])
        .where('period', '>=', from)
        .where('period', '<=', to)
        .execute(),
      trx
        .selectFrom('enterprise_facts')
        .select(['enterprise_id', 'key', 'year', 'value_number', 'source'])
        .where('park_id', '=', parkId)
        .where('enterprise_id', 'in', chunk)
        .where('key', 'in', [...FACT_KEYS])
        .where('year', 'in', touched)
        .execute(),
    ]);
    const monthly = new Map<string, Monthly>();
    for (const f of figures) {
      let m = monthly.get(f.enterprise_id);
      if (!m) monthly.set(f.enterprise_id, (m = new Map()));
      m.set(`${f.indicator_key}@${String(f.period)}`, Number(f.value));
    }
    const have = new Map(existing.map((e) => [`${e.enterprise_id}/${e.key}@${e.year}`, e]));
    for (const id of chunk) {
      const m = monthly.get(id) ?? new Map();
      const writes: FactWrite[] = [];
      for (const year of touched) {
        const facts = yearFacts(m, year);
        for (const key of FACT_KEYS) {
          const value = facts[key];
          const old = have.get(`${id}/${key}@${year}`);
          if (value === null) {
            if (old && old.source === 'system') writes.push({ key, year, value: null });
          } else if (!old || old.source !== 'system' || Number(old.value_number) !== value) {
            writes.push({ key, year, value });
          }
        }
      }
      if (writes.length === 0) continue;
      changedFirms += 1;
      await writeFacts(trx, actor, parkId, id, writes, 'system', defs, now, { pathPrefix: 'figures.' });
    }
  }
  if (changedFirms > 0) await refreshEnterpriseMatches(trx, parkId, ids, now);
  return changedFirms;
}

/**
 * Accepted monthly figures become policy facts (上年营收 revenue_fen, 纳税额 tax_paid_fen, 营业收入增长率
 * revenue_growth, 新增就业人数 new_hires …) of the firm for `year`, inside the acceptance's transaction.
 * Called by the report review (reports/service.ts) after it wrote `industry_figures`.
 */
export async function syncFactsFromFigures(trx: Transaction<DB>, actor: Actor | null, parkId: string, enterpriseId: string, year: number, now: Date): Promise<void> {
  await syncFactsForFirms(trx, actor, parkId, [enterpriseId], [year], now);
}
