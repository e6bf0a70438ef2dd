import { z } from 'zod';
import { ZDate } from './common.js';

/**
 * 金融服务 (SPEC §2.6): what the finance sub-domains share — the institutions, the data a firm may
 * share with one of them, and the dated parameters. Each sub-domain has its own file:
 * finance-market.ts (products, needs, answers), finance-bridge.ts (应急转贷), finance-copper.ts
 * (存铜融), finance-events.ts (融资对接会), finance-credit.ts (信用画像).
 */

/** Kinds of financial institution 金融机构 (the `banks` table holds them all). */
export const INSTITUTION_KINDS = ['bank', 'guarantee', 'insurance', 'microloan', 'securities', 'leasing', 'trust', 'fund', 'other'] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];
export const INSTITUTION_KIND_LABELS: Record<InstitutionKind, string> = {
  bank: '银行',
  guarantee: '融资担保',
  insurance: '保险',
  microloan: '小额贷款',
  securities: '证券',
  leasing: '融资租赁',
  trust: '信托',
  fund: '基金/投资',
  other: '其他',
};

/** What of its data a firm may let one institution see (数据授权), besides the need it sent. */
export const CONSENT_SCOPES = ['registry', 'monthly', 'credit'] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];
export const CONSENT_SCOPE_LABELS: Record<ConsentScope, string> = {
  registry: '企业登记信息(企业库)',
  monthly: '月度经营数据',
  credit: '信用画像',
};

/**
 * Dated parameters of finance: a value applies from its date (the latest `validFrom` on or before
 * the day in question). Units are in the key: ppm = parts per million (0.01 %/日 = 100 ppm),
 * bp = 1/10,000 (80 % = 8000 bp), fen, days.
 */
export const FINANCE_PARAMETER_KEYS = [
  'need_answer_working_days',
  'bridge_daily_rate_ppm',
  'bridge_max_days',
  'bridge_penalty_daily_rate_ppm',
  'bridge_leader_threshold_fen',
  'bridge_max_amount_fen',
  'copper_ltv_bp',
  'margin_call_working_days',
] as const;
export type FinanceParameterKey = (typeof FINANCE_PARAMETER_KEYS)[number];

export type FinanceParameterMeta = { label: string; unit: string; defaultValue: number; min: number; max: number; help: string };
export const FINANCE_PARAMETERS: Record<FinanceParameterKey, FinanceParameterMeta> = {
  need_answer_working_days: { label: '金融机构答复时限', unit: '个工作日', defaultValue: 3, min: 1, max: 30, help: '融资需求推送后,金融机构须在此期限内答复;逾期升级至金融服务中心' },
  bridge_daily_rate_ppm: { label: '应急转贷日费率', unit: 'ppm(百万分之一/日)', defaultValue: 100, min: 0, max: 10_000, help: '100 = 0.01%/日(万分之一);按放款日适用' },
  bridge_max_days: { label: '应急转贷最长使用天数', unit: '天', defaultValue: 15, min: 1, max: 365, help: '按放款日适用;超过即为逾期' },
  bridge_penalty_daily_rate_ppm: { label: '应急转贷逾期日费率', unit: 'ppm(百万分之一/日)', defaultValue: 500, min: 0, max: 100_000, help: '逾期天数按此费率另计逾期费;按放款日适用' },
  bridge_leader_threshold_fen: { label: '领导审批金额起点', unit: '分', defaultValue: 1_000_000_000, min: 0, max: 1e15, help: '转贷金额达到此数(默认1000万元)须经领导审批' },
  bridge_max_amount_fen: { label: '单笔转贷金额上限', unit: '分', defaultValue: 3_000_000_000, min: 1, max: 1e15, help: '单笔应急转贷最高金额(默认3000万元)' },
  copper_ltv_bp: { label: '存铜融质押率', unit: 'bp(万分之一)', defaultValue: 8000, min: 1, max: 10_000, help: '8000 = 80%:贷款额度 = 吨数 × 铜价 × 质押率' },
  margin_call_working_days: { label: '补仓期限', unit: '个工作日', defaultValue: 2, min: 1, max: 30, help: '追加保证金通知发出后须在此期限内补足或部分还款' },
};

export const ZFinanceParameterKey = z.enum(FINANCE_PARAMETER_KEYS, { error: '参数名称不正确' });

export const ZSetFinanceParameterRequest = z.object({
  key: ZFinanceParameterKey,
  validFrom: ZDate,
  value: z.number({ error: '参数值应为数字' }).int({ error: '参数值应为整数' }).min(0, { error: '参数值不能为负数' }),
  note: z.string({ error: '说明应为文字' }).trim().max(200, { error: '说明最多200个字' }).optional(),
});
export type SetFinanceParameterRequest = z.infer<typeof ZSetFinanceParameterRequest>;

export type FinanceParameterVersion = { id: string | null; key: FinanceParameterKey; validFrom: string | null; value: number; note: string | null; createdAt: string | null; createdBy: string | null };
/** A parameter with its current value (today) and every dated version, newest first; `null` validFrom = the built-in default. */
export type FinanceParameterView = FinanceParameterMeta & { key: FinanceParameterKey; current: number; versions: FinanceParameterVersion[] };

/** An institution as everyone may see it (name, kind, products count). */
export type InstitutionView = {
  id: string;
  code: string;
  name: string;
  shortName: string | null;
  kind: InstitutionKind;
  kindLabel: string;
  strategic: boolean;
  agreementOn: string | null;
  status: 'active' | 'inactive';
};

/** Annual rate in basis points → "3.45%". */
export function formatRateBp(bp: number): string {
  return `${(bp / 100).toFixed(2)}%`;
}

/** Daily rate in ppm → "0.01%/日" (万分之一). */
export function formatDailyRatePpm(ppm: number): string {
  return `${(ppm / 10_000).toLocaleString('zh-CN', { maximumFractionDigits: 4 })}%/日`;
}

/** Weight in kg → "25.000吨". */
export function formatTons(kg: number): string {
  return `${(kg / 1000).toFixed(3)}吨`;
}
