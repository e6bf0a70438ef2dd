import type { MoneyRounding } from '../money.js';
/**
 * Policy rules as data (政策规则): the types every side shares.
 *
 * A rule is plain JSON that a policy officer builds in the UI. It is never executed as code:
 * `validateRule` checks it against a field/fact catalogue, `evaluateRule` interprets it with a
 * trace, `compileRule` turns it into closures for the matching sweep, `describeRule` reads it back
 * in plain Chinese. See docs/POLICY-RULES.md.
 */

/** Units a parameter or a fact can carry. Money is always integer fen. */
export type RuleUnit = 'fen' | 'percent' | 'count' | 'number' | 'months';
export const RULE_UNITS: readonly RuleUnit[] = ['fen', 'percent', 'count', 'number', 'months'];
export const RULE_UNIT_LABELS: Record<RuleUnit, string> = {
  fen: '金额(元)',
  percent: '百分比(%)',
  count: '人数/个数',
  number: '数值',
  months: '月数',
};

/**
 * The unit an officer typed a money amount in (元 or 万元). The amount itself is always integer
 * fen, computed once when it is typed; the unit is kept so that the builder shows the number the
 * officer typed and the read-back says "2,000万元" — switching the unit never rescales silently.
 */
export type MoneyEntryUnit = 'yuan' | 'wan';
export const MONEY_ENTRY_UNITS: readonly MoneyEntryUnit[] = ['yuan', 'wan'];
export const MONEY_ENTRY_UNIT_LABELS: Record<MoneyEntryUnit, string> = { yuan: '元', wan: '万元' };

/** One value of a dated parameter: in force from `from` (inclusive) until the next value's `from`. */
export type RuleParamValue = { from: string; value: number; entry?: MoneyEntryUnit };

/** A dated parameter (OpenFisca-style): the value in force at the as-of date is used. */
export type RuleParam = {
  key: string;
  label: string;
  unit: RuleUnit;
  values: RuleParamValue[];
};

export type ArithmeticOp = 'add' | 'sub' | 'mul' | 'div' | 'min' | 'max';
export const ARITHMETIC_OPS: readonly ArithmeticOp[] = ['add', 'sub', 'mul', 'div', 'min', 'max'];

/** Tier bounds: `min` inclusive, `max` exclusive; a missing bound is open. Money bounds keep the unit typed. */
export type Tier = { min?: number; max?: number; value: Expr; minEntry?: MoneyEntryUnit; maxEntry?: MoneyEntryUnit };

/** A case of `choose`: when the (text) input is one of `values`, the result is `value`. */
export type ChooseCase = { values: string[]; value: Expr };

export type Expr =
  | { op: 'field'; field: string }
  /** Reported yearly data. year ≤ 0: relative to the as-of year (0 this year, -1 last year); ≥ 1900: absolute. */
  | { op: 'fact'; key: string; year: number }
  | { op: 'param'; key: string }
  /** A constant; money in fen, with the unit the officer typed it in (`entry`). */
  | { op: 'num'; value: number; entry?: MoneyEntryUnit }
  | { op: ArithmeticOp; args: Expr[] }
  /** base × rate / 100 */
  | { op: 'percent'; base: Expr; rate: Expr }
  | { op: 'tiers'; input: Expr; tiers: Tier[]; otherwise?: Expr }
  | { op: 'if'; when: Cond; then: Expr; else: Expr }
  /** Pick by a text value (a size class, a listing stage…); no case and no `otherwise` → not applicable (false/0 is not implied). */
  | { op: 'choose'; input: Expr; cases: ChooseCase[]; otherwise?: Expr };

export type CompareOp = '>=' | '>' | '<=' | '<' | '==' | '!=';
export const COMPARE_OPS: readonly CompareOp[] = ['>=', '>', '<=', '<', '==', '!='];

export type Cond =
  | { op: 'all' | 'any'; items: Cond[] }
  | { op: 'not'; item: Cond }
  | { op: 'compare'; left: Expr; cmp: CompareOp; right: Expr }
  | { op: 'hasTag'; tag: string }
  | { op: 'in'; left: Expr; values: string[] }
  /** Text prefix, e.g. industry code 'C' (制造业) or 'C39'. */
  | { op: 'startsWith'; left: Expr; prefix: string }
  | { op: 'isTrue'; value: Expr }
  /** True when the value is known (reported); never unknown itself. */
  | { op: 'known'; value: Expr };

export type Benefit = {
  /** Amount in fen. */
  amount: Expr;
  /** Upper limit in fen per enterprise and period. */
  cap?: Expr;
  /** How the amount is counted, shown to people (e.g. "按人计发"). */
  unitLabel?: string;
  /** How the computed amount becomes whole fen; absent → 四舍五入到分 (see `roundMoney`). */
  rounding?: MoneyRounding;
};

export type PaymentPeriod = 'year' | 'half-year' | 'quarter' | 'month' | 'once' | 'stage';
export const PAYMENT_PERIODS: readonly PaymentPeriod[] = ['year', 'half-year', 'quarter', 'month', 'once', 'stage'];
export const PAYMENT_PERIOD_LABELS: Record<PaymentPeriod, string> = {
  year: '每年兑现一次',
  'half-year': '每半年兑现一次',
  quarter: '每季度兑现一次',
  month: '每月兑现一次',
  once: '每家企业仅兑现一次',
  stage: '每个阶段仅兑现一次',
};

export type Instalment = {
  label: string;
  /** Share of the total amount, 0–100; the shares of a rule add up to 100. */
  sharePercent: number;
  /** Years after the grant year (0 = the grant year). */
  yearOffset: number;
  /** Checked in the instalment's own year (facts with relative years count from that year). */
  condition?: Cond;
};

