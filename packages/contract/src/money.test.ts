import { describe, expect, it } from 'vitest';
import { MONEY_ROUNDINGS, fenToYuanString, formatFen, formatFigureYuan, formatWanYuan, formatYuan, parseYuanToFen, roundMoney } from './money.js';

describe('parseYuanToFen', () => {
  it('reads grouped amounts with decimals', () => {
    expect(parseYuanToFen('1,234.56')).toBe(123456);
    expect(parseYuanToFen('1，234.5')).toBe(123450);
    expect(parseYuanToFen('¥ 1 234.56元')).toBe(123456);
    expect(parseYuanToFen('￥88')).toBe(8800);
  });

  it('reads full-width digits', () => {
    expect(parseYuanToFen('１２３')).toBe(12300);
    expect(parseYuanToFen('１，２３４．５６')).toBe(123456);
  });

  it('reads 万 and 亿 without floating-point drift', () => {
    expect(parseYuanToFen('100万')).toBe(100_000_000);
    expect(parseYuanToFen('100万元')).toBe(100_000_000);
    expect(parseYuanToFen('1.23456万')).toBe(1_234_560);
    expect(parseYuanToFen('0.07万')).toBe(70_000);
    expect(parseYuanToFen('2亿')).toBe(20_000_000_000);
    expect(parseYuanToFen('1.1亿元')).toBe(11_000_000_000);
  });

  it('rounds half a fen up', () => {
    expect(parseYuanToFen('0.005')).toBe(1);
    expect(parseYuanToFen('0.0049')).toBe(0);
    expect(parseYuanToFen('1.015')).toBe(102);
    expect(parseYuanToFen('0.123456789万')).toBe(123457);
  });

  it('rounds numbers without binary noise', () => {
    expect(parseYuanToFen(1.005)).toBe(101);
    expect(parseYuanToFen(0.1 + 0.2)).toBe(30);
    expect(parseYuanToFen(1234.56)).toBe(123456);
    expect(parseYuanToFen(-1.005)).toBe(-101);
    expect(parseYuanToFen(Number.NaN)).toBeNull();
    expect(parseYuanToFen(Number.POSITIVE_INFINITY)).toBeNull();
  });

  it('keeps the sign and never returns negative zero', () => {
    expect(parseYuanToFen('-12.5')).toBe(-1250);
    expect(Object.is(parseYuanToFen('-0'), 0)).toBe(true);
    expect(Object.is(parseYuanToFen('-0.001'), 0)).toBe(true);
  });

  it('accepts the shorthand people type: "12." and ".5"', () => {
    expect(parseYuanToFen('12.')).toBe(1200);
    expect(parseYuanToFen('.5')).toBe(50);
  });

  it('returns null for anything that is not an amount', () => {
    for (const garbage of ['', ' ', 'abc', '12abc', '1.2.3', '--1', '.', '万', '1e5', '十万', '12万万', 'NaN']) {
      expect(parseYuanToFen(garbage), garbage).toBeNull();
    }
  });

  it('returns null when the amount exceeds the safe integer range', () => {
    expect(parseYuanToFen('999999999999999999')).toBeNull();
  });
});

describe('fenToYuanString', () => {
  it('groups thousands and always shows two decimals', () => {
    expect(fenToYuanString(123456)).toBe('1,234.56');
    expect(fenToYuanString(5)).toBe('0.05');
    expect(fenToYuanString(0)).toBe('0.00');
    expect(fenToYuanString(-123456789)).toBe('-1,234,567.89');
  });

  it('does not print a sign for amounts that truncate to zero', () => {
    expect(fenToYuanString(-0.5)).toBe('0.00');
  });
});

describe('formatFen', () => {
  it('shows amounts of 1万元 and more in 万元 with at most two decimals', () => {
    expect(formatFen(12345678900)).toBe('12,345.68万元');
    expect(formatFen(1_000_000)).toBe('1万元');
    expect(formatFen(2_000_000_000)).toBe('2,000万元');
    expect(formatFen(-12345678900)).toBe('-12,345.68万元');
  });

  it('shows smaller amounts in 元 with fen', () => {
    expect(formatFen(999_999)).toBe('9,999.99元');
    expect(formatFen(123456)).toBe('1,234.56元');
    expect(formatFen(0)).toBe('0.00元');
    expect(formatFen(-5)).toBe('-0.05元');
  });
});

