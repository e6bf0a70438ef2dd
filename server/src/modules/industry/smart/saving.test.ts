import { addMonths, computeSmartSaving, formatPayback, monthsBetween } from '@yuanqi/contract';
import { describe, expect, it } from 'vitest';

/** `n` consecutive months from `first`, each costing `fen`. */
function months(first: string, n: number, fen: number | ((i: number) => number)) {
  return Array.from({ length: n }, (_, i) => ({ month: addMonths(first, i), costFen: typeof fen === 'number' ? fen : fen(i) }));
}

describe('computeSmartSaving', () => {
  it('takes the 12 months before go-live minus the months after, × 12, and the payback on the investment', () => {
    // 12 months at 1,000,000 元 before, go-live 2025-06-15 (June is the changeover), 6 months at 750,000 元 after
    const costs = [...months('2024-06-01', 12, 100_000_000), { month: '2025-06-01', costFen: 90_000_000 }, ...months('2025-07-01', 6, 75_000_000)];
    const s = computeSmartSaving({ status: 'live', liveOn: '2025-06-15', investmentFen: 600_000_000, costs });
    expect(s.sufficient).toBe(true);
    if (!s.sufficient) return;
    expect(s.beforeMonths).toBe(12);
    expect(s.afterMonths).toBe(6);
    expect(s.beforeAvgFen).toBe(100_000_000);
    expect(s.afterAvgFen).toBe(75_000_000);
    expect(s.monthlySavingFen).toBe(25_000_000);
    // ¥250,000 a month → ¥3,000,000 a year, inside the claim's ¥2–4M
    expect(s.annualSavingFen).toBe(300_000_000);
    expect(s.band).toBe('within');
    // ¥6,000,000 / ¥250,000 = 24 months
    expect(s.paybackMonths).toBe(24);
  });

  it('uses only the 12 most recent months before go-live', () => {
    // 24 months before: the older 12 cost 2,000,000 元 (not averaged), the recent 12 cost 1,000,000 元
    const costs = [...months('2023-01-01', 12, 200_000_000), ...months('2024-01-01', 12, 100_000_000), ...months('2025-02-01', 3, 80_000_000)];
    const s = computeSmartSaving({ status: 'live', liveOn: '2025-01-10', investmentFen: 0, costs });
    if (!s.sufficient) throw new Error('expected a saving');
    expect(s.beforeMonths).toBe(12);
    expect(s.beforeAvgFen).toBe(100_000_000);
    expect(s.usedBefore[0]).toBe('2024-01-01');
    // ¥200,000 a month → ¥2,400,000 a year
    expect(s.annualSavingFen).toBe(240_000_000);
    expect(s.band).toBe('within');
  });

  it('rounds the annual saving once, from the exact averages', () => {
    // before average 100.00 元 + 1/3 fen, after 0 → 12 × 10000.333… = 120004 fen
    const costs = [{ month: '2025-01-01', costFen: 10_000 }, { month: '2025-02-01', costFen: 10_000 }, { month: '2025-03-01', costFen: 10_001 }, ...months('2025-05-01', 3, 0)];
    const s = computeSmartSaving({ status: 'live', liveOn: '2025-04-01', investmentFen: 100, costs });
    if (!s.sufficient) throw new Error('expected a saving');
    expect(s.annualSavingFen).toBe(120_004);
    expect(s.monthlySavingFen).toBe(10_000);
  });

  it('says 数据不足 with fewer than 3 months after go-live', () => {
    const costs = [...months('2025-01-01', 12, 100_000_000), ...months('2026-02-01', 2, 70_000_000)];
    const s = computeSmartSaving({ status: 'live', liveOn: '2026-01-05', investmentFen: 1, costs });
    expect(s.sufficient).toBe(false);
    if (s.sufficient) return;
    expect(s.reason).toBe('few_after');
    expect(s.afterMonths).toBe(2);
    expect(s.message).toBe('数据不足:上线后仅有2个月成本数据(至少3个月)');
  });

  it('says 数据不足 without months before go-live, and when the project is not live', () => {
    const after = months('2025-02-01', 6, 1);
    const noBefore = computeSmartSaving({ status: 'live', liveOn: '2025-01-01', investmentFen: 1, costs: after });
    expect(noBefore.sufficient ? null : noBefore.reason).toBe('no_before');
    const building = computeSmartSaving({ status: 'building', liveOn: '2025-01-01', investmentFen: 1, costs: [...months('2024-01-01', 12, 5), ...after] });
    expect(building.sufficient ? null : building.message).toBe('数据不足:项目尚未上线');
  });

  it('reports a line that costs more after go-live as a negative saving with no payback', () => {
    const s = computeSmartSaving({ status: 'live', liveOn: '2025-04-01', investmentFen: 1_000, costs: [...months('2025-01-01', 3, 100), ...months('2025-05-01', 3, 130)] });
    if (!s.sufficient) throw new Error('expected a figure');
    expect(s.annualSavingFen).toBe(-360);
    expect(s.paybackMonths).toBeNull();
    expect(s.band).toBe('below');
    expect(formatPayback(s.paybackMonths)).toBe('无法收回');
  });

  it('puts the claim band edges inside: exactly ¥2M and ¥4M are within', () => {
    const at = (annualFen: number) =>
      computeSmartSaving({ status: 'live', liveOn: '2025-04-01', investmentFen: 0, costs: [...months('2025-01-01', 3, annualFen / 12), ...months('2025-05-01', 3, 0)] });
    expect(at(200_000_000).sufficient && (at(200_000_000) as { band: string }).band).toBe('within');
    expect((at(400_000_000) as { band: string }).band).toBe('within');
    expect((at(400_000_012) as { band: string }).band).toBe('above');
    expect((at(199_999_988) as { band: string }).band).toBe('below');
  });
});

describe('month helpers', () => {
  it('adds months across year boundaries', () => {
    expect(addMonths('2025-11-01', 3)).toBe('2026-02-01');
    expect(addMonths('2025-01-01', -1)).toBe('2024-12-01');
    expect(addMonths('2025-01-01', -13)).toBe('2023-12-01');
    expect(monthsBetween('2024-12-01', '2026-02-01')).toBe(14);
  });
});
