import { describe, expect, it } from 'vitest';
import {
  hasValidOrgCode,
  isValidIdCard,
  isValidMobile,
  isValidUscc,
  maskIdCard,
  maskPhone,
  normalizePhone,
  normalizeUscc,
  orgCodeCheckChar,
  toHalfWidth,
  USCC_CHARSET,
  usccCheckChar,
  validateUscc,
} from './identifiers.js';

/** Completes 17 characters with their GB 32100 check character. */
const withCheck = (first17: string) => first17 + usccCheckChar(first17);

describe('usccCheckChar', () => {
  it('reproduces the check character of published codes', () => {
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
    expect(usccCheckChar('91110000600037341')).toBe('L');
    expect(usccCheckChar('91440300708461136')).toBe('T');
  });

  it('follows the formula with weights 3^i mod 31', () => {
    const weights = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);
    expect(weights).toEqual([1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]);
    const body = '91360600MA35F2XK8';
    const sum = [...body].reduce((acc, ch, i) => acc + USCC_CHARSET.indexOf(ch) * weights[i]!, 0);
    expect(usccCheckChar(body)).toBe(USCC_CHARSET[(31 - (sum % 31)) % 31]);
  });

  it('yields check characters that are letters as well as digits', () => {
    const checks = new Set<string>();
    for (let n = 0; n < 400; n++) checks.add(usccCheckChar(`91360600MA35${String(n).padStart(5, '0')}`));
    expect(checks.size).toBe(31);
    for (const c of checks) expect(USCC_CHARSET).toContain(c);
  });
});

describe('validateUscc', () => {
  const yingtan = [
    withCheck('91360600MA35F2XK8'),
    withCheck('91360600MA35G7QW1'),
    withCheck('91360602MA39R0HT0'),
    withCheck('92360600MA35A1B2C'), // 个体工商户
    withCheck('52360600MJD123456'), // 民政
    withCheck('Y1360600000000000'),
  ];

  it.each(['91350100M000100Y43', '91110000600037341L', '91440300708461136T', ...yingtan])('accepts %s', (code) => {
    expect(validateUscc(code)).toEqual({ ok: true, value: code });
    expect(isValidUscc(code)).toBe(true);
  });

  it('normalises lower case, full-width characters and spaces before checking', () => {
    const code = withCheck('91360600MA35F2XK8');
    const fullWidth = [...code].map((ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)).join('');
    expect(fullWidth.startsWith('９１３６')).toBe(true);
    for (const typed of [code.toLowerCase(), fullWidth, ` ${code.slice(0, 8)} ${code.slice(8)}\t`, `\u3000${code}\u3000`]) {
      expect(validateUscc(typed)).toEqual({ ok: true, value: code });
    }
    expect(normalizeUscc('９１３６０６００ｍａ３５')).toBe('91360600MA35');
  });

  it('rejects the letter O and names its position', () => {
    const r = validateUscc('91360600MA35F2XKO' + '0');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toBe('统一社会信用代码第17位“O”不是有效字符(字母O应为数字0?),不可使用I、O、S、V、Z');
  });

  it('rejects the letter I and names its position', () => {
    const r = validateUscc('9I360600MA35F2XK80');
    expect(!r.ok && r.message).toBe('统一社会信用代码第2位“I”不是有效字符(字母I应为数字1?),不可使用I、O、S、V、Z');
  });

  it('rejects S, V, Z and punctuation with the position', () => {
    expect(validateUscc('91360600MA35S2XK80')).toMatchObject({ ok: false, message: expect.stringContaining('第13位“S”') });
    expect(validateUscc('91360600-A35F2XK80')).toMatchObject({ ok: false, message: expect.stringContaining('第9位“-”') });
  });

  it('names position 18 and the expected character when the check character is wrong', () => {
    const code = withCheck('91360600MA35F2XK8');
    const wrong = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
    const r = validateUscc(wrong);
    expect(r).toEqual({
      ok: false,
      value: wrong,
      message: `统一社会信用代码第18位校验码错误:应为“${code[17]}”,实为“${wrong[17]}”,请核对前17位`,
    });
  });

  it('catches a single mistyped digit in the body through the check character', () => {
    const code = withCheck('91360600MA35F2XK8');
    const typo = code.slice(0, 5) + (code[5] === '1' ? '2' : '1') + code.slice(6);
    expect(validateUscc(typo)).toMatchObject({ ok: false, message: expect.stringContaining('第18位校验码错误') });
  });

  it('rejects wrong lengths with the length found', () => {
    expect(validateUscc('91360600MA35F2XK8')).toMatchObject({ ok: false, message: '统一社会信用代码应为18位,当前为17位' });
    expect(validateUscc('91360600MA35F2XK8M1')).toMatchObject({ ok: false, message: '统一社会信用代码应为18位,当前为19位' });
    expect(validateUscc('  ')).toMatchObject({ ok: false, message: '统一社会信用代码不能为空' });
  });
});

