import { DEFAULT_MONEY_ROUNDING, MONEY_ROUNDING_LABELS, formatYuan, roundMoney, type MoneyRounding } from '../money.js';
import { LATEST_FACT_LOOKBACK_YEARS, indexCatalogue, resolveFactYear, ymdOf, type CatalogueIndex } from './catalogue.js';
import { COMPARE_SYMBOLS, RuleDescriber, formatRuleMoney, formatRuleValue } from './describe.js';
import { paramEntryAt, paramValueAt } from './params.js';
import { walkCond, walkExpr, type RuleVisitor } from './refs.js';
import type {
  CompareOp,
  Cond,
  Expr,
  MatchingSubject,
  MissingItem,
  PolicyRule,
  RuleCatalogue,
  RuleEvaluation,
  RuleUnit,
  TraceNode,
  TraceValue,
} from './types.js';

type Outcome = 'true' | 'false' | 'unknown';
type Val = number | string | boolean | null | readonly string[];
type ExprResult = { value: Val; node: TraceNode; missing: MissingItem[] };
type CondResult = { outcome: Outcome; node: TraceNode; missing: MissingItem[] };

const MARK: Record<Outcome, string> = { true: '✓', false: '✗', unknown: '?(数据不全)' };

export function compareValues(a: number, cmp: CompareOp, b: number): boolean {
  switch (cmp) {
    case '>=':
      return a >= b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '<':
      return a < b;
    case '==':
      return a === b;
    case '!=':
      return a !== b;
  }
}

/** Tier selection: `min` inclusive, `max` exclusive. Returns the tier index or -1. */
export function tierIndex(tiers: readonly { min?: number; max?: number }[], x: number): number {
  for (let i = 0; i < tiers.length; i++) {
    const t = tiers[i];
    if ((t.min === undefined || x >= t.min) && (t.max === undefined || x < t.max)) return i;
  }
  return -1;
}

const missingKey = (m: MissingItem) => `${m.kind}:${m.key}:${m.year ?? ''}`;

/** Deduplicated, in the order the inputs first appear in the rule (the order `compileRule` reports too). */
function dedupeMissing(list: MissingItem[], ranks?: Map<string, number>): MissingItem[] {
  const seen = new Set<string>();
  const out: MissingItem[] = [];
  for (const m of list) {
    const k = missingKey(m);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(m);
    }
  }
  if (ranks) out.sort((a, b) => (ranks.get(missingKey(a)) ?? Infinity) - (ranks.get(missingKey(b)) ?? Infinity));
  return out;
}

/** Every input a rule can lack, numbered in rule order: eligibility, then amount, then cap. */
function inputRanks(rule: PolicyRule, asOfYear: number): Map<string, number> {
  const ranks = new Map<string, number>();
  const add = (k: string) => {
    if (!ranks.has(k)) ranks.set(k, ranks.size);
  };
  const visitor: RuleVisitor = {
    expr(e) {
      if (e.op === 'field') {
        if (e.field === 'scale_class') {
          add('field:headcount:');
          add('field:annual_revenue_fen:');
        } else if (e.field === 'age_years') add('field:founded_on:');
        else add(`field:${e.field}:`);
      } else if (e.op === 'fact') add(`fact:${e.key}:${resolveFactYear(e.year, asOfYear)}`);
      else if (e.op === 'param') add(`param:${e.key}:`);
    },
    // known() never reports a missing input; a date or tags read only there is no input
    cond: (c) => !(c.op === 'known' && c.value.op === 'field' && (c.value.field === 'founded_on' || c.value.field === 'tags')),
  };
  walkCond(rule.eligibility, visitor);
  walkExpr(rule.benefit.amount, visitor);
  if (rule.benefit.cap) walkExpr(rule.benefit.cap, visitor);
  return ranks;
}

/** The interpreter with a trace (the officer's "test on an enterprise"); the sweep uses `compileRule`. */
class TracingEvaluator {
  private idx: CatalogueIndex;
  private d: RuleDescriber;
  private asOfYear: number;
  private asOfYmd: number;
  private paramValues = new Map<string, number | null>();

