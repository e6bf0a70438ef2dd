import type { Cond, Expr, PolicyRule, RuleParam, RuleUnit } from '@yuanqi/contract';

/**
 * A rule under construction may hold empty slots (a number not typed yet, a field not chosen).
 * They are kept as incomplete nodes, so validateRule names each missing part, and the server
 * stores a draft as it is.
 */
export const emptyNum = (): Expr => ({ op: 'num' }) as unknown as Expr;
export const emptyField = (): Expr => ({ op: 'field', field: '' }) as Expr;
export const emptyFact = (): Expr => ({ op: 'fact', key: '', year: 0 }) as Expr;
export const emptyParam = (): Expr => ({ op: 'param', key: '' }) as Expr;
export const emptyLeafCond = (): Cond => ({ op: 'compare', left: emptyFact(), cmp: '>=', right: emptyNum() });

export function emptyRule(): PolicyRule {
  return { version: 1, params: [], eligibility: { op: 'all', items: [emptyLeafCond()] }, benefit: { amount: emptyNum() }, payment: { period: 'year' } };
}

const hundred = (e: Expr | undefined) => !!e && e.op === 'num' && e.value === 100;
function same(a: Expr | undefined, b: Expr | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** a ÷ b × 100: "a占b的比例(%)". */
export function ratioParts(e: Expr | undefined): { a: Expr; b: Expr } | null {
  if (!e || e.op !== 'mul' || !Array.isArray(e.args) || e.args.length !== 2 || !hundred(e.args[1])) return null;
  const d = e.args[0];
  if (!d || d.op !== 'div' || !Array.isArray(d.args) || d.args.length !== 2) return null;
  if (growthParts(e)) return null;
  return { a: d.args[0]!, b: d.args[1]! };
}

/** (a − b) ÷ b × 100: "a比b的增长率(%)". */
export function growthParts(e: Expr | undefined): { a: Expr; b: Expr } | null {
  if (!e || e.op !== 'mul' || !Array.isArray(e.args) || e.args.length !== 2 || !hundred(e.args[1])) return null;
  const d = e.args[0];
  if (!d || d.op !== 'div' || !Array.isArray(d.args) || d.args.length !== 2) return null;
  const s = d.args[0];
  if (!s || s.op !== 'sub' || !Array.isArray(s.args) || s.args.length !== 2 || !same(s.args[1], d.args[1])) return null;
  return { a: s.args[0]!, b: d.args[1]! };
}

export const makeRatio = (a: Expr, b: Expr): Expr => ({ op: 'mul', args: [{ op: 'div', args: [a, b] }, { op: 'num', value: 100 }] });
export const makeGrowth = (a: Expr, b: Expr): Expr => ({ op: 'mul', args: [{ op: 'div', args: [{ op: 'sub', args: [a, b] }, b] }, { op: 'num', value: 100 }] });

export type ExprKind =
  | 'num'
  | 'param'
  | 'field'
  | 'fact'
  | 'add'
  | 'sub'
  | 'mul'
  | 'div'
  | 'min'
  | 'max'
  | 'percent'
  | 'ratio'
  | 'growth'
  | 'tiers'
  | 'if'
  | 'choose';

export function exprKind(e: Expr | undefined): ExprKind {
  if (!e || typeof e !== 'object') return 'num';
  if (growthParts(e)) return 'growth';
  if (ratioParts(e)) return 'ratio';
  return e.op as ExprKind;
}

export const KIND_LABELS: Record<ExprKind, string> = {
  num: '数值',
  param: '参数',
  field: '企业信息',
  fact: '填报数据',
  add: '相加',
  sub: '相减',
  mul: '相乘',
  div: '相除',
  min: '取较小值(封顶)',
  max: '取较大值(保底)',
  percent: '按百分比',
  ratio: '两项之比(%)',
  growth: '增长率(%)',
  tiers: '分档取值',
  if: '如果…则…否则',
  choose: '按类别取值',
};

export const LEAF_KINDS: ExprKind[] = ['num', 'param', 'field', 'fact'];
export const FORMULA_KINDS: ExprKind[] = ['add', 'sub', 'mul', 'div', 'min', 'max', 'percent', 'ratio', 'growth', 'tiers', 'if', 'choose'];

function isFilled(e: Expr | undefined): e is Expr {
  if (!e) return false;
  if (e.op === 'num') return typeof e.value === 'number';
  if (e.op === 'field') return !!e.field;
  if (e.op === 'fact') return !!e.key;
  if (e.op === 'param') return !!e.key;
  return true;
}

/**
 * A node of the chosen kind. Switching a filled value to a formula keeps it as the formula's
 * first part ("120人" → "120人 × …"), so an officer builds outward without retyping.
 */
export function makeExpr(kind: ExprKind, current: Expr | undefined): Expr {
  const keep = isFilled(current) ? current : undefined;
  switch (kind) {
    case 'num':
      return emptyNum();
    case 'param':
      return emptyParam();
    case 'field':
      return emptyField();
    case 'fact':
      return emptyFact();
    case 'add':
    case 'mul':
    case 'min':
    case 'max':
    case 'sub':
    case 'div':
      return { op: kind, args: [keep ?? emptyFact(), emptyNum()] };
    case 'percent':
      return { op: 'percent', base: keep ?? emptyFact(), rate: emptyNum() };
    case 'ratio':
      return makeRatio(keep ?? emptyFact(), emptyFact());
    case 'growth':
      return makeGrowth(keep ?? emptyFact(), emptyFact());
    case 'tiers':
      return { op: 'tiers', input: keep ?? emptyFact(), tiers: [{ value: emptyNum() }] };
    case 'if':
      return { op: 'if', when: emptyLeafCond(), then: keep ?? emptyNum(), else: emptyNum() };
    case 'choose':
      return { op: 'choose', input: emptyField(), cases: [{ values: [], value: keep ?? emptyNum() }] };
  }
}

export function nextParamKey(params: RuleParam[], base = 'p'): string {
  const keys = new Set(params.map((p) => p.key));
  for (let i = 1; ; i++) {
    const k = `${base}${i}`;
    if (!keys.has(k)) return k;
  }
}

export function newParam(params: RuleParam[], label: string, unit: RuleUnit, from: string): RuleParam {
  return { key: nextParamKey(params), label, unit, values: [{ from, value: undefined as unknown as number }] };
}

/** Every parameter key a rule refers to. */
export function paramRefs(rule: PolicyRule): Set<string> {
  const out = new Set<string>();
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      if (o.op === 'param' && typeof o.key === 'string') out.add(o.key);
      for (const [k, v] of Object.entries(o)) if (k !== 'params') walk(v);
    }
  };
  walk({ eligibility: rule.eligibility, benefit: rule.benefit, payment: rule.payment });
  return out;
}

/** The eligibility root as a group the builder shows (a lone condition is wrapped: same meaning). */
export function asGroup(c: Cond | undefined): Cond {
  if (!c) return { op: 'all', items: [emptyLeafCond()] };
  if (c.op === 'all' || c.op === 'any') return c;
  if (c.op === 'not' && (c.item.op === 'all' || c.item.op === 'any')) return c;
  return { op: 'all', items: [c] };
}