describe('organisation code (GB 11714) second check', () => {
  it('accepts codes whose positions 9–17 are consistent', () => {
    expect(hasValidOrgCode('91350100M000100Y43')).toBe(true);
    expect(orgCodeCheckChar('60003734')).toBe('1');
  });

  it('flags an inconsistent organisation code', () => {
    expect(hasValidOrgCode('911100001000000000')).toBe(false);
    expect(hasValidOrgCode('short')).toBe(false);
  });
});

describe('isValidIdCard', () => {
  it('accepts a number whose check character is X, in either case', () => {
    expect(isValidIdCard('11010519491231002X')).toBe(true);
    expect(isValidIdCard('11010519491231002x')).toBe(true);
  });

  it('accepts a digit check character and full-width input', () => {
    // the check character computed independently of the implementation
    const body = '36010219900101123';
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const sum = [...body].reduce((acc, d, i) => acc + Number(d) * weights[i]!, 0);
    const id = body + '10X98765432'[sum % 11];
    expect(isValidIdCard(id)).toBe(true);
    expect(isValidIdCard(toHalfWidth(id).replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)))).toBe(true);
  });

  it('rejects a wrong check character, a wrong length and letters in the body', () => {
    expect(isValidIdCard('110105194912310021')).toBe(false);
    expect(isValidIdCard('11010519491231002')).toBe(false);
    expect(isValidIdCard('1101051949123100AX')).toBe(false);
    expect(isValidIdCard('')).toBe(false);
  });
});

describe('phones', () => {
  it('validates mainland mobiles', () => {
    expect(isValidMobile('13812345678')).toBe(true);
    expect(isValidMobile('138 1234 5678')).toBe(true);
    expect(isValidMobile('+86 138-1234-5678')).toBe(true);
    expect(isValidMobile('１３８１２３４５６７８')).toBe(true);
    expect(isValidMobile('1381234567')).toBe(false);
    expect(isValidMobile('23812345678')).toBe(false);
  });

  it('normalises separators and the country prefix', () => {
    expect(normalizePhone('+86 138-1234-5678')).toBe('13812345678');
    expect(normalizePhone('(0701)6212345')).toBe('07016212345');
  });

  it('masks a mobile as 138****5678', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('138 1234 5678')).toBe('138****5678');
    expect(maskPhone('+8613812345678')).toBe('138****5678');
  });

  it('keeps only the last four digits of a landline', () => {
    expect(maskPhone('0701-6212345')).toBe('*******2345');
    expect(maskPhone('110')).toBe('****');
  });

  it('passes empty values through', () => {
    expect(maskPhone(null)).toBeNull();
    expect(maskPhone(undefined)).toBeNull();
    expect(maskPhone('')).toBe('');
  });
});

describe('maskIdCard', () => {
  it('shows the first and last four characters', () => {
    expect(maskIdCard('360102199001011234')).toBe('3601**********1234');
    expect(maskIdCard('11010519491231002X')).toBe('1101**********002X');
    expect(maskIdCard('1234567')).toBe('*******');
    expect(maskIdCard(null)).toBeNull();
  });
});