  constructor(
    private rule: PolicyRule,
    private subject: MatchingSubject,
    private asOf: string,
    catalogue: RuleCatalogue,
  ) {
    this.idx = indexCatalogue(catalogue);
    this.d = new RuleDescriber(catalogue, rule.params);
    this.asOfYear = Number(asOf.slice(0, 4));
    this.asOfYmd = ymdOf(asOf) ?? 0;
    for (const p of rule.params) this.paramValues.set(p.key, paramValueAt(p, asOf));
  }

  private show(value: Val, unit: RuleUnit | undefined, e?: Expr): string {
    if (value === null) return '(未填报)';
    if (typeof value === 'number') return formatRuleValue(value, unit, { word: e ? this.d.countWordOf(e) : undefined });
    if (typeof value === 'boolean') return value ? '是' : '否';
    if (typeof value === 'string') return e ? this.d.optionLabel(e, value) : value;
    return value.length === 0 ? '(无)' : value.map((t) => this.d.tagLabel(t)).join('、');
  }

  private leafExpr(e: Expr, path: string, value: Val, missing: MissingItem[], name = this.d.refName(e)): ExprResult {
    const unit = this.d.unitOf(e);
    const text = value === null ? `${name}:未填报,需补充` : `${name} = ${this.show(value, unit, e)}`;
    return { value, missing, node: { op: e.op, path, text, value: value as TraceValue } };
  }

