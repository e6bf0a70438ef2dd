import type { ReactNode } from 'react';
import { Tag, Tooltip } from 'antd';
import { ClockCircleOutlined, ExclamationCircleOutlined, PauseCircleOutlined, UserSwitchOutlined } from '@ant-design/icons';
import {
  APPLICATION_STATUS_LABELS,
  CLOCK_WARNING_LABELS,
  type ApplicationDetailView,
  type ApplicationEventAction,
  type ApplicationEventView,
  type ApplicationStatus,
  type ApplicationView,
  type ClockWarning,
  type ServiceMaterial,
} from '@yuanqi/contract';
import { CaseCard, CaseStatusTag } from '../../components/case-kit/CaseCard';
import type { CaseStepsProps } from '../../components/case-kit/CaseFrame';
import { formatDate, formatDateTime, toParkTime } from '../../components/format';

export const APPLICATION_STATUS_COLORS: Record<ApplicationStatus, string> = {
  submitted: 'gold',
  supplementing: 'orange',
  accepted: 'blue',
  rongque: 'purple',
  special: 'cyan',
  reviewing: 'geekblue',
  finished: 'green',
  not_accepted: 'red',
  terminated: 'red',
  withdrawn: 'default',
  revoked: 'volcano',
};

export function ApplicationStatusTag({ status, label }: { status: ApplicationStatus; label?: string }) {
  return <CaseStatusTag color={APPLICATION_STATUS_COLORS[status]}>{label ?? APPLICATION_STATUS_LABELS[status]}</CaseStatusTag>;
}

/** The outcome of a finished case: 准予 green, 不予 red. */
export function OutcomeTag({ a }: { a: Pick<ApplicationView, 'outcome' | 'outcomeLabel'> }) {
  if (!a.outcome || !a.outcomeLabel) return null;
  return (
    <Tag color={a.outcome === 'approved' ? 'success' : a.outcome === 'withdrawn' ? 'default' : 'error'} style={{ marginInlineEnd: 0 }}>
      {a.outcomeLabel}
    </Tag>
  );
}

export function DaibanTag({ name }: { name?: string | null }) {
  return (
    <Tooltip title={name ? `驻企专员 ${name} 代办` : '专员代办'}>
      <Tag color="purple" icon={<UserSwitchOutlined />} style={{ marginInlineEnd: 0 }}>
        代办
      </Tag>
    </Tooltip>
  );
}

type ClockInput = Pick<ApplicationView, 'status' | 'clockState' | 'warning' | 'remainingDays' | 'elapsedDays' | 'committedDays' | 'dueAt' | 'withinLimit' | 'workingDaysUsed' | 'caseKind'>;

const WARNING_COLORS: Record<ClockWarning, string> = { none: 'blue', due_soon: 'orange', overdue: 'red', legal_overdue: 'red' };

/**
 * The case's clock in one tag: 剩余N个工作日 / 今日到期 / 已超期N个工作日 while it runs,
 * 计时暂停 during 补正 or a special procedure, 用时N个工作日 (按时/超时) at the end.
 */
