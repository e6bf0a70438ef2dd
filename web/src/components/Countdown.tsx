import { Tag, Tooltip } from 'antd';
import { formatDateTime } from './format';

/**
 * The working-day countdown tag: red 已逾期N个工作日 (or 已逾期), orange 今日到期, 剩余N个工作日
 * (orange on the last day). Null when the count is unknown and the deadline not passed.
 */
export function WorkdayCountdownTag({ remaining: n, overdue }: { remaining: number | null; overdue: boolean }) {
  if (overdue) {
    return (
      <Tag color="red" variant="solid" style={{ marginInlineEnd: 0 }}>
        {n !== null && n < 0 ? `已逾期${-n}个工作日` : '已逾期'}
      </Tag>
    );
  }
  if (n === null) return null;
  if (n === 0) {
    return (
      <Tag color="orange" style={{ marginInlineEnd: 0 }}>
        今日到期
      </Tag>
    );
  }
  return (
    <Tag color={n <= 1 ? 'orange' : 'blue'} style={{ marginInlineEnd: 0 }}>
      剩余{n}个工作日
    </Tag>
  );
}

type Props = {
  dueAt: string | null;
  remainingWorkingDays: number | null;
  overdue: boolean;
  /** 签收 or 答复: named in the tooltip. */
  dueKind?: 'accept' | 'answer' | null;
  /** Phrase for a case with no running clock. */
  idle?: string;
};

/** 剩余N个工作日 / 今日到期 / red 已逾期N个工作日, with the exact deadline on hover. */
export function Countdown({ dueAt, remainingWorkingDays, overdue, dueKind, idle = '—' }: Props) {
  if (!dueAt) return <span style={{ color: '#98a2b3' }}>{idle}</span>;
  const what = dueKind === 'accept' ? '签收期限' : dueKind === 'answer' ? '答复期限' : '期限';
  const tip = `${what}:${formatDateTime(dueAt)}`;
  return (
    <Tooltip title={tip}>
      <span style={{ whiteSpace: 'nowrap' }}>
        {remainingWorkingDays === null && !overdue ? <span>{formatDateTime(dueAt)}</span> : <WorkdayCountdownTag remaining={remainingWorkingDays} overdue={overdue} />}
      </span>
    </Tooltip>
  );
}
