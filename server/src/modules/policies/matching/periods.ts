import type { PaymentTerms, PolicyRule } from '@yuanqi/contract';

/**
 * The payment slot a decision belongs to. One enterprise is paid at most once per exclusion key
 * and period (the payouts table's unique index decides); the key names the slot:
 *   year '2026' · half-year '2026-H1' · quarter '2026-Q3' · month '2026-05' · once 'once' ·
 *   stage 'stage:shareholding' (one payment per stage ever) · instalments '2026#2' (the 2nd
 *   instalment of a grant made in 2026).
 */
export function basePeriodKey(payment: Pick<PaymentTerms, 'period'>, asOf: string, stage?: string | null): string | null {
  const year = asOf.slice(0, 4);
  const month = Number(asOf.slice(5, 7));
  switch (payment.period) {
    case 'year':
      return year;
    case 'half-year':
      return `${year}-H${month <= 6 ? 1 : 2}`;
    case 'quarter':
      return `${year}-Q${Math.ceil(month / 3)}`;
    case 'month':
      return `${year}-${asOf.slice(5, 7)}`;
    case 'once':
      return 'once';
    case 'stage':
      return stage ? `stage:${stage}` : null;
  }
}

/** The mutual-exclusion key: the payment's exclusion group, else the policy itself. */
export function exclusionKeyOf(rule: Pick<PolicyRule, 'payment'>, policyId: string): string {
  const group = rule.payment.exclusionGroup?.trim();
  return group ? group : policyId;
}

export type InstalmentSlot = { periodKey: string; index: number; grantYear: number; sharePercent: number; label: string };

/**
 * Which instalment is due in `asOfYear`, given the grant years already used for this key
 * (`grantYears`: the YYYY of existing '#1' slots). A firm with no first instalment starts one
 * now; otherwise the instalment whose yearOffset equals the years since the grant is due (none
 * when the schedule has no instalment for this year).
 */
export function instalmentSlot(payment: PaymentTerms, asOfYear: number, grantYears: number[]): InstalmentSlot | null {
  const plan = payment.instalments ?? [];
  if (plan.length === 0) return null;
  const grantYear = grantYears.length > 0 ? Math.max(...grantYears) : asOfYear;
  const offset = asOfYear - grantYear;
  const index = plan.findIndex((p) => p.yearOffset === offset);
  if (index < 0) return null;
  const p = plan[index]!;
  return { periodKey: `${grantYear}#${index + 1}`, index: index + 1, grantYear, sharePercent: p.sharePercent, label: p.label };
}

/** Readable Chinese for a period key. */
export function periodLabel(key: string): string {
  if (key === 'once') return '一次性';
  if (key.startsWith('stage:')) return `阶段:${STAGE_LABELS[key.slice(6)] ?? key.slice(6)}`;
  let m = /^(\d{4})#(\d+)$/.exec(key);
  if (m) return `${m[1]}年度认定 第${m[2]}期`;
  m = /^(\d{4})-H([12])$/.exec(key);
  if (m) return `${m[1]}年${m[2] === '1' ? '上' : '下'}半年`;
  m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (m) return `${m[1]}年第${m[2]}季度`;
  m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m) return `${m[1]}年${Number(m[2])}月`;
  if (/^\d{4}$/.test(key)) return `${key}年度`;
  return key;
}

const STAGE_LABELS: Record<string, string> = { shareholding: '股改', tutoring: '辅导备案', filed: '申报受理', listed: '上市' };
