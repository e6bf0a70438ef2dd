import { Tag } from 'antd';
import { LAND_CLEANUP_STATUS_COLORS, LAND_CLEANUP_STATUS_LABELS, formatMu, type CleanupCaseView, type CleanupStatus } from '@yuanqi/contract';
import { WorkdayCountdownTag } from '../../../components/Countdown';

export function CleanupStatusTag({ status }: { status: CleanupStatus }) {
  return (
    <Tag color={LAND_CLEANUP_STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }}>
      {LAND_CLEANUP_STATUS_LABELS[status]}
    </Tag>
  );
}

/** 亩 with up to four decimals. */
export const mu = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${formatMu(v)}亩`);

/** The 限期开工 countdown of a case (nothing for the other states). */
export function DeadlineCountdown({ c }: { c: Pick<CleanupCaseView, 'status' | 'startDeadline' | 'deadlineWorkingDaysLeft' | 'overdue'> }) {
  if (c.status !== 'deadline' || !c.startDeadline) return null;
  return <WorkdayCountdownTag remaining={c.deadlineWorkingDaysLeft} overdue={c.overdue} />;
}
