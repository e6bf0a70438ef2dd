/** Money is integer fen everywhere; these helpers convert only at the edges. */

export function fenToYuanString(fen: number): string {
  const whole = Math.trunc(fen);
  const negative = whole < 0;
  const abs = Math.abs(whole);
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  const grouped = yuan.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}.${cents.toString().padStart(2, '0')}`;
}

/** 12345678900 fen → "12,345.68万元"; small amounts stay in 元. */
export function formatFen(fen: number): string {
  if (Math.abs(fen) >= 1_000_000) {
    const wan = fen / 1_000_000;
    return `${wan.toLocaleString('zh-CN', { maximumFractionDigits: 2 })}万元`;
  }
  return `${fenToYuanString(fen)}元`;
}

/**
 * Parses an amount typed in 元 ("1,234.5", "１２３", "100万") into fen without floating-point
 * drift. Returns null when the text is not an amount.
 */
export function parseYuanToFen(input: string | number): number | null {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return null;
    // 1.005 * 100 is 100.49999999999999 in binary; cut the noise to 15 significant digits first,
    // then round half away from zero like the text path does.
    const fen = Math.round(Math.abs(Number((input * 100).toPrecision(15))));
    if (!Number.isSafeInteger(fen)) return null;
    return input < 0 && fen !== 0 ? -fen : fen;
  }
  let text = input
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\s,，¥￥]/g, '')
    .replace(/元$/, '');
  let multiplier = 1n;
  if (text.endsWith('万')) {
    multiplier = 10_000n;
    text = text.slice(0, -1);
  } else if (text.endsWith('亿')) {
    multiplier = 100_000_000n;
    text = text.slice(0, -1);
  }
  // "12." and ".5" are what people type too
  const m = /^([-+]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m || (!m[2] && !m[3])) return null;
  const [, sign, whole = '', frac = ''] = m;
  const scale = 10n ** BigInt(frac.length);
  const units = (BigInt(whole || '0') * scale + BigInt(frac || '0')) * multiplier * 100n;
  // round half up to whole fen
  const fen = (units * 2n + scale) / (2n * scale);
  const value = Number(fen);
  if (!Number.isSafeInteger(value)) return null;
  return sign === '-' && value !== 0 ? -value : value;
}

// ---------------------------------------------------------------------------------------------
// Computed payouts: one rounding rule, one formatter
// ---------------------------------------------------------------------------------------------

/**
 * How a computed amount (a formula's result in fen, possibly fractional) becomes the whole fen that
 * is paid. 四舍五入到分 unless a policy says otherwise as part of its formula:
 * - `fen-half-up`  四舍五入到分 (the default)
 * - `fen-down`     舍去不足1分的部分
 * - `yuan-half-up` 四舍五入到元
 * - `yuan-down`    舍去角分,取整到元
 */
export const MONEY_ROUNDINGS = ['fen-half-up', 'fen-down', 'yuan-half-up', 'yuan-down'] as const;
export type MoneyRounding = (typeof MONEY_ROUNDINGS)[number];
export const DEFAULT_MONEY_ROUNDING: MoneyRounding = 'fen-half-up';
/** How the read-back, the trace and the builder name each rule. */
export const MONEY_ROUNDING_LABELS: Record<MoneyRounding, string> = {
  'fen-half-up': '金额四舍五入到分',
  'fen-down': '金额舍去不足1分的部分',
  'yuan-half-up': '金额四舍五入到元',
  'yuan-down': '金额舍去角分,取整到元',
};

// A formula's fen carries binary noise (12345 × 0.3 = 3703.4999999999995): a fraction this close to
// the boundary is taken to be on it. 1e-6 fen is far below any amount a formula means.
const NOISE = 1e-6;

function roundUnits(units: number, halfUp: boolean): number {
  const whole = Math.floor(units);
  const frac = units - whole;
  if (frac < NOISE) return whole;
  if (frac > 1 - NOISE) return whole + 1;
  if (!halfUp) return whole;
  return frac >= 0.5 - NOISE ? whole + 1 : whole;
}

/**
 * The one rounding of computed payouts: a formula's value in fen (≥ 0 expected; a negative value
 * pays nothing) → the integer fen paid, by the policy's rule. NaN and infinities → NaN.
 * Evaluator, compiled matcher, caps, tiers and instalments all call this.
 */
export function roundMoney(valueFen: number, rounding: MoneyRounding = DEFAULT_MONEY_ROUNDING): number {
  if (!Number.isFinite(valueFen)) return Number.NaN;
  if (valueFen <= 0) return 0;
  if (Number.isInteger(valueFen) && (rounding === 'fen-half-up' || rounding === 'fen-down' || valueFen % 100 === 0)) return valueFen;
  switch (rounding) {
    case 'fen-half-up':
      return roundUnits(valueFen, true);
    case 'fen-down':
      return roundUnits(valueFen, false);
    case 'yuan-half-up':
      return roundUnits(valueFen / 100, true) * 100;
    case 'yuan-down':
      return roundUnits(valueFen / 100, false) * 100;
  }
}

/**
 * The one formatter of amounts paid, granted, reserved or estimated: integer fen → "74,074.07元"
 * (`{ symbol: true }` → "¥74,074.07", for ledgers and tables). Exact: never 万元, never rounded.
 */
export function formatYuan(fen: number, options: { symbol?: boolean } = {}): string {
  return options.symbol ? `¥${fenToYuanString(fen)}` : `${fenToYuanString(fen)}元`;
}

/**
 * 万元 with two decimals ("1,234.57万元") for statistics and dashboards only — a rounded figure,
 * never the amount of one payout (that is `formatYuan`).
 */
export function formatWanYuan(fen: number): string {
  return `${(fen / 1_000_000).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}万元`;
}

/**
 * A headline total of statistics (a year's loans, an event's signed amount): from ¥1亿 up in 亿元 with
 * up to two decimals, as reports say it ("11.6亿元"); below that `formatWanYuan`. Never one amount.
 */
export function formatFigureYuan(fen: number): string {
  // decided on the 万元 figure as shown (two decimals), so ¥99,999,999.99 reads 1亿元, not 10,000.00万元
  if (Math.round(Math.abs(fen) / 10_000) >= 1_000_000) return `${(fen / 10_000_000_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })}亿元`;
  return formatWanYuan(fen);
}

/**
 * Integer fen → the number of 元 for a spreadsheet cell formatted '#,##0.00' (exact to the fen:
 * an integer divided by 100 reads back as the same two decimals). Exports use this, never fen / 100 by hand.
 */
export function fenToYuanCell(fen: number): number {
  return fen / 100;
}
