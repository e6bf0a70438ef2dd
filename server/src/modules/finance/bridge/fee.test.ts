import { bridgeDueOn, computeBridgeFee, roundMoney } from '@yuanqi/contract';
import { describe, expect, it } from 'vitest';

const loan = { dailyRatePpm: 100, penaltyRatePpm: 500, maxDays: 15, disbursedOn: '2026-03-01' };

describe('computeBridgeFee (本金 × 日费率 × 天数, 算头不算尾, 四舍五入到分)', () => {
  it.each([
    // [principal fen, repaid on, days used, overdue days, fee fen, penalty fen]
    [10_000_000, '2026-03-01', 1, 0, 1_000, 0], // same-day repayment counts 1 day
    [10_000_000, '2026-03-02', 1, 0, 1_000, 0], // ¥10万 × 0.01% = ¥10 a day
    [10_000_000, '2026-03-16', 15, 0, 15_000, 0], // the due date: exactly max days, no penalty
    [10_000_000, '2026-03-17', 16, 1, 16_000, 5_000], // one day past: penalty for 1 day
    [10_000_000, '2026-03-31', 30, 15, 30_000, 75_000],
    [1_234_567, '2026-03-08', 7, 0, 864, 0], // 1,234,567 × 100 ppm × 7 = 864.1969 fen → 864
    [1_234_571, '2026-03-06', 5, 0, 617, 0], // 617.2855 → 617
    [3_000_000_000, '2026-03-16', 15, 0, 4_500_000, 0], // ¥3,000万 × 0.01% × 15 = ¥45,000
  ])('principal %i repaid %s → %i days, %i overdue, fee %i, penalty %i', (principalFen, repaidOn, daysUsed, overdueDays, feeFen, penaltyFen) => {
    expect(computeBridgeFee({ ...loan, principalFen, repaidOn })).toEqual({ daysUsed, overdueDays, feeFen, penaltyFen, totalFen: feeFen + penaltyFen });
  });

  it('rounds the exact quotient half up to the fen (0.5 up, 0.49999 down)', () => {
    // 5 × 100,000 ppm × 1 day = 0.5 fen → 1 fen; 49,999 × 10 ppm × 1 = 0.49999 fen → 0
    expect(computeBridgeFee({ ...loan, dailyRatePpm: 100_000, principalFen: 5, repaidOn: '2026-03-02' }).feeFen).toBe(1);
    expect(computeBridgeFee({ ...loan, dailyRatePpm: 10, principalFen: 49_999, repaidOn: '2026-03-02' }).feeFen).toBe(0);
    // 12,345 × 100 ppm × 3 = 3.7035 fen → 4 (roundMoney's fen-half-up agrees away from the half)
    const f = computeBridgeFee({ ...loan, principalFen: 12_345, repaidOn: '2026-03-04' }).feeFen;
    expect(f).toBe(4);
    expect(roundMoney((12_345 * 100 * 3) / 1_000_000, 'fen-half-up')).toBe(f);
  });

  it('stays exact past 2^53 (principal × rate × days in BigInt)', () => {
    // 9e14 fen × 10,000 ppm × 365 days would overflow a double's integers
    const r = computeBridgeFee({ ...loan, maxDays: 365, dailyRatePpm: 10_000, principalFen: 900_000_000_000_007, disbursedOn: '2026-01-01', repaidOn: '2027-01-01' });
    expect(r.feeFen).toBe(Number((900_000_000_000_007n * 10_000n * 365n + 500_000n) / 1_000_000n));
  });

  it('a rate change applies by the disbursement day: the terms are the loan’s, not the repayment day’s', () => {
    // disbursed at 120 ppm before a change to 100: the fee is computed with the loan's fixed 120
    expect(computeBridgeFee({ ...loan, dailyRatePpm: 120, principalFen: 10_000_000, disbursedOn: '2026-06-25', repaidOn: '2026-07-05' }).feeFen).toBe(12_000);
  });

  it('is due on disbursement day + max days (crossing month ends)', () => {
    expect(bridgeDueOn('2026-03-01', 15)).toBe('2026-03-16');
    expect(bridgeDueOn('2026-12-25', 15)).toBe('2027-01-09');
    expect(bridgeDueOn('2028-02-20', 15)).toBe('2028-03-06');
  });
});