export type PaymentTerms = {
  period: PaymentPeriod;
  /** For 'stage': the text fact naming the stage reached (e.g. listing_stage); one payment per stage ever. */
  stageFact?: string;
  /** Mutually exclusive policies share a group: one of them is paid per enterprise and period. */
  exclusionGroup?: string;
  /** Payment spread over years, e.g. 100k/50k/50k over 3 years, nothing in a year with zero tax. */
  instalments?: Instalment[];
  /** Per-person amounts where a person counts for one firm only (enforced by the payout side). */
  perPerson?: { factKey: string; uniqueAcrossEnterprises: boolean };
};

export type PolicyRule = {
  version: 1;
  params: RuleParam[];
  eligibility: Cond;
  benefit: Benefit;
  payment: PaymentTerms;
};

// ------------------------------------------------------------------------------------------
// Catalogue: what a rule may refer to
// ------------------------------------------------------------------------------------------

export type RuleValueType = 'number' | 'boolean' | 'text' | 'date' | 'tags';

export type RuleOption = { value: string; label: string };

/** A registry attribute of the enterprise (the `enterprises` table, plus derived ones). */
export type RuleFieldDefinition = {
  key: string;
  label: string;
  type: RuleValueType;
  unit?: RuleUnit;
  /** What a count counts, read back after the number ("人" when absent). */
  countWord?: string;
  options?: RuleOption[];
  description?: string;
};

/**
 * Reported data per enterprise and year (`enterprise_facts`). `period: 'latest'` facts are a
 * state (a listing stage, a credit flag): the most recent value of a year ≤ the year asked is used.
 */
export type RuleFactDefinition = {
  key: string;
  label: string;
  type: 'number' | 'boolean' | 'text';
  unit?: RuleUnit;
  /** What a count counts, read back after the number: 件 for patents ("人" when absent). */
  countWord?: string;
  period?: 'year' | 'latest';
  options?: RuleOption[];
  description?: string;
};

export type RuleCatalogue = {
  fields: RuleFieldDefinition[];
  facts: RuleFactDefinition[];
  /** Labels of tag codes (for plain-Chinese text); unknown codes are shown as they are. */
  tags?: RuleOption[];
  /** Labels of chain codes. */
  chains?: RuleOption[];
};

// ------------------------------------------------------------------------------------------
// Subjects and results
// ------------------------------------------------------------------------------------------

export type ScaleClass = 'large' | 'medium' | 'small' | 'micro';
export const SCALE_CLASS_LABELS: Record<ScaleClass, string> = {
  large: '大型',
  medium: '中型',
  small: '小型',
  micro: '微型',
};

/** Registry attributes of a subject. `null` = not recorded (→ unknown). */
export type SubjectFields = {
  is_above_scale: boolean | null;
  /** Derived from headcount and revenue (see `scaleClassOf`). */
  scale_class: ScaleClass | null;
  chain: string | null;
  industry_code: string | null;
  headcount: number | null;
  annual_revenue_fen: number | null;
  registered_capital_fen: number | null;
  /** 'YYYY-MM-DD' */
  founded_on: string | null;
  /** founded_on as the integer YYYYMMDD (age in whole years = ⌊(asOf − founded) / 10000⌋). */
  founded_ymd: number | null;
  tags: readonly string[];
};

export type FactValue = number | string | boolean;

/**
 * What rules are evaluated on. `facts` is keyed `${key}@${year}` (see `factKey`): a rule's fact
 * references resolve to constant keys once the as-of date is known, so a lookup is one Map.get
 * with an interned string. `factLatestYear` holds, per fact key, the most recent year reported
 * (used for `period: 'latest'` facts).
 */
export type MatchingSubject = {
  enterpriseId: string;
  fields: SubjectFields;
  facts: Map<string, FactValue>;
  factLatestYear: Map<string, number>;
};

export type RuleStatus = 'eligible' | 'ineligible' | 'unknown';
export const RULE_STATUS_LABELS: Record<RuleStatus, string> = {
  eligible: '符合',
  ineligible: '不符合',
  unknown: '待补充数据',
};

/** A value the rule needed but the enterprise (or the rule, for a param before its first date) lacks. */
export type MissingItem = { kind: 'field' | 'fact' | 'param'; key: string; label: string; year?: number };

export type TraceValue = number | string | boolean | null | readonly string[];

/** One node of the evaluation tree: what was computed, its value, and a Chinese sentence. */
export type TraceNode = {
  op: string;
  /** Path of the node in the rule (e.g. "eligibility.items.1"). */
  path: string;
  text: string;
  value: TraceValue;
  /** For conditions: the three-valued outcome. */
  outcome?: 'true' | 'false' | 'unknown';
  children?: TraceNode[];
};

export type RuleEvaluation = {
  /** eligible only when the conditions hold AND the amount can be computed and is above 0. */
  status: RuleStatus;
  /** Integer fen, rounded down, cap applied; null unless eligible. */
  amountFen: number | null;
  /** The amount before the cap (null when unknown). */
  uncappedAmountFen: number | null;
  capFen: number | null;
  missing: MissingItem[];
  /** Chinese lines, e.g. "从业人数 120 ≥ 100 ✓". */
  reasons: string[];
  trace: TraceNode[];
};

export type RuleValidationError = { path: string; message: string };
export type RuleValidationResult = { ok: true; rule: PolicyRule } | { ok: false; errors: RuleValidationError[] };