  expr(e: Expr, path: string): ExprResult {
    switch (e.op) {
      case 'field': {
        const value = this.fieldValue(e.field);
        const def = this.idx.fields.get(e.field);
        const missing: MissingItem[] = value === null ? this.fieldMissing(e.field, def?.label ?? e.field) : [];
        return this.leafExpr(e, path, value, missing);
      }
      case 'fact': {
        const def = this.idx.facts.get(e.key);
        const year = resolveFactYear(e.year, this.asOfYear);
        let value: Val = this.factValue(e.key, year, def?.period === 'latest');
        if (value !== null && def && typeof value !== (def.type === 'text' ? 'string' : def.type)) value = null;
        const missing: MissingItem[] = value === null ? [{ kind: 'fact', key: e.key, label: def?.label ?? e.key, year }] : [];
        const relative = e.year <= 0 && !(def?.period === 'latest' && e.year === 0);
        return this.leafExpr(e, path, value, missing, relative ? `${year}年${def?.label ?? e.key}` : undefined);
      }
      case 'param': {
        const p = this.rule.params.find((x) => x.key === e.key);
        const value = this.paramValues.get(e.key) ?? null;
        const label = p?.label ?? e.key;
        if (value === null) {
          const first = p ? [...p.values].sort((a, b) => (a.from < b.from ? -1 : 1))[0]?.from : undefined;
          return {
            value: null,
            missing: [{ kind: 'param', key: e.key, label }],
            node: { op: 'param', path, value: null, text: `${label}:${this.asOf}尚无生效的取值${first ? `(${first}起才有)` : ''}` },
          };
        }
        return { value, missing: [], node: { op: 'param', path, value, text: `${label} = ${formatRuleValue(value, p?.unit, { entry: p ? paramEntryAt(p, this.asOf) : undefined })}(${this.asOf}时有效)` } };
      }
      case 'num':
        return { value: e.value, missing: [], node: { op: 'num', path, value: e.value, text: formatRuleValue(e.value, undefined, { entry: e.entry }) } };
      case 'add':
      case 'sub':
      case 'mul':
      case 'div':
      case 'min':
      case 'max': {
        const parts = e.args.map((a, i) => this.expr(a, `${path}.args.${i}`));
        const nums = parts.map((p) => p.value);
        let value: number | null = null;
        if (nums.every((n) => typeof n === 'number')) {
          const xs = nums as number[];
          switch (e.op) {
            case 'add':
              value = xs.reduce((s, x) => s + x, 0);
              break;
            case 'sub':
              value = xs[0] - xs[1];
              break;
            case 'mul':
              value = xs.reduce((s, x) => s * x, 1);
              break;
            case 'div':
              value = xs[1] === 0 ? null : xs[0] / xs[1];
              break;
            case 'min':
              value = Math.min(...xs);
              break;
            case 'max':
              value = Math.max(...xs);
              break;
          }
          if (value !== null && !Number.isFinite(value)) value = null;
        }
        const missing = value === null ? parts.flatMap((p) => p.missing) : [];
        const divByZero = e.op === 'div' && value === null && nums.every((n) => typeof n === 'number');
        const text = `${this.d.expr(e)} = ${divByZero ? '无法计算(除数为0)' : value === null ? '未知' : this.show(value, this.d.unitOf(e))}`;
        return { value, missing, node: { op: e.op, path, value, text, children: parts.map((p) => p.node) } };
      }
      case 'percent': {
        const base = this.expr(e.base, `${path}.base`);
        const rate = this.expr(e.rate, `${path}.rate`);
        const value = typeof base.value === 'number' && typeof rate.value === 'number' ? (base.value * rate.value) / 100 : null;
        const missing = value === null ? [...base.missing, ...rate.missing] : [];
        const text =
          value === null
            ? `${this.d.expr(e)} = 未知`
            : `${this.show(base.value, this.d.unitOf(e.base))} × ${formatRuleValue(rate.value as number, 'percent')} = ${this.show(value, this.d.unitOf(e))}`;
        return { value, missing, node: { op: 'percent', path, value, text, children: [base.node, rate.node] } };
      }
      case 'tiers': {
        const input = this.expr(e.input, `${path}.input`);
        const inUnit = this.d.unitOf(e.input);
        const outUnit = this.d.unitOf(e);
        if (typeof input.value !== 'number') {
          return {
            value: null,
            missing: input.missing,
            node: { op: 'tiers', path, value: null, text: `按${this.d.refName(e.input)}分档:依据未知,无法确定档位`, children: [input.node] },
          };
        }
        const i = tierIndex(e.tiers, input.value);
        const chosen = i >= 0 ? e.tiers[i].value : e.otherwise;
        if (!chosen) {
          return {
            value: null,
            missing: [],
            node: {
              op: 'tiers',
              path,
              value: null,
              text: `按${this.d.refName(e.input)}分档:${this.show(input.value, inUnit, e.input)}不在任何一档内`,
              children: [input.node],
            },
          };
        }
        const v = this.expr(chosen, i >= 0 ? `${path}.tiers.${i}.value` : `${path}.otherwise`);
        const band = i >= 0 ? `第${i + 1}档(${this.d.tierRange(e.tiers[i], inUnit)})` : '其他情况';
        return {
          value: v.value,
          missing: v.value === null ? v.missing : [],
          node: {
            op: 'tiers',
            path,
            value: v.value as TraceValue,
            text: `按${this.d.refName(e.input)}分档:${this.show(input.value, inUnit, e.input)}属于${band},取${v.value === null ? '未知' : this.show(v.value, outUnit)}`,
            children: [input.node, v.node],
          },
        };
      }
      case 'if': {
        const when = this.cond(e.when, `${path}.when`);
        if (when.outcome === 'unknown') {
          return { value: null, missing: when.missing, node: { op: 'if', path, value: null, text: `${this.d.cond(e.when)}:未知,无法确定取值`, children: [when.node] } };
        }
        const branch = when.outcome === 'true' ? this.expr(e.then, `${path}.then`) : this.expr(e.else, `${path}.else`);
        return {
          value: branch.value,
          missing: branch.value === null ? branch.missing : [],
          node: {
            op: 'if',
            path,
            value: branch.value as TraceValue,
            text: `${this.d.cond(e.when)}${when.outcome === 'true' ? '成立' : '不成立'},取${branch.value === null ? '未知' : this.show(branch.value, this.d.unitOf(e))}`,
            children: [when.node, branch.node],
          },
        };
      }
      case 'choose': {
        const input = this.expr(e.input, `${path}.input`);
        if (typeof input.value !== 'string') {
          return {
            value: null,
            missing: input.missing,
            node: { op: 'choose', path, value: null, text: `按${this.d.refName(e.input)}取值:依据未知`, children: [input.node] },
          };
        }
        const s = input.value;
        const i = e.cases.findIndex((c) => c.values.includes(s));
        const chosen = i >= 0 ? e.cases[i].value : e.otherwise;
        const label = this.d.optionLabel(e.input, s);
        if (!chosen) {
          return {
            value: null,
            missing: [],
            node: { op: 'choose', path, value: null, text: `按${this.d.refName(e.input)}取值:“${label}”不在列出的情况中`, children: [input.node] },
          };
        }
        const v = this.expr(chosen, i >= 0 ? `${path}.cases.${i}.value` : `${path}.otherwise`);
        return {
          value: v.value,
          missing: v.value === null ? v.missing : [],
          node: {
            op: 'choose',
            path,
            value: v.value as TraceValue,
            text: `按${this.d.refName(e.input)}取值:${label},取${v.value === null ? '未知' : this.show(v.value, this.d.unitOf(e))}`,
            children: [input.node, v.node],
          },
        };
      }
    }
  }

