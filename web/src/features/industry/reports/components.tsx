import { Tag } from 'antd';
import { INDICATOR_UNIT_LABELS, formatWanYuan, type IndicatorUnit, type ReportStatus } from '@yuanqi/contract';
import { WorkdayCountdownTag } from '../../../components/Countdown';
import { CaseStatusTag } from '../../../components/case-kit';

const STATUS_COLORS: Record<ReportStatus | 'none', string> = { draft: 'default', submitted: 'processing', returned: 'warning', accepted: 'success', none: 'default' };

export function ReportStatusTag({ status, label }: { status: ReportStatus | null; label: string }) {
  return <CaseStatusTag color={STATUS_COLORS[status ?? 'none']}>{label}</CaseStatusTag>;
}

/** A figure in its unit: money in 万元 (two decimals), others with their unit. */
export function formatFigure(value: number | null | undefined, unit: IndicatorUnit, decimals = 0): string {
  if (value === null || value === undefined) return '—';
  if (unit === 'fen') return formatWanYuan(value);
  return `${value.toLocaleString('zh-CN', { maximumFractionDigits: Math.max(decimals, unit === 'tonne' ? 3 : 0) })}${INDICATOR_UNIT_LABELS[unit]}`;
}

/** The unit a form asks for: 万元 for money. */
export function inputUnitLabel(unit: IndicatorUnit): string {
  return unit === 'fen' ? '万元' : INDICATOR_UNIT_LABELS[unit];
}

/** Due-day countdown for a month not yet submitted (working days; negative = overdue). */
export function DueTag({ workingDaysLeft }: { workingDaysLeft: number | null }) {
  if (workingDaysLeft === null) return null;
  return <WorkdayCountdownTag remaining={workingDaysLeft} overdue={workingDaysLeft < 0} />;
}

export function LateTag({ late }: { late: boolean }) {
  return late ? (
    <Tag color="red" style={{ marginInlineEnd: 0 }}>
      逾期报送
    </Tag>
  ) : null;
}

/** 'YYYY-MM-01' → 'YYYY-MM' (the address form). */
export const ym = (period: string) => period.slice(0, 7);
