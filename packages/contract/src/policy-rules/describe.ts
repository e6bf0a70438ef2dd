import { DEFAULT_MONEY_ROUNDING, MONEY_ROUNDING_LABELS, fenToYuanString } from '../money.js';
import { indexCatalogue, type CatalogueIndex } from './catalogue.js';
import { paramTimeline } from './params.js';
import {
  PAYMENT_PERIOD_LABELS,
  type CompareOp,
  type Cond,
  type Expr,
  type PolicyRule,
  type RuleCatalogue,
  type RuleParam,
  type MoneyEntryUnit,
  type RuleUnit,
  type Tier,
} from './types.js';

export const COMPARE_SYMBOLS: Record<CompareOp, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '==': '=', '!=': '≠' };

/** GB/T 4754 sections (门类), to read an industry-code prefix of one letter. */
export const INDUSTRY_SECTIONS: Record<string, string> = {
  A: '农、林、牧、渔业',
  B: '采矿业',
  C: '制造业',
  D: '电力、热力、燃气及水生产和供应业',
  E: '建筑业',
  F: '批发和零售业',
  G: '交通运输、仓储和邮政业',
  H: '住宿和餐饮业',
  I: '信息传输、软件和信息技术服务业',
  J: '金融业',
  K: '房地产业',
  L: '租赁和商务服务业',
  M: '科学研究和技术服务业',
  N: '水利、环境和公共设施管理业',
  O: '居民服务、修理和其他服务业',
  P: '教育',
  Q: '卫生和社会工作',
  R: '文化、体育和娱乐业',
  S: '公共管理、社会保障和社会组织',
  T: '国际组织',
};

