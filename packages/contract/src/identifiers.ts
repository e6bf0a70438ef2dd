/** 统一社会信用代码 (GB 32100-2015) and other identifier helpers, shared by server and web. */

export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** Full-width ASCII (！ to ～) and the ideographic space become their half-width forms. */
export function toHalfWidth(input: string): string {
  return input
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

/** Normalises what is unambiguous: width, case, surrounding and inner spaces. */
export function normalizeUscc(input: string): string {
  return toHalfWidth(input).replace(/\s+/g, '').toUpperCase();
}

/** Computes the 18th character for the first 17 characters (which must be in the charset). */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARSET.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

function orgCodeValue(ch: string): number {
  if (/[0-9]/.test(ch)) return Number(ch);
  return ch.charCodeAt(0) - 55; // A=10 … Z=35
}

/** GB 11714 check character for the 8-character organisation code body. */
export function orgCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgCodeValue(body8[i]!) * ORG_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  if (c === 10) return 'X';
  if (c === 11) return '0';
  return String(c);
}

export type UsccResult = { ok: true; value: string } | { ok: false; value: string; message: string };

/**
 * Validates a USCC after normalising it. The message is Chinese and names the wrong position,
 * because people retype codes from paper and need to know where they slipped.
 */
export function validateUscc(input: string): UsccResult {
  const value = normalizeUscc(input ?? '');
  if (value.length === 0) return { ok: false, value, message: '统一社会信用代码不能为空' };
  if (value.length !== 18) {
    return { ok: false, value, message: `统一社会信用代码应为18位,当前为${value.length}位` };
  }
  for (let i = 0; i < 18; i++) {
    const ch = value[i]!;
    if (USCC_CHARSET.indexOf(ch) < 0) {
      const hint = ch === 'O' ? '(字母O应为数字0?)' : ch === 'I' ? '(字母I应为数字1?)' : '';
      return {
        ok: false,
        value,
        message: `统一社会信用代码第${i + 1}位“${ch}”不是有效字符${hint},不可使用I、O、S、V、Z`,
      };
    }
  }
  const expected = usccCheckChar(value.slice(0, 17));
  if (value[17] !== expected) {
    return {
      ok: false,
      value,
      message: `统一社会信用代码第18位校验码错误:应为“${expected}”,实为“${value[17]}”,请核对前17位`,
    };
  }
  return { ok: true, value };
}

export function isValidUscc(input: string): boolean {
  return validateUscc(input).ok;
}

/** Optional GB 11714 check of positions 9–17; true when the organisation code is consistent. */
export function hasValidOrgCode(uscc: string): boolean {
  const v = normalizeUscc(uscc);
  if (v.length !== 18) return false;
  return orgCodeCheckChar(v.slice(8, 16)) === v[16];
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** 身份证号 (GB 11643-1999) with its check character. */
export function isValidIdCard(input: string): boolean {
  const v = toHalfWidth(input ?? '').replace(/\s+/g, '').toUpperCase();
  if (!/^\d{17}[\dX]$/.test(v)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(v[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11] === v[17];
}

/** Drops spaces, dashes and brackets, and the +86 / 0086 country prefix in front of a mobile number. */
export function normalizePhone(input: string): string {
  return toHalfWidth(input ?? '')
    .replace(/[\s\-()]/g, '')
    .replace(/^(?:\+86|0086)(?=1\d{10}$)/, '');
}

/** Mainland mobile number: 11 digits starting with 1. */
export function isValidMobile(input: string): boolean {
  return /^1[3-9]\d{9}$/.test(normalizePhone(input));
}

/** 13812345678 → 138****5678; landlines keep their last four digits. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null;
  const p = normalizePhone(phone);
  if (/^1\d{10}$/.test(p)) return `${p.slice(0, 3)}****${p.slice(7)}`;
  if (p.length <= 4) return '****';
  return `${'*'.repeat(p.length - 4)}${p.slice(-4)}`;
}

/** 360102199001011234 → 3601**********1234 */
export function maskIdCard(id: string | null | undefined): string | null {
  if (!id) return id ?? null;
  if (id.length < 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}
