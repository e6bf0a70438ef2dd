import { INDICATOR_UNIT_LABELS, formatGrowth, parseYuanToFen, reportSwing, type ErrorDetail, type IndicatorUnit, type ReportValueInput, type ReportValueSource } from '@yuanqi/contract';

/** What validation needs of an indicator. */
export type FormIndicator = {
  key: string;
  label: string;
  unit: IndicatorUnit;
  decimals: number;
  required: boolean;
  allow_negative: boolean;
  max_value: number | null;
  swing_check: boolean;
};

export type CheckedValue = { value: number | null; note: string | null; source: ReportValueSource };

/** The largest figure accepted in any unit (fen: ¥10万亿): beyond it a value is a typing error. */
const ABSOLUTE_MAX = 1e15;

/**
 * Parses one entered value into the stored unit (money: 元 → integer fen), or says why not, in
 * Chinese naming the indicator. Blank is null.
 */
export function parseIndicatorValue(ind: FormIndicator, raw: number | string | null | undefined): { value: number | null } | { error: string } {
  if (raw === null || raw === undefined) return { value: null };
  const text = (typeof raw === 'number' ? (Number.isFinite(raw) ? String(raw) : 'x') : raw).replace(/[,，\s]/g, '').replace(/[\uFF10-\uFF19]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
  if (text === '') return { value: null };
  const m = /^([-+]?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return { error: `${ind.label}:“${String(raw)}”不是有效的数字` };
  const negative = m[1] === '-' && Number(text) !== 0;
  const decimals = m[3]?.length ?? 0;
  if (negative && !ind.allow_negative) return { error: `${ind.label}不能为负数` };
  let value: number;
  if (ind.unit === 'fen') {
    if (decimals > 2) return { error: `${ind.label}以元填写,最多精确到分(两位小数)` };
    const fen = parseYuanToFen(text);
    if (fen === null) return { error: `${ind.label}:“${String(raw)}”不是有效的金额` };
    value = fen;
  } else {
    if (ind.unit === 'person' && decimals > 0) return { error: `${ind.label}应为整数(人)` };
    if (decimals > ind.decimals) return { error: ind.decimals === 0 ? `${ind.label}应为整数` : `${ind.label}最多${ind.decimals}位小数` };
    value = Number(text);
  }
  if (Math.abs(value) > ABSOLUTE_MAX) return { error: `${ind.label}数值过大,请检查单位` };
  if (ind.max_value !== null && value > ind.max_value) {
    const shown = ind.unit === 'fen' ? `${(ind.max_value / 100).toLocaleString('zh-CN')}元` : `${ind.max_value.toLocaleString('zh-CN')}${INDICATOR_UNIT_LABELS[ind.unit]}`;
    return { error: `${ind.label}不能超过${shown}` };
  }
  return { value };
}

/**
 * Checks a report's entered values against its indicators. `draft`: only impossible values are
 * refused (a draft may be incomplete); `submit`: required indicators must be present and a 同比 or
 * 环比 swing beyond ±threshold needs a note for that indicator. Every problem is a detail naming
 * its field (`values.<key>.value` / `values.<key>.note`).
 */
export function checkReportValues(
  indicators: readonly FormIndicator[],
  input: Record<string, ReportValueInput>,
  bases: ReadonlyMap<string, { lastYear: number | null; previous: number | null }>,
  thresholdPct: number,
  mode: 'draft' | 'submit',
): { values: Map<string, CheckedValue>; details: ErrorDetail[] } {
  const details: ErrorDetail[] = [];
  const values = new Map<string, CheckedValue>();
  const known = new Map(indicators.map((i) => [i.key, i]));
  for (const key of Object.keys(input)) {
    if (!known.has(key)) details.push({ path: `values.${key}`, message: `指标“${key}”不存在或不适用于本企业` });
  }
  for (const ind of indicators) {
    const entry = input[ind.key];
    const parsed = parseIndicatorValue(ind, entry?.value);
    if ('error' in parsed) {
      details.push({ path: `values.${ind.key}.value`, message: parsed.error });
      continue;
    }
    const note = entry?.note?.trim() ? entry.note.trim() : null;
    if (parsed.value === null) {
      if (mode === 'submit' && ind.required) details.push({ path: `values.${ind.key}.value`, message: `请填写${ind.label}` });
      if (entry) values.set(ind.key, { value: null, note, source: 'manual' });
      continue;
    }
    if (mode === 'submit' && ind.swing_check) {
      const base = bases.get(ind.key);
      const swing = reportSwing(parsed.value, base?.lastYear ?? null, base?.previous ?? null, thresholdPct);
      if (swing && (!note || note.length < 2)) {
        details.push({ path: `values.${ind.key}.note`, message: `${ind.label}${swing.kind} ${formatGrowth(swing.pct)},超过 ±${thresholdPct}%,请说明原因` });
      }
    }
    values.set(ind.key, { value: parsed.value, note, source: entry?.source ?? 'manual' });
  }
  return { values, details };
}
