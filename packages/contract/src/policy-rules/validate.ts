import { DEFAULT_MONEY_ROUNDING, MONEY_ROUNDINGS, type MoneyRounding } from '../money.js';
import { z } from 'zod';
import { indexCatalogue, type CatalogueIndex } from './catalogue.js';
import {
  ARITHMETIC_OPS,
  COMPARE_OPS,
  MONEY_ENTRY_UNITS,
  PAYMENT_PERIODS,
  RULE_UNITS,
  type ArithmeticOp,
  type MoneyEntryUnit,
  type RuleParamValue,
  type Benefit,
  type ChooseCase,
  type CompareOp,
  type Cond,
  type Expr,
  type Instalment,
  type PaymentPeriod,
  type PaymentTerms,
  type PolicyRule,
  type RuleCatalogue,
  type RuleOption,
  type RuleParam,
  type RuleUnit,
  type RuleValidationError,
  type RuleValidationResult,
  type Tier,
} from './types.js';

/** Limits that keep a rule something a person can read and the server can evaluate quickly. */
export const RULE_LIMITS = {
  maxDepth: 24,
  maxNodes: 2000,
  maxParams: 50,
  maxParamValues: 50,
  maxItems: 100,
  maxTiers: 50,
  maxListValues: 200,
  maxTextLength: 200,
  maxInstalments: 10,
  /** Relative fact years reach back this far. */
  maxYearsBack: 30,
};

export const PARAM_KEY_PATTERN = /^[a-z][a-z0-9_]*$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