  private fieldValue(field: string): Val {
    const f = this.subject.fields;
    switch (field) {
      case 'age_years':
        return f.founded_ymd === null ? null : Math.floor((this.asOfYmd - f.founded_ymd) / 10000);
      case 'tags':
        return f.tags;
      default: {
        const v = (f as unknown as Record<string, Val | undefined>)[field];
        return v === undefined ? null : v;
      }
    }
  }

  private fieldMissing(field: string, label: string): MissingItem[] {
    if (field === 'age_years') return [{ kind: 'field', key: 'founded_on', label: '成立日期' }];
    if (field === 'scale_class') {
      const out: MissingItem[] = [];
      if (this.subject.fields.headcount === null) out.push({ kind: 'field', key: 'headcount', label: '从业人数' });
      if (this.subject.fields.annual_revenue_fen === null) out.push({ kind: 'field', key: 'annual_revenue_fen', label: '年营业收入' });
      return out;
    }
    return [{ kind: 'field', key: field, label }];
  }

  private factValue(key: string, year: number, latest: boolean): Val {
    const s = this.subject;
    const exact = s.facts.get(`${key}@${year}`);
    if (exact !== undefined || !latest) return exact ?? null;
    const newest = s.factLatestYear.get(key);
    if (newest === undefined) return null;
    if (newest <= year) return s.facts.get(`${key}@${newest}`) ?? null;
    for (let y = year - 1; y >= year - LATEST_FACT_LOOKBACK_YEARS; y--) {
      const v = s.facts.get(`${key}@${y}`);
      if (v !== undefined) return v;
    }
    return null;
  }

  private side(e: Expr, r: ExprResult, unit: RuleUnit | undefined, word?: string): string {
    if (e.op === 'num') return formatRuleValue(e.value, unit, { entry: e.entry, word });
    const name = e.op === 'field' || e.op === 'fact' || e.op === 'param' ? this.d.refName(e) : `(${this.d.expr(e, unit)})`;
    return `${name} ${r.value === null ? '(未填报)' : this.show(r.value, unit, e)}`;
  }

