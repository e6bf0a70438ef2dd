import { Tag, Tooltip } from 'antd';
import { formatDateTime } from '../../components/format';

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
export function Countdown({ dueAt, remainingWorkingDays: n, overdue, dueKind, idle = '—' }: Props) {
  if (!dueAt) return <span style={{ color: '#98a2b3' }}>{idle}</span>;
  const what = dueKind === 'accept' ? '签收期限' : dueKind === 'answer' ? '答复期限' : '期限';
  const tip = `${what}:${formatDateTime(dueAt)}`;
  let tag;
  if (overdue) {
    tag = (
      <Tag color="red" variant="solid" style={{ marginInlineEnd: 0 }}>
        {n !== null && n < 0 ? `已逾期${-n}个工作日` : '已逾期'}
      </Tag>
    );
  } else if (n === null) {
    tag = <span>{formatDateTime(dueAt)}</span>;
  } else if (n === 0) {
    tag = (
      <Tag color="orange" style={{ marginInlineEnd: 0 }}>
        今日到期
      </Tag>
    );
  } else {
    tag = (
      <Tag color={n <= 1 ? 'orange' : 'blue'} style={{ marginInlineEnd: 0 }}>
        剩余{n}个工作日
      </Tag>
    );
  }
  return (
    <Tooltip title={tip}>
      <span style={{ whiteSpace: 'nowrap' }}>{tag}</span>
    </Tooltip>
  );
}