type ValueType = 'number' | 'boolean' | 'text' | 'date' | 'tags' | 'any';
const TYPE_LABELS: Record<ValueType, string> = {
  number: '数值',
  boolean: '是/否',
  text: '文本',
  date: '日期',
  tags: '标签',
  any: '值',
};

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isValidDate(s: unknown): s is string {
  if (typeof s !== 'string' || !DATE_PATTERN.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const INVALID = Symbol('invalid');
type Checked<T> = { node: T; type: ValueType } | typeof INVALID;

/**
 * Walks a raw rule, collecting every problem with the part it is in, and rebuilds a clean copy
 * (only known properties). With a null catalogue only the shape is checked.
 */
class RuleChecker {
  errors: RuleValidationError[] = [];
  private nodes = 0;
  private params = new Map<string, RuleParam>();
  /** Keys of every parameter declared, valid or not (a broken parameter is reported once, not at each use). */
  private declared = new Set<string>();
  private idx: CatalogueIndex | null;

  constructor(catalogue: RuleCatalogue | null) {
    this.idx = catalogue ? indexCatalogue(catalogue) : null;
  }

  err(path: string, part: string, message: string): typeof INVALID {
    this.errors.push({ path, message: `${part}:${message}` });
    return INVALID;
  }

  rule(raw: unknown): PolicyRule | null {
    if (!isObject(raw)) {
      this.err('', '规则', '应为一个规则对象');
      return null;
    }
    if (raw.version !== 1) this.err('version', '规则', '版本应为 1');
    const params = this.paramList(raw.params);
    const eligibility =
      raw.eligibility === undefined
        ? (this.err('eligibility', '适用条件', '缺少适用条件'), null)
        : this.cond(raw.eligibility, 'eligibility', '适用条件', 0);
    const benefit = this.benefit(raw.benefit);
    const payment = this.payment(raw.payment);
    if (this.errors.length > 0 || !eligibility || !benefit || !payment || !params) return null;
    return { version: 1, params, eligibility, benefit, payment };
  }

  private paramList(raw: unknown): RuleParam[] | null {
    if (raw === undefined) return [];
    if (!Array.isArray(raw)) {
      this.err('params', '参数', '应为参数列表');
      return null;
    }
    if (raw.length > RULE_LIMITS.maxParams) this.err('params', '参数', `最多${RULE_LIMITS.maxParams}个参数`);
    const out: RuleParam[] = [];
    raw.forEach((p, i) => {
      if (isObject(p) && typeof p.key === 'string') this.declared.add(p.key);
      const param = this.param(p, `params.${i}`, i);
      if (param) {
        if (this.params.has(param.key)) this.err(`params.${i}.key`, `参数 ${param.key}`, '参数名重复');
        else this.params.set(param.key, param);
        out.push(param);
      }
    });
    return out;
  }

  private param(raw: unknown, path: string, i: number): RuleParam | null {
    if (!isObject(raw)) {
      this.err(path, `参数 ${i + 1}`, '应为参数对象');
      return null;
    }
    const key = raw.key;
    let ok = true;
    let part = `参数 ${i + 1}`;
    if (typeof key !== 'string' || !PARAM_KEY_PATTERN.test(key) || key.length > 50) {
      this.err(`${path}.key`, part, '参数名应以小写字母开头,只含小写字母、数字和下划线');
      ok = false;
    } else part = `参数 ${key}`;
    const label = raw.label;
    if (typeof label !== 'string' || label.trim() === '' || label.length > RULE_LIMITS.maxTextLength) {
      this.err(`${path}.label`, part, '请填写参数名称');
      ok = false;
    }
    const unit = raw.unit as RuleUnit;
    if (!RULE_UNITS.includes(unit)) {
      this.err(`${path}.unit`, part, '单位应为 金额/百分比/人数/数值/月数 之一');
      ok = false;
    }
    const values: RuleParamValue[] = [];
    if (!Array.isArray(raw.values) || raw.values.length === 0) {
      this.err(`${path}.values`, part, '至少需要一个取值(生效日期和数值)');
      ok = false;
    } else {
      if (raw.values.length > RULE_LIMITS.maxParamValues) this.err(`${path}.values`, part, `最多${RULE_LIMITS.maxParamValues}个取值`);
      raw.values.forEach((v, j) => {
        const vp = `${path}.values.${j}`;
        if (!isObject(v)) {
          this.err(vp, `${part} 第${j + 1}个取值`, '应包含生效日期和数值');
          ok = false;
          return;
        }
        if (!isValidDate(v.from)) {
          this.err(`${vp}.from`, part, `生效日期格式应为 YYYY-MM-DD(第${j + 1}个取值)`);
          ok = false;
        }
        const value = v.value;
        if (typeof value !== 'number' || !Number.isFinite(value)) {
          this.err(`${vp}.value`, part, `第${j + 1}个取值缺少数值`);
          ok = false;
        } else if (unit === 'percent' && (value < 0 || value > 100)) {
          this.err(`${vp}.value`, part, `百分比应在0到100之间(第${j + 1}个取值为${value})`);
          ok = false;
        } else if (unit === 'fen' && (!Number.isInteger(value) || value < 0)) {
          this.err(`${vp}.value`, part, `金额应为不小于0的整数分(第${j + 1}个取值)`);
          ok = false;
        } else if ((unit === 'count' || unit === 'months') && value < 0) {
          this.err(`${vp}.value`, part, `不能为负数(第${j + 1}个取值)`);
          ok = false;
        }
        const entry = this.entry(v.entry, `${vp}.entry`, part, unit);
        if (entry === INVALID) ok = false;
        if (isValidDate(v.from) && typeof value === 'number') values.push(entry && entry !== INVALID ? { from: v.from, value, entry } : { from: v.from, value });
      });
      for (let j = 1; j < values.length; j++) {
        if (values[j].from <= values[j - 1].from) {
          this.err(`${path}.values.${j}.from`, part, `生效日期应按先后排列且不能重复(${values[j - 1].from} 之后是 ${values[j].from})`);
          ok = false;
        }
      }
    }
    return ok ? { key: key as string, label: (label as string).trim(), unit, values } : null;
  }

  /** The unit a money amount was typed in: absent, 元 or 万元 (only for money, when the unit is known). */
  private entry(raw: unknown, path: string, part: string, unit?: RuleUnit): MoneyEntryUnit | undefined | typeof INVALID {
    if (raw === undefined || raw === null) return undefined;
    if (!MONEY_ENTRY_UNITS.includes(raw as MoneyEntryUnit)) return this.err(path, part, '金额单位应为元或万元');
    if (unit !== undefined && unit !== 'fen') return undefined;
    return raw as MoneyEntryUnit;
  }

  private benefit(raw: unknown): Benefit | null {
    if (!isObject(raw)) {
      this.err('benefit', '兑现金额', '缺少兑现金额');
      return null;
    }
    const amount =
      raw.amount === undefined ? this.err('benefit.amount', '金额公式', '缺少金额公式') : this.expr(raw.amount, 'benefit.amount', '金额公式', 0);
    if (amount !== INVALID && !compatible(amount.type, 'number')) this.err('benefit.amount', '金额公式', `结果应为数值,而不是${TYPE_LABELS[amount.type]}`);
    let cap: Checked<Expr> | undefined;
    if (raw.cap !== undefined && raw.cap !== null) {
      cap = this.expr(raw.cap, 'benefit.cap', '金额上限', 0);
      if (cap !== INVALID && !compatible(cap.type, 'number')) this.err('benefit.cap', '金额上限', `应为数值,而不是${TYPE_LABELS[cap.type]}`);
      if (cap !== INVALID && cap.node.op === 'num' && cap.node.value < 0) this.err('benefit.cap', '金额上限', '不能为负数');
    }
    let unitLabel: string | undefined;
    if (raw.unitLabel !== undefined && raw.unitLabel !== null && raw.unitLabel !== '') {
      if (typeof raw.unitLabel !== 'string' || raw.unitLabel.length > 50) this.err('benefit.unitLabel', '计发方式', '应为不超过50字的文字');
      else unitLabel = raw.unitLabel;
    }
    let rounding: MoneyRounding | undefined;
    if (raw.rounding !== undefined && raw.rounding !== null) {
      if (typeof raw.rounding !== 'string' || !(MONEY_ROUNDINGS as readonly string[]).includes(raw.rounding)) {
        this.err('benefit.rounding', '金额取整', '应为四舍五入到分、舍去不足1分、四舍五入到元或取整到元之一');
      } else rounding = raw.rounding as MoneyRounding;
    }
    if (amount === INVALID || cap === INVALID) return null;
    const out: Benefit = { amount: amount.node };
    if (cap) out.cap = cap.node;
    if (unitLabel) out.unitLabel = unitLabel;
    if (rounding && rounding !== DEFAULT_MONEY_ROUNDING) out.rounding = rounding;
    return out;
  }

  private payment(raw: unknown): PaymentTerms | null {
    if (!isObject(raw)) {
      this.err('payment', '兑现方式', '缺少兑现方式(周期)');
      return null;
    }
    let ok = true;
    const period = raw.period as PaymentPeriod;
    if (!PAYMENT_PERIODS.includes(period)) {
      this.err('payment.period', '兑现方式', '周期应为 每年/每半年/每季度/每月/一次性/按阶段 之一');
      ok = false;
    }
    const out: PaymentTerms = { period };
    if (period === 'stage' || (raw.stageFact !== undefined && raw.stageFact !== null && raw.stageFact !== '')) {
      const sf = raw.stageFact;
      if (period !== 'stage') {
        this.err('payment.stageFact', '兑现方式', '只有按阶段兑现才需要指定阶段数据');
        ok = false;
      } else if (typeof sf !== 'string' || sf === '') {
        this.err('payment.stageFact', '兑现方式', '按阶段兑现需指定标明阶段的数据项(如 上市进程)');
        ok = false;
      } else if (this.idx) {
        const def = this.idx.facts.get(sf);
        if (!def) {
          this.err('payment.stageFact', '兑现方式', `未知的数据项"${sf}"`);
          ok = false;
        } else if (def.type !== 'text') {
          this.err('payment.stageFact', '兑现方式', `阶段数据项"${def.label}"应为文本类数据`);
          ok = false;
        } else out.stageFact = sf;
      } else out.stageFact = sf;
    }
    if (raw.exclusionGroup !== undefined && raw.exclusionGroup !== null && raw.exclusionGroup !== '') {
      const g = raw.exclusionGroup;
      if (typeof g !== 'string' || g.trim() === '' || g.length > 50) {
        this.err('payment.exclusionGroup', '兑现方式', '互斥组应为不超过50字的名称');
        ok = false;
      } else out.exclusionGroup = g.trim();
    }
    if (raw.instalments !== undefined && raw.instalments !== null) {
      const list = this.instalments(raw.instalments, period);
      if (list) out.instalments = list;
      else ok = false;
    }
    if (raw.perPerson !== undefined && raw.perPerson !== null) {
      const pp = raw.perPerson;
      if (!isObject(pp) || typeof pp.factKey !== 'string' || typeof pp.uniqueAcrossEnterprises !== 'boolean') {
        this.err('payment.perPerson', '按人计发', '应指定人数数据项和是否跨企业唯一');
        ok = false;
      } else if (this.idx && !this.idx.facts.has(pp.factKey)) {
        this.err('payment.perPerson.factKey', '按人计发', `未知的数据项"${pp.factKey}"`);
        ok = false;
      } else if (this.idx && this.idx.facts.get(pp.factKey)!.type !== 'number') {
        this.err('payment.perPerson.factKey', '按人计发', `人数数据项"${this.idx.facts.get(pp.factKey)!.label}"应为数值`);
        ok = false;
      } else out.perPerson = { factKey: pp.factKey, uniqueAcrossEnterprises: pp.uniqueAcrossEnterprises };
    }
    return ok ? out : null;
  }

  private instalments(raw: unknown, period: PaymentPeriod): Instalment[] | null {
    if (!Array.isArray(raw) || raw.length === 0) {
      this.err('payment.instalments', '分期兑现', '应为至少一期的列表');
      return null;
    }
    if (raw.length > RULE_LIMITS.maxInstalments) {
      this.err('payment.instalments', '分期兑现', `最多${RULE_LIMITS.maxInstalments}期`);
      return null;
    }
    if (period !== 'once' && period !== 'stage' && period !== 'year') {
      this.err('payment.period', '分期兑现', '分期兑现只适用于按年、一次性或按阶段兑现的政策');
    }
    const out: Instalment[] = [];
    let ok = true;
    let total = 0;
    raw.forEach((r, i) => {
      const path = `payment.instalments.${i}`;
      const part = `分期 ${i + 1}`;
      if (!isObject(r)) {
        this.err(path, part, '应包含名称、比例和年度');
        ok = false;
        return;
      }
      if (typeof r.label !== 'string' || r.label.trim() === '' || r.label.length > 50) {
        this.err(`${path}.label`, part, '请填写名称(如 第一年)');
        ok = false;
      }
      if (typeof r.sharePercent !== 'number' || !(r.sharePercent > 0) || r.sharePercent > 100) {
        this.err(`${path}.sharePercent`, part, '比例应大于0且不超过100');
        ok = false;
      } else total += r.sharePercent;
      if (typeof r.yearOffset !== 'number' || !Number.isInteger(r.yearOffset) || r.yearOffset < 0 || r.yearOffset > 10) {
        this.err(`${path}.yearOffset`, part, '年度应为0到10之间的整数(0为兑现当年)');
        ok = false;
      } else if (out.length > 0 && r.yearOffset <= out[out.length - 1].yearOffset) {
        this.err(`${path}.yearOffset`, part, '各期年度应逐期递增');
        ok = false;
      }
      let condition: Cond | null | undefined;
      if (r.condition !== undefined && r.condition !== null) {
        condition = this.cond(r.condition, `${path}.condition`, `${part} 条件`, 0);
        if (!condition) ok = false;
      }
      if (ok) {
        const inst: Instalment = { label: (r.label as string).trim(), sharePercent: r.sharePercent as number, yearOffset: r.yearOffset as number };
        if (condition) inst.condition = condition;
        out.push(inst);
      }
    });
    if (ok && Math.abs(total - 100) > 1e-9) {
      this.err('payment.instalments', '分期兑现', `各期比例合计应为100%,现为${round(total)}%`);
      ok = false;
    }
    return ok ? out : null;
  }

  private tick(path: string, part: string, depth: number): boolean {
    this.nodes++;
    if (depth > RULE_LIMITS.maxDepth) {
      this.err(path, part, `嵌套层数过多(最多${RULE_LIMITS.maxDepth}层)`);
      return false;
    }
    if (this.nodes === RULE_LIMITS.maxNodes + 1) {
      this.err(path, '规则', `规则过大(最多${RULE_LIMITS.maxNodes}个节点)`);
      return false;
    }
    return this.nodes <= RULE_LIMITS.maxNodes;
  }

  cond(raw: unknown, path: string, part: string, depth: number): Cond | null {
    if (!this.tick(path, part, depth)) return null;
    if (!isObject(raw)) {
      this.err(path, part, '缺少条件');
      return null;
    }
    switch (raw.op) {
      case 'all':
      case 'any': {
        const op = raw.op;
        if (!Array.isArray(raw.items) || raw.items.length === 0) {
          this.err(`${path}.items`, part, op === 'all' ? '"同时满足"的条件组不能为空' : '"满足其一"的条件组不能为空');
          return null;
        }
        if (raw.items.length > RULE_LIMITS.maxItems) {
          this.err(`${path}.items`, part, `一组最多${RULE_LIMITS.maxItems}个条件`);
          return null;
        }
        const prefix = part === '适用条件' ? '条件 ' : part.startsWith('条件 ') ? `${part}.` : `${part} 第`;
        const suffix = prefix.endsWith('第') ? '项' : '';
        const items: Cond[] = [];
        let ok = true;
        raw.items.forEach((item, i) => {
          const c = this.cond(item, `${path}.items.${i}`, `${prefix}${i + 1}${suffix}`, depth + 1);
          if (c) items.push(c);
          else ok = false;
        });
        return ok ? { op, items } : null;
      }
      case 'not': {
        const item = this.cond(raw.item, `${path}.item`, `${part}(取反)`, depth + 1);
        return item ? { op: 'not', item } : null;
      }
      case 'compare': {
        const cmp = raw.cmp as CompareOp;
        let ok = true;
        if (!COMPARE_OPS.includes(cmp)) {
          this.err(`${path}.cmp`, part, '比较符应为 ≥ > ≤ < = ≠ 之一');
          ok = false;
        }
        const left = raw.left === undefined || raw.left === null ? this.err(`${path}.left`, part, '比较的左侧缺少数值') : this.expr(raw.left, `${path}.left`, `${part} 左侧`, depth + 1);
        const right = raw.right === undefined || raw.right === null ? this.err(`${path}.right`, part, '比较的右侧缺少数值') : this.expr(raw.right, `${path}.right`, `${part} 右侧`, depth + 1);
        if (left !== INVALID && !compatible(left.type, 'number')) {
          this.err(`${path}.left`, part, `比较的左侧应为数值,而"${this.name(left.node)}"是${TYPE_LABELS[left.type]}${hintFor(left.type)}`);
          ok = false;
        }
        if (right !== INVALID && !compatible(right.type, 'number')) {
          this.err(`${path}.right`, part, `比较的右侧应为数值,而"${this.name(right.node)}"是${TYPE_LABELS[right.type]}${hintFor(right.type)}`);
          ok = false;
        }
        if (!ok || left === INVALID || right === INVALID) return null;
        return { op: 'compare', left: left.node, cmp, right: right.node };
      }
      case 'hasTag': {
        const tag = raw.tag;
        if (typeof tag !== 'string' || tag.trim() === '') {
          this.err(`${path}.tag`, part, '请选择标签');
          return null;
        }
        if (this.idx && this.idx.tags.size > 0 && !this.idx.tags.has(tag)) {
          this.err(`${path}.tag`, part, `未知的企业标签"${tag}"`);
          return null;
        }
        return { op: 'hasTag', tag };
      }
      case 'in': {
        const left = raw.left === undefined || raw.left === null ? this.err(`${path}.left`, part, '缺少要判断的数据项') : this.expr(raw.left, `${path}.left`, `${part} 左侧`, depth + 1);
        const values = this.textList(raw.values, `${path}.values`, part, '可选值');
        if (left === INVALID || !values) return null;
        if (!compatible(left.type, 'text')) {
          this.err(`${path}.left`, part, `"属于"只能用于文本数据,而"${this.name(left.node)}"是${TYPE_LABELS[left.type]}`);
          return null;
        }
        if (!this.checkOptions(left.node, values, `${path}.values`, part)) return null;
        return { op: 'in', left: left.node, values };
      }
      case 'startsWith': {
        const left = raw.left === undefined || raw.left === null ? this.err(`${path}.left`, part, '缺少要判断的数据项') : this.expr(raw.left, `${path}.left`, `${part} 左侧`, depth + 1);
        const prefix = raw.prefix;
        let ok = true;
        if (typeof prefix !== 'string' || prefix.trim() === '' || prefix.length > 20) {
          this.err(`${path}.prefix`, part, '请填写开头的代码(如 C 表示制造业)');
          ok = false;
        }
        if (left === INVALID || !ok) return null;
        if (!compatible(left.type, 'text')) {
          this.err(`${path}.left`, part, `"以…开头"只能用于文本数据,而"${this.name(left.node)}"是${TYPE_LABELS[left.type]}`);
          return null;
        }
        return { op: 'startsWith', left: left.node, prefix: (prefix as string).trim() };
      }
      case 'isTrue': {
        const value = raw.value === undefined || raw.value === null ? this.err(`${path}.value`, part, '缺少要判断的数据项') : this.expr(raw.value, `${path}.value`, part, depth + 1);
        if (value === INVALID) return null;
        if (!compatible(value.type, 'boolean')) {
          this.err(`${path}.value`, part, `"为是"只能用于是/否数据,而"${this.name(value.node)}"是${TYPE_LABELS[value.type]}`);
          return null;
        }
        return { op: 'isTrue', value: value.node };
      }
      case 'known': {
        const value = raw.value === undefined || raw.value === null ? this.err(`${path}.value`, part, '缺少要判断的数据项') : this.expr(raw.value, `${path}.value`, part, depth + 1);
        if (value === INVALID) return null;
        return { op: 'known', value: value.node };
      }
      default:
        this.err(`${path}.op`, part, raw.op === undefined ? '缺少条件类型' : `未知的条件类型"${String(raw.op)}"`);
        return null;
    }
  }

  private textList(raw: unknown, path: string, part: string, what: string): string[] | null {
    if (!Array.isArray(raw) || raw.length === 0) {
      this.err(path, part, `请至少选择一个${what}`);
      return null;
    }
    if (raw.length > RULE_LIMITS.maxListValues) {
      this.err(path, part, `${what}最多${RULE_LIMITS.maxListValues}个`);
      return null;
    }
    const out: string[] = [];
    for (let i = 0; i < raw.length; i++) {
      const v = raw[i];
      if (typeof v !== 'string' || v.trim() === '' || v.length > RULE_LIMITS.maxTextLength) {
        this.err(`${path}.${i}`, part, `第${i + 1}个${what}不能为空`);
        return null;
      }
      out.push(v.trim());
    }
    if (new Set(out).size !== out.length) {
      this.err(path, part, `${what}有重复`);
      return null;
    }
    return out;
  }

  private optionsOf(e: Expr): RuleOption[] | undefined {
    if (!this.idx) return undefined;
    if (e.op === 'field') return this.idx.fields.get(e.field)?.options;
    if (e.op === 'fact') return this.idx.facts.get(e.key)?.options;
    return undefined;
  }

  private checkOptions(e: Expr, values: string[], path: string, part: string): boolean {
    const options = this.optionsOf(e);
    if (!options) return true;
    const bad = values.filter((v) => !options.some((o) => o.value === v));
    if (bad.length > 0) {
      this.err(path, part, `"${bad.join('、')}"不是"${this.name(e)}"的可选值(可选:${options.map((o) => o.label).join('、')})`);
      return false;
    }
    return true;
  }

  private name(e: Expr): string {
    if (e.op === 'field') return this.idx?.fields.get(e.field)?.label ?? e.field;
    if (e.op === 'fact') return this.idx?.facts.get(e.key)?.label ?? e.key;
    if (e.op === 'param') return this.params.get(e.key)?.label ?? e.key;
    if (e.op === 'num') return String(e.value);
    return '表达式';
  }

  expr(raw: unknown, path: string, part: string, depth: number): Checked<Expr> {
    if (!this.tick(path, part, depth)) return INVALID;
    if (!isObject(raw)) return this.err(path, part, '缺少数值或公式');
    switch (raw.op) {
      case 'field': {
        const field = raw.field;
        if (typeof field !== 'string' || field === '') return this.err(`${path}.field`, part, '请选择企业信息项');
        if (!this.idx) return { node: { op: 'field', field }, type: 'any' };
        const def = this.idx.fields.get(field);
        if (!def) return this.err(`${path}.field`, part, `未知的企业信息项"${field}"`);
        return { node: { op: 'field', field }, type: def.type };
      }
      case 'fact': {
        const key = raw.key;
        const year = raw.year;
        if (typeof key !== 'string' || key === '') return this.err(`${path}.key`, part, '请选择数据项');
        if (typeof year !== 'number' || !Number.isInteger(year) || !((year <= 0 && year >= -RULE_LIMITS.maxYearsBack) || (year >= 1900 && year <= 2200))) {
          return this.err(`${path}.year`, part, `"${this.idx?.facts.get(key)?.label ?? key}"的年度应为 当年(0)、上一年(-1)等相对年度或 1900–2200 的年份`);
        }
        if (!this.idx) return { node: { op: 'fact', key, year }, type: 'any' };
        const def = this.idx.facts.get(key);
        if (!def) return this.err(`${path}.key`, part, `未知的数据项"${key}"`);
        return { node: { op: 'fact', key, year }, type: def.type };
      }
      case 'param': {
        const key = raw.key;
        if (typeof key !== 'string' || key === '') return this.err(`${path}.key`, part, '请选择参数');
        if (!this.declared.has(key)) return this.err(`${path}.key`, part, `未定义的参数"${key}"(请先在参数表中添加)`);
        return { node: { op: 'param', key }, type: 'number' };
      }
      case 'num': {
        const value = raw.value;
        if (typeof value !== 'number' || !Number.isFinite(value)) return this.err(`${path}.value`, part, '缺少数值');
        const entry = this.entry(raw.entry, `${path}.entry`, part);
        if (entry === INVALID) return INVALID;
        return { node: entry ? { op: 'num', value, entry } : { op: 'num', value }, type: 'number' };
      }
      case 'add':
      case 'sub':
      case 'mul':
      case 'div':
      case 'min':
      case 'max': {
        const op = raw.op as ArithmeticOp;
        const opName = ARITH_NAMES[op];
        if (!Array.isArray(raw.args)) return this.err(`${path}.args`, part, `${opName}缺少运算项`);
        const n = raw.args.length;
        if ((op === 'sub' || op === 'div') && n !== 2) return this.err(`${path}.args`, part, `${opName}需要正好两项`);
        if (n < 2) return this.err(`${path}.args`, part, `${opName}至少需要两项`);
        if (n > RULE_LIMITS.maxItems) return this.err(`${path}.args`, part, `${opName}最多${RULE_LIMITS.maxItems}项`);
        const args: Expr[] = [];
        let ok = true;
        raw.args.forEach((a, i) => {
          const c = this.expr(a, `${path}.args.${i}`, `${part}第${i + 1}项`, depth + 1);
          if (c === INVALID) ok = false;
          else if (!compatible(c.type, 'number')) {
            this.err(`${path}.args.${i}`, `${part}第${i + 1}项`, `${opName}只能用数值,而"${this.name(c.node)}"是${TYPE_LABELS[c.type]}`);
            ok = false;
          } else args.push(c.node);
        });
        if (!ok) return INVALID;
        if (op === 'div' && args[1].op === 'num' && args[1].value === 0) return this.err(`${path}.args.1`, `${part}第2项`, '除数不能为0');
        return { node: { op, args }, type: 'number' };
      }
      case 'percent': {
        const base = raw.base === undefined || raw.base === null ? this.err(`${path}.base`, part, '百分比缺少基数') : this.expr(raw.base, `${path}.base`, `${part}基数`, depth + 1);
        const rate = raw.rate === undefined || raw.rate === null ? this.err(`${path}.rate`, part, '百分比缺少比例') : this.expr(raw.rate, `${path}.rate`, `${part}比例`, depth + 1);
        if (base === INVALID || rate === INVALID) return INVALID;
        if (!compatible(base.type, 'number')) return this.err(`${path}.base`, part, `百分比的基数应为数值,而"${this.name(base.node)}"是${TYPE_LABELS[base.type]}`);
        if (!compatible(rate.type, 'number')) return this.err(`${path}.rate`, part, `百分比的比例应为数值,而"${this.name(rate.node)}"是${TYPE_LABELS[rate.type]}`);
        if (rate.node.op === 'num' && (rate.node.value < 0 || rate.node.value > 100)) {
          return this.err(`${path}.rate`, part, `百分比应在0到100之间(现为${rate.node.value})`);
        }
        if (rate.node.op === 'param') {
          const p = this.params.get(rate.node.key);
          if (p && p.unit !== 'percent') return this.err(`${path}.rate`, part, `比例参数"${p.label}"的单位应为百分比`);
        }
        return { node: { op: 'percent', base: base.node, rate: rate.node }, type: 'number' };
      }
      case 'tiers': {
        const input = raw.input === undefined || raw.input === null ? this.err(`${path}.input`, part, '分档缺少依据的数值') : this.expr(raw.input, `${path}.input`, `${part}分档依据`, depth + 1);
        if (input !== INVALID && !compatible(input.type, 'number')) {
          return this.err(`${path}.input`, part, `分档依据应为数值,而"${this.name(input.node)}"是${TYPE_LABELS[input.type]}`);
        }
        if (!Array.isArray(raw.tiers) || raw.tiers.length === 0) return this.err(`${path}.tiers`, part, '至少需要一档');
        if (raw.tiers.length > RULE_LIMITS.maxTiers) return this.err(`${path}.tiers`, part, `最多${RULE_LIMITS.maxTiers}档`);
        const tiers: Tier[] = [];
        let ok = input !== INVALID;
        let valueType: ValueType | null = null;
        raw.tiers.forEach((t, i) => {
          const tp = `${path}.tiers.${i}`;
          const tpart = `${part}第${i + 1}档`;
          if (!isObject(t)) {
            this.err(tp, tpart, '应包含区间和取值');
            ok = false;
            return;
          }
          const min = t.min === null ? undefined : t.min;
          const max = t.max === null ? undefined : t.max;
          if (min !== undefined && (typeof min !== 'number' || !Number.isFinite(min))) {
            this.err(`${tp}.min`, tpart, '下限应为数值');
            ok = false;
            return;
          }
          if (max !== undefined && (typeof max !== 'number' || !Number.isFinite(max))) {
            this.err(`${tp}.max`, tpart, '上限应为数值');
            ok = false;
            return;
          }
          if (min !== undefined && max !== undefined && (min as number) >= (max as number)) {
            this.err(tp, tpart, `下限${min}应小于上限${max}`);
            ok = false;
            return;
          }
          const value = t.value === undefined || t.value === null ? this.err(`${tp}.value`, tpart, '缺少取值') : this.expr(t.value, `${tp}.value`, `${tpart}取值`, depth + 1);
          if (value === INVALID) {
            ok = false;
            return;
          }
          if (valueType && !sameType(valueType, value.type)) {
            this.err(`${tp}.value`, tpart, `各档取值类型应一致(${TYPE_LABELS[valueType]})`);
            ok = false;
            return;
          }
          if (value.type !== 'any') valueType = value.type;
          const minEntry = this.entry(t.minEntry, `${tp}.minEntry`, tpart);
          const maxEntry = this.entry(t.maxEntry, `${tp}.maxEntry`, tpart);
          if (minEntry === INVALID || maxEntry === INVALID) {
            ok = false;
            return;
          }
          const tier: Tier = { value: value.node };
          if (min !== undefined) tier.min = min as number;
          if (max !== undefined) tier.max = max as number;
          if (min !== undefined && minEntry) tier.minEntry = minEntry;
          if (max !== undefined && maxEntry) tier.maxEntry = maxEntry;
          const prev = tiers[tiers.length - 1];
          if (prev) {
            if (prev.max === undefined || tier.min === undefined) {
              this.err(tp, tpart, `与第${i}档区间重叠(前一档无上限或本档无下限)`);
              ok = false;
              return;
            }
            if (tier.min < prev.max) {
              this.err(tp, tpart, `区间应从小到大排列且不重叠(本档下限${tier.min}小于第${i}档上限${prev.max})`);
              ok = false;
              return;
            }
          }
          tiers.push(tier);
        });
        let otherwise: Expr | undefined;
        if (raw.otherwise !== undefined && raw.otherwise !== null) {
          const o = this.expr(raw.otherwise, `${path}.otherwise`, `${part}其他情况`, depth + 1);
          if (o === INVALID) ok = false;
          else if (valueType && !sameType(valueType, o.type)) {
            this.err(`${path}.otherwise`, part, `其他情况的取值类型应与各档一致(${TYPE_LABELS[valueType]})`);
            ok = false;
          } else otherwise = o.node;
        }
        if (!ok || input === INVALID) return INVALID;
        const node: Expr = { op: 'tiers', input: input.node, tiers };
        if (otherwise) node.otherwise = otherwise;
        return { node, type: valueType ?? 'any' };
      }
      case 'if': {
        const when = this.cond(raw.when, `${path}.when`, `${part}(如果)`, depth + 1);
        const then = raw.then === undefined || raw.then === null ? this.err(`${path}.then`, part, '"如果…则"缺少"则"的取值') : this.expr(raw.then, `${path}.then`, `${part}(则)`, depth + 1);
        const els = raw.else === undefined || raw.else === null ? this.err(`${path}.else`, part, '"如果…则…否则"缺少"否则"的取值') : this.expr(raw.else, `${path}.else`, `${part}(否则)`, depth + 1);
        if (!when || then === INVALID || els === INVALID) return INVALID;
        if (!sameType(then.type, els.type)) return this.err(`${path}.else`, part, `"则"与"否则"的取值类型应一致`);
        return { node: { op: 'if', when, then: then.node, else: els.node }, type: then.type === 'any' ? els.type : then.type };
      }
      case 'choose': {
        const input = raw.input === undefined || raw.input === null ? this.err(`${path}.input`, part, '"按类别取值"缺少依据的数据项') : this.expr(raw.input, `${path}.input`, `${part}依据`, depth + 1);
        if (input !== INVALID && !compatible(input.type, 'text')) {
          return this.err(`${path}.input`, part, `"按类别取值"的依据应为文本数据,而"${this.name(input.node)}"是${TYPE_LABELS[input.type]}`);
        }
        if (!Array.isArray(raw.cases) || raw.cases.length === 0) return this.err(`${path}.cases`, part, '至少需要一种情况');
        if (raw.cases.length > RULE_LIMITS.maxTiers) return this.err(`${path}.cases`, part, `最多${RULE_LIMITS.maxTiers}种情况`);
        const cases: ChooseCase[] = [];
        const seen = new Set<string>();
        let ok = input !== INVALID;
        let valueType: ValueType | null = null;
        raw.cases.forEach((c, i) => {
          const cp = `${path}.cases.${i}`;
          const cpart = `${part}第${i + 1}种情况`;
          if (!isObject(c)) {
            this.err(cp, cpart, '应包含类别和取值');
            ok = false;
            return;
          }
          const values = this.textList(c.values, `${cp}.values`, cpart, '类别');
          const value = c.value === undefined || c.value === null ? this.err(`${cp}.value`, cpart, '缺少取值') : this.expr(c.value, `${cp}.value`, `${cpart}取值`, depth + 1);
          if (!values || value === INVALID) {
            ok = false;
            return;
          }
          if (input !== INVALID && !this.checkOptions(input.node, values, `${cp}.values`, cpart)) {
            ok = false;
            return;
          }
          const dup = values.filter((v) => seen.has(v));
          if (dup.length > 0) {
            this.err(`${cp}.values`, cpart, `类别"${dup.join('、')}"在前面的情况中已出现`);
            ok = false;
            return;
          }
          values.forEach((v) => seen.add(v));
          if (valueType && !sameType(valueType, value.type)) {
            this.err(`${cp}.value`, cpart, `各种情况的取值类型应一致(${TYPE_LABELS[valueType]})`);
            ok = false;
            return;
          }
          if (value.type !== 'any') valueType = value.type;
          cases.push({ values, value: value.node });
        });
        let otherwise: Expr | undefined;
        if (raw.otherwise !== undefined && raw.otherwise !== null) {
          const o = this.expr(raw.otherwise, `${path}.otherwise`, `${part}其他情况`, depth + 1);
          if (o === INVALID) ok = false;
          else if (valueType && !sameType(valueType, o.type)) {
            this.err(`${path}.otherwise`, part, `其他情况的取值类型应与各情况一致(${TYPE_LABELS[valueType]})`);
            ok = false;
          } else otherwise = o.node;
        }
        if (!ok || input === INVALID) return INVALID;
        const node: Expr = { op: 'choose', input: input.node, cases };
        if (otherwise) node.otherwise = otherwise;
        return { node, type: valueType ?? 'any' };
      }
      default:
        return this.err(`${path}.op`, part, raw.op === undefined ? '缺少公式类型' : `未知的公式类型"${String(raw.op)}"`);
    }
  }
}

const ARITH_NAMES: Record<ArithmeticOp, string> = {
  add: '加法',
  sub: '减法',
  mul: '乘法',
  div: '除法',
  min: '取较小值',
  max: '取较大值',
};

function compatible(actual: ValueType, wanted: ValueType): boolean {
  return actual === 'any' || actual === wanted;
}
function sameType(a: ValueType, b: ValueType): boolean {
  return a === 'any' || b === 'any' || a === b;
}
function hintFor(t: ValueType): string {
  if (t === 'text') return '(文本请用"属于"或"以…开头")';
  if (t === 'boolean') return '(是/否请用"为是")';
  if (t === 'tags') return '(标签请用"具有标签")';
  if (t === 'date') return '(日期请改用"成立年限")';
  return '';
}
function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * Checks a rule an officer built (any JSON) against a catalogue. Every problem is reported with
 * the part it is in ("条件 2.1:比较的右侧缺少数值"); on success the returned rule is a clean copy.
 */
export function validateRule(raw: unknown, catalogue: RuleCatalogue): RuleValidationResult {
  const checker = new RuleChecker(catalogue);
  const rule = checker.rule(raw);
  if (!rule || checker.errors.length > 0) return { ok: false, errors: checker.errors };
  return { ok: true, rule };
}

/** Shape-only check (no catalogue): field, fact and tag names are not looked up. */
export function validateRuleShape(raw: unknown): RuleValidationResult {
  const checker = new RuleChecker(null);
  const rule = checker.rule(raw);
  if (!rule || checker.errors.length > 0) return { ok: false, errors: checker.errors };
  return { ok: true, rule };
}

/**
 * zod schema of a policy rule's shape, with messages naming the part. It does not know the park's
 * catalogue: call `validateRule` with the catalogue before saving or publishing.
 */
export const ZPolicyRule = z.custom<PolicyRule>((v) => isObject(v), { error: '规则应为一个规则对象' }).transform((raw, ctx) => {
  const r = validateRuleShape(raw);
  if (!r.ok) {
    for (const e of r.errors) ctx.addIssue({ code: 'custom', message: e.message, path: e.path === '' ? [] : e.path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s)) });
    return z.NEVER;
  }
  return r.rule;
});

/** Part name of a condition path ("eligibility.items.1.items.0" → "条件 2.1"), for UIs. */
export function conditionPartName(path: string): string {
  const m = /^eligibility((?:\.items\.\d+)*)$/.exec(path);
  if (!m) return path;
  if (!m[1]) return '适用条件';
  return `条件 ${m[1].split('.items.').filter(Boolean).map((n) => Number(n) + 1).join('.')}`;
}