  cond(c: Cond, path: string): CondResult {
    switch (c.op) {
      case 'all':
      case 'any': {
        const items = c.items.map((item, i) => this.cond(item, `${path}.items.${i}`));
        const decisive = c.op === 'all' ? 'false' : 'true';
        const outcome: Outcome = items.some((r) => r.outcome === decisive)
          ? decisive
          : items.some((r) => r.outcome === 'unknown')
            ? 'unknown'
            : c.op === 'all'
              ? 'true'
              : 'false';
        const missing = outcome === 'unknown' ? items.filter((r) => r.outcome === 'unknown').flatMap((r) => r.missing) : [];
        const counts = `${items.filter((r) => r.outcome === 'true').length}/${items.length}项满足`;
        const text = `${c.op === 'all' ? '同时满足以下条件' : '满足以下条件之一'}(${counts}) ${MARK[outcome]}`;
        return { outcome, missing, node: { op: c.op, path, text, value: outcome === 'unknown' ? null : outcome === 'true', outcome, children: items.map((r) => r.node) } };
      }
      case 'not': {
        const inner = this.cond(c.item, `${path}.item`);
        const outcome: Outcome = inner.outcome === 'unknown' ? 'unknown' : inner.outcome === 'true' ? 'false' : 'true';
        const text = `${this.d.cond(c)} ${MARK[outcome]}`;
        return { outcome, missing: inner.missing, node: { op: 'not', path, text, value: outcome === 'unknown' ? null : outcome === 'true', outcome, children: [inner.node] } };
      }
      case 'compare': {
        const l = this.expr(c.left, `${path}.left`);
        const r = this.expr(c.right, `${path}.right`);
        const unit = this.d.unitOf(c.left) ?? this.d.unitOf(c.right);
        let outcome: Outcome = 'unknown';
        if (typeof l.value === 'number' && typeof r.value === 'number') outcome = compareValues(l.value, c.cmp, r.value) ? 'true' : 'false';
        const missing = outcome === 'unknown' ? [...l.missing, ...r.missing] : [];
        const word = this.d.countWordOf(c.left) ?? this.d.countWordOf(c.right);
        const text = `${this.side(c.left, l, unit, word)} ${COMPARE_SYMBOLS[c.cmp]} ${this.side(c.right, r, unit, word)} ${MARK[outcome]}`;
        return { outcome, missing, node: this.condNode(c, path, text, outcome, [l.node, r.node]) };
      }
      case 'hasTag': {
        const has = this.subject.fields.tags.includes(c.tag);
        const outcome: Outcome = has ? 'true' : 'false';
        const text = `${has ? '' : '不'}属于${this.d.tagLabel(c.tag)} ${MARK[outcome]}`;
        return { outcome, missing: [], node: this.condNode(c, path, text, outcome) };
      }
      case 'in': {
        const l = this.expr(c.left, `${path}.left`);
        const outcome: Outcome = typeof l.value !== 'string' ? 'unknown' : c.values.includes(l.value) ? 'true' : 'false';
        const text = `${this.side(c.left, l, undefined)},要求为${c.values.map((v) => this.d.optionLabel(c.left, v)).join('或')} ${MARK[outcome]}`;
        return { outcome, missing: outcome === 'unknown' ? l.missing : [], node: this.condNode(c, path, text, outcome, [l.node]) };
      }
      case 'startsWith': {
        const l = this.expr(c.left, `${path}.left`);
        const outcome: Outcome = typeof l.value !== 'string' ? 'unknown' : l.value.startsWith(c.prefix) ? 'true' : 'false';
        const text = `${this.side(c.left, l, undefined)},要求${this.d.cond(c)} ${MARK[outcome]}`;
        return { outcome, missing: outcome === 'unknown' ? l.missing : [], node: this.condNode(c, path, text, outcome, [l.node]) };
      }
      case 'isTrue': {
        const v = this.expr(c.value, `${path}.value`);
        const outcome: Outcome = typeof v.value !== 'boolean' ? 'unknown' : v.value ? 'true' : 'false';
        const text = `${this.d.refName(c.value)}:${v.value === null ? '(未填报)' : v.value === true ? '是' : '否'} ${MARK[outcome]}`;
        return { outcome, missing: outcome === 'unknown' ? v.missing : [], node: this.condNode(c, path, text, outcome, [v.node]) };
      }
      case 'known': {
        const v = this.expr(c.value, `${path}.value`);
        const outcome: Outcome = v.value === null ? 'false' : 'true';
        const text = `${this.d.cond(c)}:${v.value === null ? '未填报' : '已填报'} ${MARK[outcome]}`;
        return { outcome, missing: [], node: this.condNode(c, path, text, outcome, [v.node]) };
      }
    }
  }

  private condNode(c: Cond, path: string, text: string, outcome: Outcome, children?: TraceNode[]): TraceNode {
    const node: TraceNode = { op: c.op, path, text, value: outcome === 'unknown' ? null : outcome === 'true', outcome };
    if (children) node.children = children;
    return node;
  }

