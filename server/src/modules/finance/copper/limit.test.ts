import { copperLimitFen, copperShortfallFen, parseTonsToKg } from '@yuanqi/contract';
import { describe, expect, it } from 'vitest';

describe('copperLimitFen: 吨数 × 铜价 × 质押率, whole fen rounded down', () => {
  it.each([
    // weight kg, price fen/ton, ltv bp, limit fen
    [100_000, 6_800_000, 8000, 544_000_000], // 100 t × 68,000 元 × 80 % = 5,440,000 元
    [25_123, 6_852_000, 8000, 137_714_236], // 25.123 t × 68,520 × 0.8 = 1,377,142.368 元 → 1,377,142.36 (floored)
    [1, 6_852_099, 8000, 5_481], // 0.001 t × 68,520.99 × 0.8 = 54.8167… 元 → 54.81
    [1, 1, 8000, 0], // less than one fen → 0
    [12_345, 7_012_345, 7_500, 64_925_549], // 12.345 t × 70,123.45 × 0.75 = 649,255.4941… 元 → 649,255.49
    [500_000, 8_200_000, 10_000, 4_100_000_000], // LTV 100 %
    [999_999_999, 9_999_999, 10_000, 9_999_998_990_000], // beyond 2^53 in the intermediate product: BigInt keeps it exact
  ])('%i kg at %i fen/t and %i bp → %i fen', (kg, price, ltv, expected) => {
    expect(copperLimitFen(kg, price, ltv)).toBe(expected);
  });

  it('never exceeds the exact product (conservative for the lender)', () => {
    for (let kg = 1; kg < 3000; kg += 37) {
      const limit = copperLimitFen(kg, 6_853_317, 8000);
      const exact = (kg * 6_853_317 * 8000) / 10_000_000;
      expect(limit).toBeLessThanOrEqual(exact);
      expect(exact - limit).toBeLessThan(1);
    }
  });

  it('refuses non-integer inputs', () => {
    expect(() => copperLimitFen(1.5, 100, 8000)).toThrow();
  });
});

describe('copperShortfallFen', () => {
  it('counts the margin deposited and is never negative', () => {
    expect(copperShortfallFen(1_000, 100, 800)).toBe(100);
    expect(copperShortfallFen(1_000, 300, 800)).toBe(0);
  });
});

describe('parseTonsToKg', () => {
  it.each([
    ['25', 25_000],
    ['25.5', 25_500],
    ['25.123', 25_123],
    ['0.001', 1],
    ['1,200.5吨', 1_200_500],
    [12.25, 12_250],
  ])('%s → %i kg', (input, kg) => expect(parseTonsToKg(input)).toBe(kg));
  it.each(['25.1234', '-1', '0', 'abc', ''])('refuses %s', (input) => expect(parseTonsToKg(input)).toBeNull());
});