export function ClockTag({ a, withDue = false }: { a: ClockInput; withDue?: boolean }) {
  const due = a.dueAt ? `承诺期限 ${formatDateTime(a.dueAt)}` : undefined;
  let tag: ReactNode = null;
  if (a.clockState === 'not_started') {
    tag = (
      <Tag color="default" icon={<ClockCircleOutlined />} style={{ marginInlineEnd: 0 }}>
        {a.caseKind === 'instant' ? '即办件' : `受理后${a.committedDays}个工作日`}
      </Tag>
    );
  } else if (a.clockState === 'stopped') {
    if (a.workingDaysUsed === null || a.withinLimit === null) return null;
    tag = (
      <Tag color={a.withinLimit ? 'green' : 'red'} style={{ marginInlineEnd: 0 }}>
        用时{a.workingDaysUsed}个工作日{a.withinLimit ? '(按时)' : '(超时)'}
      </Tag>
    );
  } else if (a.clockState === 'paused') {
    tag = (
      <Tag color="default" icon={<PauseCircleOutlined />} style={{ marginInlineEnd: 0 }}>
        计时暂停 · 已用{a.elapsedDays}/{a.committedDays}个工作日
      </Tag>
    );
  } else {
    const r = a.remainingDays;
    const overdue = a.warning === 'overdue' || a.warning === 'legal_overdue';
    const text = overdue
      ? `${a.warning === 'legal_overdue' ? '超法定时限' : '已超期'}${r !== null && r < 0 ? `${-r}个工作日` : ''}`
      : r === null
        ? `已用${a.elapsedDays}个工作日`
        : r <= 0
          ? '今日到期'
          : `剩余${r}个工作日`;
    tag = (
      <Tag
        color={WARNING_COLORS[a.warning]}
        variant={overdue ? 'solid' : undefined}
        icon={overdue ? <ExclamationCircleOutlined /> : <ClockCircleOutlined />}
        style={{ marginInlineEnd: 0 }}
      >
        {text}
        {a.warning === 'due_soon' && r !== null && r > 0 ? '(即将到期)' : ''}
      </Tag>
    );
  }
  return (
    <Tooltip title={due}>
      <span style={{ display: 'inline-flex', flexDirection: 'column', gap: 2 }}>
        {tag}
        {withDue && a.dueAt && a.clockState !== 'stopped' && <span style={{ fontSize: 12, color: '#667085', whiteSpace: 'nowrap' }}>{formatDate(a.dueAt)} 到期</span>}
      </span>
    </Tooltip>
  );
}

export function WarningTag({ warning }: { warning: ClockWarning }) {
  if (warning === 'none') return null;
  return (
    <Tag color={WARNING_COLORS[warning]} style={{ marginInlineEnd: 0 }}>
      {CLOCK_WARNING_LABELS[warning]}
    </Tag>
  );
}

/** 关键 / 可容缺 / 可承诺 / 选填: how a material may be handled at filing. */
export function MaterialMarks({ m }: { m: Pick<ServiceMaterial, 'isKey' | 'rongqueAllowed' | 'chengnuoReplaceable' | 'required'> }) {
  return (
    <span className="yq-material-marks">
      {m.isKey && (
        <Tooltip title="关键材料:受理时必须齐全,不能容缺">
          <Tag color="red">关键</Tag>
        </Tooltip>
      )}
      {m.rongqueAllowed && (
        <Tooltip title="可容缺:可先受理,在约定期限内补交">
          <Tag color="purple">可容缺</Tag>
        </Tooltip>
      )}
      {m.chengnuoReplaceable && (
        <Tooltip title="可承诺:签署告知承诺书后无需提交">
          <Tag color="cyan">可承诺</Tag>
        </Tooltip>
      )}
      {!m.required && <Tag>选填</Tag>}
    </span>
  );
}

function shortTime(iso: string | null | undefined): string | null {
  return iso ? toParkTime(iso).format('MM-DD HH:mm') : null;
}

function lastEvent(timeline: ApplicationEventView[] | undefined, actions: ApplicationEventAction[]): ApplicationEventView | null {
  if (!timeline) return null;
  for (let i = timeline.length - 1; i >= 0; i--) {
    const e = timeline[i]!;
    if (actions.includes(e.action)) return e;
  }
  return null;
}

type ProgressInput = ApplicationView & Partial<Pick<ApplicationDetailView, 'timeline' | 'rongque' | 'currentPause' | 'acceptedByName' | 'decidedByName'>>;

const STEP_OF: Record<ApplicationStatus, number> = {
  submitted: 1,
  supplementing: 1,
  accepted: 2,
  rongque: 2,
  special: 2,
  reviewing: 2,
  finished: 3,
  not_accepted: 1,
  terminated: 2,
  withdrawn: 1,
  revoked: 3,
};

/**
 * The case as a parcel is tracked: 提交申请 → 受理 → 审查 → 办结, each step with who and when
 * once reached (from the timeline when it is at hand), the current one saying what is awaited.
 */