  run(): RuleEvaluation {
    const elig = this.cond(this.rule.eligibility, 'eligibility');
    const reasons: string[] = [];
    collectReasons(elig.node, reasons);
    const trace: TraceNode[] = [elig.node];
    let amount: ExprResult | null = null;
    let cap: ExprResult | null = null;
    // The amount is worked out unless the firm is clearly out: an unknown firm learns everything to supply.
    const rounding = this.rule.benefit.rounding ?? DEFAULT_MONEY_ROUNDING;
    // the working keeps a formula's fraction of a fen; the line ends with the fen paid, rounded by roundMoney
    const rounded = (text: string, value: Val): string =>
      typeof value === 'number' && roundMoney(value, rounding) !== value ? `${text},${MONEY_ROUNDING_LABELS[rounding]}为${formatYuan(roundMoney(value, rounding))}` : text;
    if (elig.outcome !== 'false') {
      amount = this.expr(this.rule.benefit.amount, 'benefit.amount');
      trace.push({ ...amount.node, text: `金额:${rounded(amount.node.text, amount.value)}` });
      if (this.rule.benefit.cap) {
        cap = this.expr(this.rule.benefit.cap, 'benefit.cap');
        // A cap is money (fen): a bare number reads as an amount, a formula keeps its working.
        const capText = this.rule.benefit.cap.op === 'num' && typeof cap.value === 'number' ? formatRuleMoney(cap.value) : cap.node.text;
        trace.push({ ...cap.node, text: `上限:${rounded(capText, cap.value)}` });
      }
    }
    const amountValue = amount && typeof amount.value === 'number' ? amount.value : null;
    const capValue = cap ? (typeof cap.value === 'number' ? cap.value : null) : undefined;
    const uncapped = amountValue === null ? null : roundMoney(amountValue, rounding);
    const capFen = capValue === undefined || capValue === null ? null : roundMoney(capValue, rounding);
    const amountKnown = uncapped !== null && capValue !== null;
    const finalFen = amountKnown ? (capFen !== null ? Math.min(uncapped!, capFen) : uncapped!) : null;

    if (elig.outcome === 'false') {
      reasons.push('不符合适用条件');
      return { status: 'ineligible', amountFen: null, uncappedAmountFen: null, capFen: null, missing: [], reasons, trace };
    }
    if (amountKnown) {
      const roundedNote = amountValue !== uncapped ? `(${MONEY_ROUNDING_LABELS[rounding]})` : '';
      reasons.push(`金额:${this.d.expr(this.rule.benefit.amount, 'fen')} = ${formatYuan(uncapped!)}${roundedNote}`);
      if (capFen !== null) reasons.push(uncapped! > capFen ? `超过上限${formatRuleMoney(capFen)},按上限兑现` : `未超过上限${formatRuleMoney(capFen)}`);
    } else {
      reasons.push('金额:所需数据不全,暂无法计算');
    }
    const amountMissing = amountKnown ? [] : [...(amount?.missing ?? []), ...(cap && capValue === null ? cap.missing : [])];
    if (elig.outcome === 'unknown' || !amountKnown) {
      const missing = dedupeMissing([...elig.missing, ...amountMissing], inputRanks(this.rule, this.asOfYear));
      if (missing.length > 0) reasons.push(`需补充:${missing.map(missingText).join('、')}`);
      return { status: 'unknown', amountFen: null, uncappedAmountFen: uncapped, capFen, missing, reasons, trace };
    }
    if (finalFen! <= 0) {
      reasons.push('按规则计算的金额为0元,无可兑现金额');
      return { status: 'ineligible', amountFen: null, uncappedAmountFen: uncapped, capFen, missing: [], reasons, trace };
    }
    reasons.push(`符合条件,可兑现${formatYuan(finalFen!)}`);
    return { status: 'eligible', amountFen: finalFen, uncappedAmountFen: uncapped, capFen, missing: [], reasons, trace };
  }
}

