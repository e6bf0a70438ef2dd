/** Money is integer fen everywhere; these helpers convert only at the edges. */

export function fenToYuanString(fen: number): string {
  const negative = fen < 0;
  const abs = Math.abs(Math.trunc(fen));
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
    return Math.round(input * 100);
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
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return null;
  const [, sign, whole, frac = ''] = m;
  const scale = 10n ** BigInt(frac.length);
  const units = (BigInt(whole!) * scale + BigInt(frac || '0')) * multiplier * 100n;
  // round half up to whole fen
  const fen = (units * 2n + scale) / (2n * scale);
  const value = Number(fen);
  if (!Number.isSafeInteger(value)) return null;
  return sign === '-' ? -value : value;
}