function trimNumber(n: number, digits = 4): string {
  const s = n.toFixed(digits);
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

function group(intText: string): string {
  return intText.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Money for rule text: "1,500元", "20万元", "1.5亿元", "12.34元". With the unit the officer typed
 * (`entry`) the amount reads in that unit, exactly: 2000 typed in 万元 is "2,000万元", 20000 typed
 * in 元 is "20,000元".
 */
export function formatRuleMoney(fen: number, entry?: MoneyEntryUnit): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  if (entry === 'wan') {
    const [i, f] = trimNumber(abs / 1_000_000, 8).split('.');
    return `${sign}${group(i)}${f ? `.${f}` : ''}万元`;
  }
  if (entry === 'yuan' && Number.isInteger(abs)) return abs % 100 === 0 ? `${sign}${group(String(abs / 100))}元` : `${sign}${fenToYuanString(abs)}元`;
  if (abs >= 10_000_000_000 && abs % 1_000_000 === 0) return `${sign}${trimNumber(abs / 10_000_000_000)}亿元`;
  if (abs >= 1_000_000 && abs % 10_000 === 0) {
    const [i, f] = trimNumber(abs / 1_000_000).split('.');
    return `${sign}${group(i)}${f ? `.${f}` : ''}万元`;
  }
  if (Number.isInteger(abs)) return abs % 100 === 0 ? `${sign}${group(String(abs / 100))}元` : `${sign}${fenToYuanString(abs)}元`;
  // a formula's intermediate value keeps its fraction of a fen ("74,074.068元"): only roundMoney
  // turns it into the fen paid, so no text may round it on its own
  const [i, f] = trimNumber(abs / 100, 6).split('.');
  return `${sign}${group(i)}${f ? `.${f.padEnd(2, '0')}` : ''}元`;
}

/** The word a count reads in when its definition names none (从业人数 120人). */
export const DEFAULT_COUNT_WORD = '人';

/**
 * A number with its unit, as people read it. `entry`: the unit money was typed in; `word`: what a
 * count counts (件 for patents; 人 when absent).
 */
export function formatRuleValue(value: number, unit: RuleUnit | undefined, options: { entry?: MoneyEntryUnit; word?: string } = {}): string {
  switch (unit) {
    case 'fen':
      return formatRuleMoney(value, options.entry);
    case 'percent':
      return `${trimNumber(value)}%`;
    case 'count':
      return `${group(trimNumber(value, 2))}${options.word ?? DEFAULT_COUNT_WORD}`;
    case 'months':
      return `${trimNumber(value, 2)}个月`;
    default:
      return Math.abs(value) >= 10000 ? group(trimNumber(value, 2)) : trimNumber(value);
  }
}

export function relativeYearLabel(year: number): string {
  if (year >= 1900) return `${year}年`;
  if (year === 0) return '当年';
  if (year === -1) return '上一年度';
  return `${-year}年前`;
}

const NEEDS_PARENS = new Set(['add', 'sub', 'if']);

/** mul(div(a, b), 100): "a占b的比例"; mul(div(sub(a, b), b), 100): "a比b的增长率". */
function ratioPattern(e: Expr): { kind: 'share' | 'growth'; a: Expr; b: Expr } | null {
  if (e.op !== 'mul' || e.args.length !== 2) return null;
  const [d, h] = e.args;
  if (d.op !== 'div' || h.op !== 'num' || h.value !== 100) return null;
  const [x, y] = d.args;
  if (x.op === 'sub' && JSON.stringify(x.args[1]) === JSON.stringify(y)) return { kind: 'growth', a: x.args[0], b: y };
  return { kind: 'share', a: x, b: y };
}

/** Reads rules in plain Chinese against a catalogue and a rule's parameter table. */
export class RuleDescriber {
  readonly idx: CatalogueIndex;
  readonly params: Map<string, RuleParam>;
  /** With an as-of year, relative fact years read as calendar years ("2025年"). */
  readonly asOfYear: number | null;

  constructor(catalogue: RuleCatalogue, params: readonly RuleParam[] = [], asOf?: string) {
    this.idx = indexCatalogue(catalogue);
    this.params = new Map(params.map((p) => [p.key, p]));
    this.asOfYear = asOf ? Number(asOf.slice(0, 4)) : null;
  }

  unitOf(e: Expr): RuleUnit | undefined {
    switch (e.op) {
      case 'field':
        return this.idx.fields.get(e.field)?.unit;
      case 'fact':
        return this.idx.facts.get(e.key)?.unit;
      case 'param':
        return this.params.get(e.key)?.unit;
      case 'num':
        return undefined;
      case 'percent':
        return this.unitOf(e.base);
      case 'mul': {
        if (ratioPattern(e)) return 'percent';
        const units = e.args.map((a) => this.unitOf(a));
        if (units.includes('fen')) return 'fen';
        return units.find((u) => u !== undefined && u !== 'count' && u !== 'months') ?? units.find((u) => u !== undefined);
      }
      case 'div': {
        const [a, b] = e.args.map((x) => this.unitOf(x));
        if (a === b) return 'number';
        return b === undefined || b === 'count' || b === 'months' ? a : undefined;
      }
      case 'add':
      case 'sub':
      case 'min':
      case 'max':
        return e.args.map((a) => this.unitOf(a)).find((u) => u !== undefined);
      case 'tiers':
        return [...e.tiers.map((t) => t.value), ...(e.otherwise ? [e.otherwise] : [])].map((v) => this.unitOf(v)).find((u) => u !== undefined);
      case 'if':
        return this.unitOf(e.then) ?? this.unitOf(e.else);
      case 'choose':
        return [...e.cases.map((c) => c.value), ...(e.otherwise ? [e.otherwise] : [])].map((v) => this.unitOf(v)).find((u) => u !== undefined);
    }
  }

  /** What a count expression counts (its field's or fact's `countWord`), if it names one. */
  countWordOf(e: Expr): string | undefined {
    switch (e.op) {
      case 'field':
        return this.idx.fields.get(e.field)?.countWord;
      case 'fact':
        return this.idx.facts.get(e.key)?.countWord;
      case 'add':
      case 'sub':
      case 'min':
      case 'max':
        return e.args.map((a) => this.countWordOf(a)).find((w) => w !== undefined);
      default:
        return undefined;
    }
  }

  /** Name of a referenced value without its current value ("2025年新增就业人数"). */
  refName(e: Expr): string {
    if (e.op === 'field') return this.idx.fields.get(e.field)?.label ?? e.field;
    if (e.op === 'fact') {
      const def = this.idx.facts.get(e.key);
      const label = def?.label ?? e.key;
      if (def?.period === 'latest' && e.year === 0) return label;
      if (this.asOfYear !== null && e.year <= 0) return `${this.asOfYear + e.year}年${label}`;
      return `${relativeYearLabel(e.year)}${label}`;
    }
    if (e.op === 'param') return this.params.get(e.key)?.label ?? e.key;
    return this.expr(e);
  }

  optionLabel(e: Expr, value: string): string {
    if (e.op === 'field' && e.field === 'chain') return this.idx.chains.get(value) ?? value;
    const options = e.op === 'field' ? this.idx.fields.get(e.field)?.options : e.op === 'fact' ? this.idx.facts.get(e.key)?.options : undefined;
    return options?.find((o) => o.value === value)?.label ?? value;
  }

  tagLabel(tag: string): string {
    return this.idx.tags.get(tag) ?? tag;
  }

  /** A dated parameter: its latest value and the earlier ones ("400元(2026-01-01起;此前200元)"). */
  param(key: string, unitHint?: RuleUnit, word?: string): string {
    const p = this.params.get(key);
    if (!p) return key;
    const unit = p.unit ?? unitHint;
    const timeline = paramTimeline(p);
    const last = timeline[timeline.length - 1];
    const show = (v: { value: number; entry?: MoneyEntryUnit }) => formatRuleValue(v.value, unit, { entry: v.entry, word });
    const current = show(last);
    if (timeline.length === 1) return current;
    const earlier = timeline.slice(0, -1).reverse();
    const parts = earlier.map((v, i) => (i === earlier.length - 1 ? `此前${show(v)}` : `${v.from}至${v.until}为${show(v)}`));
    return `${current}(${last.from}起;${parts.join(';')})`;
  }

  num(value: number, unit: RuleUnit | undefined, entry?: MoneyEntryUnit, word?: string): string {
    return formatRuleValue(value, unit, { entry, word });
  }

  /**
   * An expression in words; `unitHint` formats bare numbers (a number compared with an amount is an
   * amount), `word` names what a bare count counts (a number compared with 专利数 is 件).
   */
  expr(e: Expr, unitHint?: RuleUnit, word?: string): string {
    switch (e.op) {
      case 'field':
      case 'fact':
        return this.refName(e);
      case 'param':
        return this.param(e.key, unitHint, word);
      case 'num':
        return this.num(e.value, unitHint, e.entry, word);
      case 'add':
        return e.args.map((a) => this.expr(a, unitHint, word)).join(' + ');
      case 'sub':
        return e.args.map((a, i) => (i > 0 && NEEDS_PARENS.has(a.op) ? `(${this.expr(a, unitHint, word)})` : this.expr(a, unitHint, word))).join(' − ');
      case 'mul': {
        const ratio = ratioPattern(e);
        if (ratio) return ratio.kind === 'share' ? `${this.wrapped(ratio.a)}占${this.wrapped(ratio.b)}的比例` : `${this.wrapped(ratio.a)}比${this.wrapped(ratio.b)}的增长率`;
        return this.mul(e.args);
      }
      case 'div': {
        const [a, b] = e.args;
        const wrap = (x: Expr) => (NEEDS_PARENS.has(x.op) || x.op === 'mul' ? `(${this.expr(x)})` : this.expr(x));
        return `${wrap(a)} ÷ ${wrap(b)}`;
      }
      case 'min':
      case 'max': {
        const unit = e.args.map((a) => this.unitOf(a)).find((u) => u !== undefined) ?? unitHint;
        const w = this.countWordOf(e) ?? word;
        const nums = e.args.filter((a) => a.op === 'num' || a.op === 'param');
        const rest = e.args.filter((a) => a.op !== 'num' && a.op !== 'param');
        if (rest.length === 1 && nums.length === 1) {
          return `${this.expr(rest[0], unit, w)}(${e.op === 'min' ? '最多' : '至少'}${this.expr(nums[0], unit, w)})`;
        }
        return `${e.args.map((a) => this.expr(a, unit, w)).join('、')}中的${e.op === 'min' ? '较小者' : '较大者'}`;
      }
      case 'percent':
        if (e.rate.op === 'num' || e.rate.op === 'param') return `${this.wrapped(e.base)}的${this.expr(e.rate, 'percent')}`;
        return `${this.wrapped(e.base)} × ${this.wrapped(e.rate, 'percent')}`;
      case 'tiers': {
        const inUnit = this.unitOf(e.input);
        const outUnit = this.unitOf(e) ?? unitHint;
        const parts = e.tiers.map((t) => `${this.tierRange(t, inUnit, this.countWordOf(e.input))}为${this.wrapped(t.value, outUnit)}`);
        if (e.otherwise) parts.push(`其他为${this.wrapped(e.otherwise, outUnit)}`);
        return `按${this.refOrExpr(e.input)}分档(${parts.join(';')})`;
      }
      case 'if':
        return `如${this.cond(e.when)}则${this.expr(e.then, unitHint)},否则${this.expr(e.else, unitHint)}`;
      case 'choose': {
        const outUnit = this.unitOf(e) ?? unitHint;
        const parts = e.cases.map((c) => `${c.values.map((v) => this.optionLabel(e.input, v)).join('、')}为${this.wrapped(c.value, outUnit)}`);
        if (e.otherwise) parts.push(`其他为${this.wrapped(e.otherwise, outUnit)}`);
        return `按${this.refOrExpr(e.input)}(${parts.join(';')})`;
      }
    }
  }

  private refOrExpr(e: Expr): string {
    return e.op === 'field' || e.op === 'fact' || e.op === 'param' ? this.refName(e) : this.expr(e);
  }

  private wrapped(e: Expr, unitHint?: RuleUnit, word?: string): string {
    return NEEDS_PARENS.has(e.op) ? `(${this.expr(e, unitHint, word)})` : this.expr(e, unitHint, word);
  }

  tierRange(t: Pick<Tier, 'min' | 'max' | 'minEntry' | 'maxEntry'>, unit: RuleUnit | undefined, word?: string): string {
    const min = t.min !== undefined ? this.num(t.min, unit, t.minEntry, word) : undefined;
    const max = t.max !== undefined ? this.num(t.max, unit, t.maxEntry, word) : undefined;
    if (min !== undefined && max !== undefined) return `${min}以上不满${max}`;
    if (min !== undefined) return `${min}以上`;
    if (max !== undefined) return `不满${max}`;
    return '任意值';
  }

  /** count × money (× months) reads "按…计,每人…(每月)". */
  private mul(args: Expr[]): string {
    const units = args.map((a) => this.unitOf(a));
    const countIdx = units.indexOf('count');
    const fenIdx = units.indexOf('fen');
    if (countIdx >= 0 && fenIdx >= 0 && (args[fenIdx].op === 'param' || args[fenIdx].op === 'num' || args[fenIdx].op === 'tiers' || args[fenIdx].op === 'choose' || args[fenIdx].op === 'if')) {
      const others = args.filter((_, i) => i !== countIdx && i !== fenIdx);
      const monthsIdx = others.findIndex((a) => this.unitOf(a) === 'months');
      const rest = others.filter((_, i) => i !== monthsIdx);
      let text = `按${this.wrapped(args[countIdx])}计,每${this.countWordOf(args[countIdx]) ?? DEFAULT_COUNT_WORD}${monthsIdx >= 0 ? '每月' : ''}${this.expr(args[fenIdx], 'fen')}`;
      if (monthsIdx >= 0) text += `,乘以${this.expr(others[monthsIdx], 'months')}`;
      if (rest.length > 0) text += ` × ${rest.map((a) => this.wrapped(a)).join(' × ')}`;
      return text;
    }
    return args.map((a, i) => this.wrapped(a, units[i])).join(' × ');
  }

  cond(c: Cond, nested = false): string {
    switch (c.op) {
      case 'all':
      case 'any': {
        if (c.items.length === 1) return this.cond(c.items[0], nested);
        const text = c.items.map((i) => this.cond(i, true)).join(c.op === 'all' ? '且' : '或');
        return nested ? `(${text})` : text;
      }
      case 'not': {
        const inner = c.item;
        if (inner.op === 'isTrue') return `非${this.refOrExpr(inner.value)}`;
        if (inner.op === 'hasTag') return `不属于${this.tagLabel(inner.tag)}`;
        if (inner.op === 'known') return `未填报${this.refOrExpr(inner.value)}`;
        if (inner.op === 'in') return `${this.refOrExpr(inner.left)}不为${inner.values.map((v) => this.optionLabel(inner.left, v)).join('或')}`;
        if (inner.op === 'compare') return this.cond({ ...inner, cmp: NEGATED[inner.cmp] }, nested);
        return `不满足${this.cond(inner, true).replace(/^\((.*)\)$/, '($1)')}`;
      }
      case 'compare': {
        const unit = this.unitOf(c.left) ?? this.unitOf(c.right);
        const word = this.countWordOf(c.left) ?? this.countWordOf(c.right);
        return `${this.wrapped(c.left, unit, word)}${COMPARE_SYMBOLS[c.cmp]}${this.wrapped(c.right, unit, word)}`;
      }
      case 'hasTag':
        return `属于${this.tagLabel(c.tag)}`;
      case 'in':
        return `${this.refOrExpr(c.left)}为${c.values.map((v) => this.optionLabel(c.left, v)).join('或')}`;
      case 'startsWith': {
        const section = c.left.op === 'field' && c.left.field === 'industry_code' && c.prefix.length === 1 ? INDUSTRY_SECTIONS[c.prefix.toUpperCase()] : undefined;
        if (section) return `属于${section}(行业代码${c.prefix})`;
        return `${this.refOrExpr(c.left)}以“${c.prefix}”开头`;
      }
      case 'isTrue':
        return this.refOrExpr(c.value);
      case 'known':
        return `已填报${this.refOrExpr(c.value)}`;
    }
  }

  benefit(rule: PolicyRule): string {
    let text = this.expr(rule.benefit.amount, 'fen');
    if (rule.benefit.cap) text += `,上限${this.expr(rule.benefit.cap, 'fen')}`;
    if (rule.benefit.unitLabel) text += `(${rule.benefit.unitLabel})`;
    return `${text};${MONEY_ROUNDING_LABELS[rule.benefit.rounding ?? DEFAULT_MONEY_ROUNDING]}`;
  }

  payment(rule: PolicyRule): string {
    const p = rule.payment;
    const parts: string[] = [];
    if (p.period === 'stage' && p.stageFact) {
      parts.push(`按${this.idx.facts.get(p.stageFact)?.label ?? p.stageFact}每个阶段仅兑现一次`);
    } else parts.push(PAYMENT_PERIOD_LABELS[p.period]);
    if (p.instalments) {
      parts.push(
        `分${p.instalments.length}期兑现:${p.instalments
          .map((i) => `${i.label}${trimNumber(i.sharePercent)}%${i.condition ? `(${this.cond(i.condition)})` : ''}`)
          .join('、')}`,
      );
    }
    if (p.exclusionGroup) parts.push(`与同属“${p.exclusionGroup}”的政策不可同时享受`);
    if (p.perPerson?.uniqueAcrossEnterprises) {
      parts.push(`同一人员(${this.idx.facts.get(p.perPerson.factKey)?.label ?? p.perPerson.factKey})只能在一家企业享受`);
    }
    return parts.join(';');
  }
}

const NEGATED: Record<CompareOp, CompareOp> = { '>=': '<', '>': '<=', '<=': '>', '<': '>=', '==': '!=', '!=': '==' };

/** The whole rule in one plain-Chinese sentence: "条件:金额,上限…;周期…". */
export function describeRule(rule: PolicyRule, catalogue: RuleCatalogue, options: { asOf?: string } = {}): string {
  const d = new RuleDescriber(catalogue, rule.params, options.asOf);
  return `${d.cond(rule.eligibility)}:${d.benefit(rule)};${d.payment(rule)}`;
}

export function describeCondition(cond: Cond, catalogue: RuleCatalogue, params: readonly RuleParam[] = [], options: { asOf?: string } = {}): string {
  return new RuleDescriber(catalogue, params, options.asOf).cond(cond);
}

export function describeExpr(
  expr: Expr,
  catalogue: RuleCatalogue,
  params: readonly RuleParam[] = [],
  options: { asOf?: string; unitHint?: RuleUnit } = {},
): string {
  return new RuleDescriber(catalogue, params, options.asOf).expr(expr, options.unitHint);
}
