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