export function missingText(m: MissingItem): string {
  if (m.kind === 'fact') return `${m.year !== undefined ? `${m.year}年` : ''}${m.label}`;
  if (m.kind === 'param') return `参数“${m.label}”在该日期的取值`;
  return m.label;
}

/** Leaf conditions' sentences, in rule order (a negated leaf reads as one sentence). */
function collectReasons(node: TraceNode, out: string[]): void {
  if ((node.op === 'all' || node.op === 'any') && node.children) {
    for (const c of node.children) collectReasons(c, out);
    return;
  }
  out.push(node.text);
}

/**
 * Evaluates a (validated) rule for one enterprise at a date, with the trace an officer reads:
 * which conditions held, what was missing, how the amount was computed.
 */
export function evaluateRule(rule: PolicyRule, subject: MatchingSubject, asOf: string, catalogue: RuleCatalogue): RuleEvaluation {
  return new TracingEvaluator(rule, subject, asOf, catalogue).run();
}

/**
 * One instalment's share of a total: the total × share rounded by the rule's money rounding, never
 * more than the total (the last instalment takes the remainder, so the shares add up).
 */
export function instalmentShare(totalFen: number, sharePercent: number, rounding: MoneyRounding | undefined): number {
  return Math.min(totalFen, roundMoney((totalFen * sharePercent) / 100, rounding ?? DEFAULT_MONEY_ROUNDING));
}

export type InstalmentPlanItem = {
  label: string;
  sharePercent: number;
  yearOffset: number;
  /** Calendar year of the instalment. */
  year: number;
  amountFen: number;
  /** payable: condition met (or none); withheld: condition not met that year (不予兑现); unknown: data missing; future: not yet due. */
  status: 'payable' | 'withheld' | 'unknown' | 'future';
  reasons: string[];
  missing: MissingItem[];
};

/**
 * The instalments of a granted amount (`payment.instalments`, or one instalment of 100%), each
 * with its condition checked in its own year (relative fact years count from that year). Amounts
 * are rounded by the rule's money rounding (`instalmentShare`) and the last instalment takes the remainder, so they add up to the total.
 * Instalments of a year after `today`'s year are 'future'.
 */
export function planInstalments(
  rule: PolicyRule,
  subject: MatchingSubject,
  grantDate: string,
  totalFen: number,
  catalogue: RuleCatalogue,
  today: string,
): InstalmentPlanItem[] {
  const list = rule.payment.instalments ?? [{ label: '一次性兑现', sharePercent: 100, yearOffset: 0 }];
  const grantYear = Number(grantDate.slice(0, 4));
  const monthDay = grantDate.slice(4) === '-02-29' ? '-02-28' : grantDate.slice(4);
  const todayYear = Number(today.slice(0, 4));
  let allocated = 0;
  return list.map((inst, i) => {
    const amountFen = i === list.length - 1 ? totalFen - allocated : Math.min(instalmentShare(totalFen, inst.sharePercent, rule.benefit.rounding), totalFen - allocated);
    allocated += amountFen;
    const year = grantYear + inst.yearOffset;
    const base = { label: inst.label, sharePercent: inst.sharePercent, yearOffset: inst.yearOffset, year, amountFen };
    if (year > todayYear) return { ...base, status: 'future' as const, reasons: [`${year}年兑现`], missing: [] };
    if (!inst.condition) return { ...base, status: 'payable' as const, reasons: [], missing: [] };
    const ev = new TracingEvaluator(rule, subject, `${year}${monthDay}`, catalogue);
    const r = ev.cond(inst.condition, `payment.instalments.${i}.condition`);
    const reasons: string[] = [];
    collectReasons(r.node, reasons);
    if (r.outcome === 'true') return { ...base, status: 'payable' as const, reasons, missing: [] };
    if (r.outcome === 'false') return { ...base, status: 'withheld' as const, reasons: [...reasons, `${year}年不满足兑现条件,本期不予兑现`], missing: [] };
    return { ...base, status: 'unknown' as const, reasons, missing: dedupeMissing(r.missing) };
  });
}
