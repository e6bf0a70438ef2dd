import type { ErrorDetail } from './errors.js';

/**
 * The one boundary rule for text that enters the platform (JSON bodies, query strings, route
 * parameters, multipart fields, file names, imported Excel cells).
 *
 * - Characters no text may hold are refused with a message naming the field: NUL and the other
 *   C0 controls except tab / line feed / carriage return, DEL, the C1 controls, unpaired UTF-16
 *   surrogates and the non-characters U+FFFE / U+FFFF. PostgreSQL refuses NUL in text outright,
 *   and the others are never typed by a person: they come from a broken client or an attacker.
 * - Tab and line breaks are kept in multi-line fields (notes, descriptions, comments …) and in
 *   secrets (a password is compared exactly), and turned into one space elsewhere: a name pasted
 *   from a spreadsheet with a trailing line break means the name, not the line break.
 *
 * Decided here once; the server applies it to every input before the route's own schema.
 */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF\uFFFE\uFFFF]/u;
const LINE_BREAKS = /[\t\r\n]+/g;

/** Fields whose text may span several lines (the form shows a text area for them). */
export const MULTILINE_FIELDS: ReadonlySet<string> = new Set([
  'note', 'notes', 'memo', 'remark', 'comment', 'content', 'description', 'summary', 'reason', 'overrideReason',
  'findings', 'decision', 'answer', 'resolution', 'text', 'body', 'message', 'legalBasis', 'chengnuoText', 'stepsText',
  'participants', 'attendees', 'result', 'opinion', 'problems', 'measures', 'feedback', 'changeNote', 'guide',
  'basis', 'instructions', 'explanation',
]);

/** Fields compared exactly: never rewritten, only refused when they hold a forbidden character. */
export const SECRET_FIELDS: ReadonlySet<string> = new Set(['password', 'oldPassword', 'newPassword', 'token', 'captcha', 'captchaAnswer']);

/** Deeper nesting than this is no form a person filled in. */
export const MAX_INPUT_DEPTH = 32;

export type CleanedInput = { value: unknown; issues: ErrorDetail[] };

function describe(char: string): string {
  const code = char.codePointAt(0)!;
  if (code === 0) return '空字符(NUL)';
  if (code >= 0xd800 && code <= 0xdfff) return '无效的Unicode字符';
  return `控制字符 U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The last named segment of a path: the field the label and the multi-line rule go by. */
function fieldOf(path: (string | number)[]): string {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return '';
}

/**
 * Applies the rule to one text value of field `field`. Returns the cleaned text, or the reason it
 * is refused (`label` is put in front of the reason by the caller).
 */
export function cleanText(text: string, field: string): { ok: true; text: string } | { ok: false; reason: string } {
  const bad = FORBIDDEN.exec(text);
  if (bad) return { ok: false, reason: `不能包含${describe(bad[0])}` };
  if (MULTILINE_FIELDS.has(field) || SECRET_FIELDS.has(field)) return { ok: true, text };
  return { ok: true, text: text.includes('\n') || text.includes('\r') || text.includes('\t') ? text.replace(LINE_BREAKS, ' ') : text };
}

/**
 * Walks an input (object, array, strings at any depth, object keys included) and applies
 * `cleanText` to every string. `labelOf(path)` names the field in messages.
 */
export function cleanInput(input: unknown, labelOf: (path: string) => string): CleanedInput {
  const issues: ErrorDetail[] = [];
  const walk = (value: unknown, path: (string | number)[], depth: number): unknown => {
    if (typeof value === 'string') {
      const cleaned = cleanText(value, fieldOf(path));
      if (cleaned.ok) return cleaned.text;
      const joined = path.map(String).join('.');
      issues.push({ path: joined, message: `${joined ? labelOf(joined) : '请求'}${cleaned.reason}` });
      return value;
    }
    if (value === null || typeof value !== 'object') return value;
    if (depth >= MAX_INPUT_DEPTH) {
      if (!issues.some((i) => i.message.includes('嵌套'))) {
        const joined = path.map(String).join('.');
        issues.push({ path: joined, message: `${joined ? labelOf(joined) : '请求'}嵌套层级过深(最多${MAX_INPUT_DEPTH}层)` });
      }
      return value;
    }
    if (Array.isArray(value)) {
      let changed = false;
      const out = value.map((item, index) => {
        const next = walk(item, [...path, index], depth + 1);
        if (next !== item) changed = true;
        return next;
      });
      return changed ? out : value;
    }
    if (isBinary(value)) return value;
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const badKey = FORBIDDEN.exec(key);
      if (badKey) {
        issues.push({ path: [...path, '(字段名)'].map(String).join('.'), message: `字段名不能包含${describe(badKey[0])}` });
        changed = true;
        continue;
      }
      const next = walk(item, [...path, key], depth + 1);
      if (next !== item) changed = true;
      out[key] = next;
    }
    return changed ? out : value;
  };
  const value = walk(input, [], 0);
  return { value, issues };
}

/** Binary values (uploads) are not text; detected without importing Node's Buffer into the contract. */
function isBinary(value: object): boolean {
  return value instanceof Uint8Array || value instanceof ArrayBuffer;
}
