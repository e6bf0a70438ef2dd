import { DEFAULT_MUJUN_RULES, SQUARE_METRES_PER_MU, type MujunGrade, type MujunThresholdRules } from '@yuanqi/contract';
import type { Insertable, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { mulberry32 } from '../../../db/seed/random.js';
import { recordAudit } from '../../../platform/audit.js';
import { evaluateYearIn } from '../evaluation/service.js';
import { firmsWithLand, reportedYear } from '../evaluation/repository.js';
import type { LandSeedOptions } from './index.js';

/** The stricter scheme from 2026: benchmarks raised (税收 18万, 营收 350万, 投资强度 300万 元/亩), 税收 weighs more. */
export const STRICT_MUJUN_RULES: MujunThresholdRules = {
  indicators: [
    { key: 'tax_per_mu', benchmark: 180_000 * 100, weight: 45, cap: 1.2 },
    { key: 'revenue_per_mu', benchmark: 3_500_000 * 100, weight: 25, cap: 1.2 },
    { key: 'investment_per_mu', benchmark: 3_000_000 * 100, weight: 15, cap: 1.2 },
    { key: 'plot_ratio', benchmark: 1.2, weight: 15, cap: 1.2 },
  ],
  cutoffs: { A: 85, B: 70, C: 50 },
};

/** The day each demo year's results were published (the parcels turn 低效 then, before the 2026 clean-up campaign). */
const PUBLISHED = { 2024: '2025-02-28', 2025: '2026-02-27' } as const;

/** The share of the benchmarks a firm of each target grade reaches (the score is about 100 × this). */
const LEVEL: Record<MujunGrade, [number, number]> = { A: [0.93, 1.12], B: [0.74, 0.83], C: [0.54, 0.67], D: [0.18, 0.44] };

/**
 * The demo park's 亩均论英雄: the default scheme from 2024-01-01 and a stricter one from 2026-01-01;
 * entered yearly figures (investment and floor area for every firm with land; revenue and tax for
 * firms without a full year of accepted monthly reports) for 2024 and 2025; then both years are
 * evaluated by the service — 2025 last, so its grade-D firms' producing parcels are published as 低效
 * through the parcel workflow. Firms already holding a 低效 parcel are the weak ones (grade D).
 */
export async function seedLandEvaluation(trx: Transaction<DB>, options: LandSeedOptions): Promise<void> {
  const { parkId, now } = options;
  const rand = mulberry32(20_261_215);
  const between = ([a, b]: [number, number]) => a + (b - a) * rand();

  const v1 = await trx
    .insertInto('land_evaluation_thresholds')
    .values({ park_id: parkId, valid_from: '2024-01-01', rules: JSON.stringify(DEFAULT_MUJUN_RULES), note: '园区亩均效益综合评价办法(试行)', created_by: null, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const v2 = await trx
    .insertInto('land_evaluation_thresholds')
    .values({ park_id: parkId, valid_from: '2026-01-01', rules: JSON.stringify(STRICT_MUJUN_RULES), note: '提高亩均税收、营收和投资强度基准值,税收权重调至45', created_by: null, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();

  const land = await firmsWithLand(trx, parkId);
  const weak = new Set(
    (await trx.selectFrom('land_parcels').select('enterprise_id').distinct().where('park_id', '=', parkId).where('status', '=', 'inefficient').where('enterprise_id', 'is not', null).execute()).map((r) => r.enterprise_id!),
  );
  const names = new Map((await trx.selectFrom('enterprises').select(['id', 'name']).where('park_id', '=', parkId).execute()).map((f) => [f.id, f.name]));
  // a firm whose producing parcel started after the 2025 results were published is not drawn weak
  const lateStarters = new Set(
    (await trx.selectFrom('land_parcels').select('enterprise_id').distinct().where('park_id', '=', parkId).where('status', '=', 'producing').where('status_since', '>', PUBLISHED[2025]).where('enterprise_id', 'is not', null).execute()).map((r) => r.enterprise_id!),
  );
  const firms = [...land].sort((a, b) => (names.get(a.enterpriseId) ?? '').localeCompare(names.get(b.enterpriseId) ?? '', 'zh-CN') || a.enterpriseId.localeCompare(b.enterpriseId));
  const reported = { 2024: await reportedYear(trx, parkId, 2024), 2025: await reportedYear(trx, parkId, 2025) };

  const bench = Object.fromEntries(DEFAULT_MUJUN_RULES.indicators.map((i) => [i.key, i.benchmark])) as Record<string, number>;
  const rows: Insertable<DB['land_firm_figures']>[] = [];
  for (const f of firms) {
    const roll = rand();
    const drawn: MujunGrade = roll < 0.22 ? 'A' : roll < 0.6 ? 'B' : roll < 0.88 ? 'C' : 'D';
    const target: MujunGrade = weak.has(f.enterpriseId) ? 'D' : drawn === 'D' && lateStarters.has(f.enterpriseId) ? 'C' : drawn;
    const level = between(LEVEL[target]);
    // 投资强度 accumulates: 2025 a little above 2024
    const investment2024 = Math.round(bench.investment_per_mu! * level * f.landMu);
    const floor = Math.round(f.landMu * SQUARE_METRES_PER_MU * bench.plot_ratio! * level * 100) / 100;
    for (const year of [2024, 2025] as const) {
      const growth = year === 2025 ? 1 + between([0.02, 0.09]) : 1;
      const rep = reported[year].get(f.enterpriseId);
      const fullYear = (rep?.revenueMonths ?? 0) >= 12 && (rep?.taxMonths ?? 0) >= 12;
      rows.push({
        park_id: parkId,
        enterprise_id: f.enterpriseId,
        year,
        revenue_fen: fullYear ? null : Math.round(bench.revenue_per_mu! * level * growth * f.landMu),
        tax_fen: fullYear ? null : Math.round(bench.tax_per_mu! * level * growth * f.landMu),
        investment_fen: Math.round(investment2024 * (year === 2025 ? 1 + between([0.01, 0.05]) : 1)),
        floor_area_m2: floor,
        source: 'entered',
        note: fullYear ? '营收、税收取自经济运行月报;投资、建筑面积为企业填报' : '企业年度填报(未纳入经济运行月报)',
        updated_by: null,
        updated_at: now,
      });
    }
  }
  for (let i = 0; i < rows.length; i += 500) await trx.insertInto('land_firm_figures').values(rows.slice(i, i + 500)).execute();
  await recordAudit(trx, null, parkId, [
    { action: 'seed', entity: 'land_evaluation_threshold', entityId: v1.id, before: null, after: { versions: [v1.id, v2.id], firms: firms.length, figures: rows.length } },
  ], now);

  // each year published at the end of the following February, as the park's 亩均 results are
  await evaluateYearIn(trx, null, parkId, 2024, now, PUBLISHED[2024]);
  await evaluateYearIn(trx, null, parkId, 2025, now, PUBLISHED[2025]);
}