describe('roundMoney: the one rounding of computed payouts', () => {
  // each case: [value in fen, 四舍五入到分, 舍去不足1分, 四舍五入到元, 取整到元]
  const cases: Array<[number, number, number, number, number]> = [
    [7_407_406.8, 7_407_407, 7_407_406, 7_407_400, 7_407_400], // 60% of ¥123,456.78
    [3_703.5, 3_704, 3_703, 3_700, 3_700], // exactly half a fen
    [12_345 * 0.3, 3_704, 3_703, 3_700, 3_700], // half a fen with binary noise (3703.4999999999995)
    [3_703.4999, 3_703, 3_703, 3_700, 3_700],
    [3_703.5001, 3_704, 3_703, 3_700, 3_700],
    [150.5, 151, 150, 200, 100], // ¥1.505: the yuan rules look at 角分, half a yuan goes up
    [149.5, 150, 149, 100, 100],
    [250, 250, 250, 300, 200], // ¥2.50 exactly: half a yuan
    [0.5, 1, 0, 0, 0],
    [0.4999999999, 1, 0, 0, 0], // noise below half a fen is half a fen
    [100, 100, 100, 100, 100],
    [0, 0, 0, 0, 0],
    [-12.5, 0, 0, 0, 0], // a negative amount pays nothing
  ];
  it.each(cases)('%d fen → %d / %d / %d / %d', (value, halfUp, down, yuanHalfUp, yuanDown) => {
    expect(roundMoney(value, 'fen-half-up')).toBe(halfUp);
    expect(roundMoney(value, 'fen-down')).toBe(down);
    expect(roundMoney(value, 'yuan-half-up')).toBe(yuanHalfUp);
    expect(roundMoney(value, 'yuan-down')).toBe(yuanDown);
  });

  it('rounds half a fen up unless told otherwise', () => {
    expect(roundMoney(2.5)).toBe(3);
    expect(roundMoney(7_407_406.8)).toBe(7_407_407);
  });

  it('answers NaN for what is not a number, for every rule', () => {
    for (const r of MONEY_ROUNDINGS) {
      expect(roundMoney(Number.NaN, r)).toBeNaN();
      expect(roundMoney(Number.POSITIVE_INFINITY, r)).toBeNaN();
    }
  });

  it('always gives whole fen (whole yuan for the yuan rules) within one unit of the value', () => {
    for (let i = 0; i < 2000; i++) {
      const v = Math.random() * 10 ** (2 + (i % 9));
      for (const r of MONEY_ROUNDINGS) {
        const out = roundMoney(v, r);
        const unit = r.startsWith('yuan') ? 100 : 1;
        expect(Number.isInteger(out / unit)).toBe(true);
        expect(Math.abs(out - v)).toBeLessThanOrEqual(unit);
      }
    }
  });
});

describe('formatYuan / formatWanYuan', () => {
  it('shows the fen paid exactly, never in 万元', () => {
    expect(formatYuan(7_407_407)).toBe('74,074.07元');
    expect(formatYuan(20_000_000)).toBe('200,000.00元');
    expect(formatYuan(1)).toBe('0.01元');
    expect(formatYuan(-250)).toBe('-2.50元');
    expect(formatYuan(7_407_407, { symbol: true })).toBe('¥74,074.07');
  });

  it('gives 万元 with two decimals for statistics', () => {
    expect(formatWanYuan(12_345_678_900)).toBe('12,345.68万元');
    expect(formatWanYuan(123_456_789)).toBe('123.46万元');
    expect(formatWanYuan(0)).toBe('0.00万元');
  });
});

describe('formatFigureYuan', () => {
  it('says a headline total of ¥1亿 or more in 亿元 and anything less as formatWanYuan does', () => {
    expect(formatFigureYuan(116_000_000_000)).toBe('11.6亿元');
    expect(formatFigureYuan(10_000_000_000)).toBe('1亿元');
    expect(formatFigureYuan(26_234_567_890)).toBe('2.62亿元');
    expect(formatFigureYuan(9_999_999_999)).toBe('1亿元');
    expect(formatFigureYuan(9_999_990_000)).toBe('9,999.99万元');
    expect(formatFigureYuan(500_000_000)).toBe('500.00万元');
    expect(formatFigureYuan(0)).toBe('0.00万元');
  });
});
