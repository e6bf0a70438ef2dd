import { describe, expect, it } from 'vitest';
import { checkReportValues, parseIndicatorValue, type FormIndicator } from './validate.js';
import { reportWorkflow } from './workflow.js';

const money = (key: string, label: string, allowNegative = false): FormIndicator => ({ key, label, unit: 'fen', decimals: 0, required: true, allow_negative: allowNegative, max_value: null, swing_check: true });
const revenue = money('revenue_fen', '营业收入');
const profit = money('profit_fen', '利润总额', true);
const people: FormIndicator = { key: 'employees', label: '从业人员', unit: 'person', decimals: 0, required: true, allow_negative: false, max_value: 100_000, swing_check: true };
const tonnes: FormIndicator = { key: 'copper_output_t', label: '铜材产量', unit: 'tonne', decimals: 3, required: false, allow_negative: false, max_value: null, swing_check: false };

describe('parseIndicatorValue', () => {
  it('turns 元 into integer fen without drift, accepting thousands separators and full-width digits', () => {
    expect(parseIndicatorValue(revenue, '1,234.56')).toEqual({ value: 123456 });
    expect(parseIndicatorValue(revenue, 1.05)).toEqual({ value: 105 });
    expect(parseIndicatorValue(revenue, 1.005)).toEqual({ error: '营业收入以元填写,最多精确到分(两位小数)' });
    expect(parseIndicatorValue(revenue, '１２３')).toEqual({ value: 12300 });
    expect(parseIndicatorValue(revenue, '')).toEqual({ value: null });
    expect(parseIndicatorValue(revenue, null)).toEqual({ value: null });
  });
  it('refuses what cannot be true, naming the indicator', () => {
    expect(parseIndicatorValue(revenue, -1)).toEqual({ error: '营业收入不能为负数' });
    expect(parseIndicatorValue(profit, -1)).toEqual({ value: -100 });
    expect(parseIndicatorValue(revenue, '1.234')).toEqual({ error: '营业收入以元填写,最多精确到分(两位小数)' });
    expect(parseIndicatorValue(people, 12.5)).toEqual({ error: '从业人员应为整数(人)' });
    expect(parseIndicatorValue(people, 100_001)).toEqual({ error: '从业人员不能超过100,000人' });
    expect(parseIndicatorValue(tonnes, '12.3456')).toEqual({ error: '铜材产量最多3位小数' });
    expect(parseIndicatorValue(tonnes, '12.345')).toEqual({ value: 12.345 });
    expect(parseIndicatorValue(revenue, '12元')).toMatchObject({ error: expect.stringContaining('不是有效的数字') });
    expect(parseIndicatorValue(revenue, Number.NaN)).toMatchObject({ error: expect.stringContaining('不是有效的数字') });
    expect(parseIndicatorValue(revenue, '1e30')).toMatchObject({ error: expect.stringContaining('不是有效的数字') });
    expect(parseIndicatorValue(revenue, '20000000000000')).toEqual({ error: '营业收入数值过大,请检查单位' });
  });
});

describe('checkReportValues', () => {
  const bases = new Map([
    ['revenue_fen', { lastYear: 100_000_00, previous: 120_000_00 }],
    ['employees', { lastYear: null, previous: 100 }],
  ]);
  it('lets a draft be incomplete but not impossible', () => {
    const draft = checkReportValues([revenue, people], { revenue_fen: { value: 200_000 } }, bases, 30, 'draft');
    expect(draft.details).toEqual([]);
    expect(draft.values.get('revenue_fen')).toEqual({ value: 200_000_00, note: null, source: 'manual' });
  });
  it('asks a submission for required values and a note on a swing beyond the threshold, 同比 first', () => {
    const submit = checkReportValues([revenue, people], { revenue_fen: { value: 145_000 } }, bases, 30, 'submit');
    expect(submit.details).toEqual([
      { path: 'values.revenue_fen.note', message: '营业收入同比 +45.0%,超过 ±30%,请说明原因' },
      { path: 'values.employees.value', message: '请填写从业人员' },
    ]);
    const mom = checkReportValues([people], { employees: { value: 60 } }, bases, 30, 'submit');
    expect(mom.details).toEqual([{ path: 'values.employees.note', message: '从业人员环比 -40.0%,超过 ±30%,请说明原因' }]);
    const withinLooser = checkReportValues([people], { employees: { value: 60 } }, bases, 50, 'submit');
    expect(withinLooser.details).toEqual([]);
    const noted = checkReportValues([revenue, people], { revenue_fen: { value: 145_000, note: '新产线投产' }, employees: { value: 101 } }, bases, 30, 'submit');
    expect(noted.details).toEqual([]);
  });
  it('names an indicator the firm does not report', () => {
    const r = checkReportValues([revenue], { copper_output_t: { value: 1 } }, bases, 30, 'draft');
    expect(r.details).toEqual([{ path: 'values.copper_output_t', message: '指标“copper_output_t”不存在或不适用于本企业' }]);
  });
});

describe('reportWorkflow', () => {
  const filer = new Set(['filer'] as const);
  const reviewer = new Set(['reviewer'] as const);
  it('offers the office accept and return on a submitted report, the firm a correction of an accepted one', () => {
    expect(reportWorkflow.allowedActions({ status: 'submitted' }, reviewer)).toEqual(['accept', 'return']);
    expect(reportWorkflow.allowedActions({ status: 'submitted' }, filer)).toEqual([]);
    expect(reportWorkflow.allowedActions({ status: 'accepted' }, filer)).toEqual(['correct']);
  });
  it('answers 409 for the wrong state, 403 for the wrong party, 400 for a missing reason', () => {
    expect(() => reportWorkflow.check({ status: 'draft' }, 'accept', reviewer, {})).toThrow('月报当前状态为“草稿”,不能审核通过');
    expect(() => reportWorkflow.check({ status: 'submitted' }, 'accept', filer, {})).toThrow('只有调度专班或管理员可以审核通过');
    expect(() => reportWorkflow.check({ status: 'submitted' }, 'return', reviewer, { reason: ' ' })).toThrow('请填写退回原因');
    expect(reportWorkflow.target(reportWorkflow.check({ status: 'returned' }, 'submit', filer, {}), { status: 'returned' }, {})).toBe('submitted');
  });
});
