import { Tag, Timeline, Tooltip, Typography } from 'antd';
import {
  RATING_LEVEL_LABELS,
  RATING_SCORE_LABELS,
  type AppealStatus,
  type RatingEventView,
  type RatingLevel,
  type RatingScoreKey,
  type RectificationStatus,
} from '@yuanqi/contract';
import { WorkdayCountdownTag } from '../../components/Countdown';
import { formatDate, formatDateTime } from '../../components/format';
import { useWorkCalendar } from '../dispatch/workCalendar';

const LEVEL_STYLE: Record<RatingLevel, { color: string; variant?: 'solid' | 'filled' | 'outlined' }> = {
  very_satisfied: { color: 'green' },
  satisfied: { color: 'cyan' },
  basic: { color: 'blue' },
  dissatisfied: { color: 'red' },
  very_dissatisfied: { color: 'red', variant: 'solid' },
};

/** The five levels; 差评 in red. A removed review is struck through, with its reason on hover. */
export function RatingLevelTag({ level, label, removed, removedReason }: { level: RatingLevel; label?: string; removed?: boolean; removedReason?: string | null }) {
  const style = removed ? { color: 'default' } : LEVEL_STYLE[level];
  const tag = (
    <Tag color={style.color} variant={style.variant} style={{ marginInlineEnd: 0, textDecoration: removed ? 'line-through' : undefined }}>
      {label ?? RATING_LEVEL_LABELS[level]}
    </Tag>
  );
  if (!removed) return tag;
  return (
    <Tooltip title={removedReason ? `经申诉移除:${removedReason}` : '经申诉移除'}>
      <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4, alignItems: 'center' }}>
        {tag}
        <Tag color="default" style={{ marginInlineEnd: 0 }}>
          已移除
        </Tag>
      </span>
    </Tooltip>
  );
}

const RECT_COLORS: Record<RectificationStatus, string> = { open: 'orange', fixed: 'blue', visited: 'purple', closed: 'green', cancelled: 'default' };

export function RectificationStatusTag({ status, label, round }: { status: RectificationStatus; label: string; round?: number }) {
  return (
    <Tag color={RECT_COLORS[status]} style={{ marginInlineEnd: 0 }}>
      {label}
      {round && round > 1 ? `·第${round}轮` : ''}
    </Tag>
  );
}

const APPEAL_COLORS: Record<AppealStatus, string> = { pending: 'gold', upheld: 'default', removed: 'green' };

export function AppealStatusTag({ status, label }: { status: AppealStatus; label: string }) {
  return (
    <Tag color={APPEAL_COLORS[status]} style={{ marginInlineEnd: 0 }}>
      {label}
    </Tag>
  );
}

/** 服务效率5 · 服务水平4 · 服务态度5 */
export function Scores({ scores }: { scores: Partial<Record<RatingScoreKey, number>> }) {
  const entries = Object.entries(scores) as [RatingScoreKey, number][];
  if (entries.length === 0) return <span style={{ color: '#98a2b3' }}>—</span>;
  return (
    <span style={{ fontSize: 12, color: '#475467' }}>
      {entries.map(([k, v], i) => (
        <span key={k} style={{ whiteSpace: 'nowrap' }}>
          {i > 0 && ' · '}
          {RATING_SCORE_LABELS[k]}
          <strong style={{ color: v <= 2 ? '#d92d20' : '#101828' }}>{v}</strong>
        </span>
      ))}
    </span>
  );
}

/**
 * A rectification deadline: 剩余N个工作日 / 今日到期 / 已逾期N个工作日, counted on the park's
 * working-day calendar while the fix is awaited (`active`); afterwards only the date.
 */
export function RectifyDeadline({ dueAt, active, overdue, compact = false }: { dueAt: string; active: boolean; overdue: boolean; compact?: boolean }) {
  const calendar = useWorkCalendar();
  const date = formatDate(dueAt);
  if (!active) return <span style={{ color: '#667085', fontSize: 13, whiteSpace: 'nowrap' }}>{compact ? date : `期限 ${date}`}</span>;
  const n = calendar.remaining(dueAt);
  const tag = <WorkdayCountdownTag remaining={n} overdue={overdue || (n !== null && n < 0)} />;
  return (
    <Tooltip title={`整改期限 ${formatDateTime(dueAt)}`}>
      <span style={{ display: 'inline-flex', flexDirection: compact ? 'row' : 'column', gap: compact ? 6 : 2, alignItems: compact ? 'center' : 'flex-start' }}>
        {tag}
        <span style={{ fontSize: 12, color: '#667085', whiteSpace: 'nowrap' }}>{date} 止</span>
      </span>
    </Tooltip>
  );
}

const EVENT_COLORS: Record<string, string> = {
  rated: 'blue',
  'rectification.opened': 'orange',
  'rectification.record-fix': 'blue',
  'rectification.return-visit': 'purple',
  'rectification.verdict': 'green',
  'rectification.reopened': 'red',
  'rectification.close': 'green',
  'rectification.overdue': 'red',
  'rectification.cancelled': 'gray',
  'appeal.submitted': 'gold',
  'appeal.upheld': 'gray',
  'appeal.removed': 'green',
};

/** Who did what and when, oldest first; notes kept as written. */
export function RatingTimeline({ events }: { events: RatingEventView[] }) {
  if (events.length === 0) return <Typography.Text type="secondary">暂无记录</Typography.Text>;
  return (
    <Timeline
      items={events.map((e) => ({
        color: EVENT_COLORS[e.action] ?? 'blue',
        content: (
          <div>
            <div>
              <strong>{e.actionLabel}</strong>
              <span style={{ color: '#667085' }}> · {e.actorName}</span>
            </div>
            <div style={{ fontSize: 12, color: '#98a2b3' }}>{formatDateTime(e.at)}</div>
            {e.note && <div style={{ marginTop: 4, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{e.note}</div>}
          </div>
        ),
      }))}
    />
  );
}
