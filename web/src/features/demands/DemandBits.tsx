import type { ReactNode } from 'react';
import { Card, Tag, Tooltip } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { ClockCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import type { DemandDetail, DemandEvent, DemandStatus, DemandSummary } from '@yuanqi/contract';
import { DEMAND_STATUS_LABELS } from '@yuanqi/contract';
import type { CaseStepsProps } from '../../components/case-kit/CaseFrame';
import { formatDateTime, toParkTime } from '../../components/format';

export const STATUS_COLORS: Record<DemandStatus, string> = {
  submitted: 'gold',
  accepted: 'blue',
  in_progress: 'geekblue',
  resolved: 'cyan',
  reopened: 'magenta',
  closed: 'green',
  withdrawn: 'default',
};

export function StatusTag({ status, label }: { status: DemandStatus; label?: string }) {
  return (
    <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }}>
      {label ?? DEMAND_STATUS_LABELS[status]}
    </Tag>
  );
}

const DUE_KIND_LABELS = { accept: '签收', answer: '答复' } as const;

type CountdownInput = Pick<DemandSummary, 'dueAt' | 'dueKind' | 'remainingWorkingDays' | 'overdue'>;

/** 剩余2个工作日 / 今日到期 / 已逾期N个工作日: the countdown of whatever deadline runs now. */
export function countdownText(d: CountdownInput): { text: string; tone: 'danger' | 'warning' | 'normal' } | null {
  if (!d.dueAt) return null;
  const r = d.remainingWorkingDays;
  if (d.overdue) return { text: r !== null && r < 0 ? `已逾期${-r}个工作日` : '已逾期', tone: 'danger' };
  if (r === null) return { text: `${formatDateTime(d.dueAt)}前`, tone: 'normal' };
  if (r <= 0) return { text: '今日到期', tone: 'warning' };
  return { text: `剩余${r}个工作日`, tone: r <= 1 ? 'warning' : 'normal' };
}

/** The deadline's kind and instant, e.g. 答复期限 2026-11-30 23:59. */
export function deadlineText(d: Pick<DemandSummary, 'dueAt' | 'dueKind'>): string {
  if (!d.dueAt) return '';
  return `${d.dueKind ? DUE_KIND_LABELS[d.dueKind] : ''}期限 ${formatDateTime(d.dueAt)}`;
}

export function Countdown({ d, withKind = false }: { d: CountdownInput; withKind?: boolean }) {
  const c = countdownText(d);
  if (!c) return null;
  const color = c.tone === 'danger' ? 'red' : c.tone === 'warning' ? 'orange' : 'blue';
  const kind = withKind && d.dueKind ? `${DUE_KIND_LABELS[d.dueKind]}` : '';
  return (
    <Tooltip title={deadlineText(d)}>
      <Tag color={color} icon={c.tone === 'danger' ? <ExclamationCircleOutlined /> : <ClockCircleOutlined />} style={{ marginInlineEnd: 0 }}>
        {kind ? `${kind}${c.text}` : c.text}
      </Tag>
    </Tooltip>
  );
}

/** A case as a phone card: number and state, the title linking to it, a meta line, then `children`. */
export function DemandCardFrame({ d, overdue = false, meta, children }: { d: DemandSummary; overdue?: boolean; meta: ReactNode; children?: ReactNode }) {
  const navigate = useNavigate();
  return (
    <Card className={`yq-mobile-card yq-demand-card${overdue ? ' overdue' : ''}`} hoverable onClick={() => navigate(`/demands/${d.id}`)}>
      <div className="yq-demand-card-head">
        <span className="yq-mono yq-demand-number">{d.number}</span>
        <StatusTag status={d.status} label={d.statusLabel} />
      </div>
      <Link to={`/demands/${d.id}`} className="yq-demand-title" onClick={(e) => e.stopPropagation()}>
        {d.title}
      </Link>
      <div className="yq-demand-meta">{meta}</div>
      {children}
    </Card>
  );
}

function lastAt(timeline: DemandEvent[] | undefined, actions: DemandEvent['action'][]): string | null {
  if (!timeline) return null;
  for (let i = timeline.length - 1; i >= 0; i--) {
    const e = timeline[i]!;
    if (actions.includes(e.action)) return e.at;
  }
  return null;
}

function shortTime(iso: string | null | undefined): string | null {
  return iso ? toParkTime(iso).format('MM-DD HH:mm') : null;
}

export type ProgressInput = Pick<DemandSummary, 'status' | 'createdAt' | 'resolvedAt' | 'closedAt' | 'department' | 'dueAt' | 'dueKind'> &
  Partial<Pick<DemandDetail, 'timeline' | 'answeredAt'>>;

/**
 * The case's progress as a parcel is tracked: 已提交 → 已签收 → 办理中 → 已答复 → 已办结, each
 * step with its time once reached (from the timeline when it is at hand).
 */
export function demandSteps(d: ProgressInput, forEnterprise = false): CaseStepsProps {
  const t = d.timeline;
  const withdrawn = d.status === 'withdrawn';
  const due = d.dueAt ? `${d.dueKind ? DUE_KIND_LABELS[d.dueKind] : ''}截止 ${shortTime(d.dueAt)}` : null;
  // the last step reached is the current one ("you are here"); the next one carries its deadline
  const current = { submitted: 0, accepted: 1, in_progress: 2, reopened: 2, resolved: 3, closed: 4, withdrawn: 1 }[d.status];
  const items = [
    { title: '已提交', content: shortTime(lastAt(t, ['submit']) ?? d.createdAt) },
    { title: '已签收', content: d.status === 'submitted' ? due : shortTime(lastAt(t, ['accept'])) },
    {
      title: d.status === 'reopened' ? '退回重办' : '办理中',
      content:
        d.status === 'accepted' || d.status === 'in_progress' || d.status === 'reopened'
          ? [d.department ? `转${d.department}` : null, due].filter(Boolean).join(' · ') || null
          : shortTime(lastAt(t, ['transfer'])),
    },
    { title: '已答复', content: shortTime(d.answeredAt ?? d.resolvedAt ?? lastAt(t, ['answer'])) },
    { title: '已办结', content: d.status === 'resolved' ? (forEnterprise ? '待您确认' : '待企业确认') : shortTime(d.closedAt) },
  ];
  return {
    items: withdrawn ? [items[0]!, { title: '已撤回', content: shortTime(lastAt(t, ['withdraw'])) }] : items,
    current,
    status: withdrawn ? 'error' : d.status === 'closed' ? 'finish' : 'process',
  };
}