export function applicationSteps(a: ProgressInput, forApplicant = false): CaseStepsProps {
  const t = a.timeline;
  const who = (e: ApplicationEventView | null, at: string | null | undefined) => {
    const time = shortTime(e?.at ?? at);
    if (!time) return null;
    return e ? `${e.actorName} · ${time}` : time;
  };
  const submit = lastEvent(t, ['submit']);
  const accept = lastEvent(t, ['accept', 'accept_rongque']);
  const refusal = lastEvent(t, ['not_accept']);
  const review = lastEvent(t, ['start_review']);
  const decision = lastEvent(t, ['approve', 'refuse']);
  const end = lastEvent(t, ['terminate', 'withdraw', 'revoke']);
  const s = a.status;

  const acceptContent = (() => {
    if (s === 'submitted') return forApplicant ? '等待审批局受理' : '待受理';
    if (s === 'supplementing' && !a.acceptedAt) return forApplicant ? '请按一次性告知补正材料' : '补正中(计时暂停)';
    if (s === 'not_accepted') return who(refusal, null);
    if (s === 'withdrawn' && !a.acceptedAt) return who(end, null);
    return who(accept, a.acceptedAt) ?? (a.acceptedByName ? a.acceptedByName : null);
  })();
  const reviewContent = (() => {
    if (s === 'rongque') return a.rongqueDeadline ? `容缺材料 ${formatDate(a.rongqueDeadline)} 前补齐` : '容缺材料待补';
    if (s === 'special') return a.currentPause ? `${a.currentPause.name}(计时暂停)` : '特别程序中';
    if (s === 'supplementing' && a.acceptedAt) return '补正中(计时暂停)';
    if (s === 'accepted') return a.dueAt ? `${formatDate(a.dueAt)} 前办结` : '待审查';
    if (s === 'reviewing') return who(review, null) ?? '审查中';
    if (s === 'terminated' || (s === 'withdrawn' && a.acceptedAt)) return who(end, null);
    return who(review, null);
  })();
  const finishContent = (() => {
    if (s === 'finished' || s === 'revoked') return who(decision, a.finishedAt);
    if (a.dueAt && (s === 'accepted' || s === 'reviewing' || s === 'rongque')) return `${shortTime(a.dueAt)} 前`;
    return null;
  })();

  const failed = s === 'not_accepted' || s === 'terminated' || s === 'withdrawn';
  const items = [
    { title: '提交申请', content: who(submit, a.submittedAt) },
    { title: s === 'not_accepted' ? '不予受理' : s === 'supplementing' && !a.acceptedAt ? '补正材料' : a.mode === 'rongque' ? '容缺受理' : '受理', content: acceptContent },
    {
      title: s === 'terminated' ? '终止办理' : s === 'withdrawn' && a.acceptedAt ? '已撤回' : s === 'rongque' ? '容缺待补' : s === 'special' ? '特别程序' : '审查',
      content: reviewContent,
    },
    { title: s === 'revoked' ? '已撤销' : a.outcomeLabel && s === 'finished' ? `办结·${a.outcome === 'approved' ? '准予' : '不予'}` : '办结', content: finishContent },
  ];
  const shown = s === 'not_accepted' || (s === 'withdrawn' && !a.acceptedAt) ? items.slice(0, 2).map((it, i) => (i === 1 && s === 'withdrawn' ? { title: '已撤回', content: it.content } : it)) : items;
  return {
    items: shown,
    current: Math.min(STEP_OF[s], shown.length - 1),
    status: failed || s === 'revoked' ? 'error' : s === 'finished' ? 'finish' : 'process',
  };
}

/** The case's status with its 代办 mark. */
export function ApplicationStatus({ a }: { a: Pick<ApplicationView, 'status' | 'statusLabel' | 'isDaiban' | 'daibanLiaisonName'> }) {
  return (
    <>
      {a.isDaiban && <DaibanTag name={a.daibanLiaisonName} />}
      <ApplicationStatusTag status={a.status} label={a.statusLabel} />
    </>
  );
}

/** A case as a phone card: number and state, the item linking to it, a meta line, then `children`. */
export function ApplicationCardFrame({ a, meta, children }: { a: ApplicationView; meta: ReactNode; children?: ReactNode }) {
  return (
    <CaseCard
      to={`/services/applications/${a.id}`}
      number={a.number}
      numberClassName="yq-app-number"
      status={<ApplicationStatus a={a} />}
      title={a.itemName}
      meta={meta}
      overdue={a.warning === 'overdue' || a.warning === 'legal_overdue'}
    >
      {children}
    </CaseCard>
  );
}
