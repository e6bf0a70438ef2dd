import { useEffect, useRef, type ReactNode } from 'react';
import { Alert, Progress, Tag, Tooltip } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, MinusCircleOutlined, QuestionCircleFilled } from '@ant-design/icons';
import {
  formatYuan,
  formatRuleMoney,
  GRANT_STATUS_LABELS,
  LISTING_STAGE_OPTIONS,
  MATCH_STATUS_LABELS,
  missingText,
  POLICY_APPLICATION_STATUS_LABELS,
  POLICY_APPLICATION_STEPS,
  POLICY_MODE_LABELS,
  POLICY_STATUS_LABELS,
  type GrantStatus,
  type MatchStatus,
  type MissingItem,
  type PolicyApplicationDetail,
  type PolicyApplicationStatus,
  type PolicyApplicationSummary,
  type PolicyMode,
  type PolicyStatus,
  type TraceNode,
} from '@yuanqi/contract';
import { CaseCard, CaseStatusTag, type CaseStepsProps } from '../../components/case-kit';
import { formatDateTime, toParkTime } from '../../components/format';
import { useJob } from './api';

const POLICY_STATUS_COLORS: Record<PolicyStatus, string> = { draft: 'default', published: 'green', withdrawn: 'red', expired: 'orange' };
export function PolicyStatusTag({ status }: { status: PolicyStatus }) {
  return (
    <Tag color={POLICY_STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }}>
      {POLICY_STATUS_LABELS[status]}
    </Tag>
  );
}

export function ModeTag({ mode }: { mode: PolicyMode }) {
  return (
    <Tag color={mode === 'auto' ? 'purple' : 'blue'} style={{ marginInlineEnd: 0 }}>
      {POLICY_MODE_LABELS[mode]}
    </Tag>
  );
}

const MATCH_COLORS: Record<MatchStatus, string> = { eligible: 'green', unknown: 'orange', ineligible: 'default' };
export function MatchStatusTag({ status, label }: { status: MatchStatus; label?: string }) {
  return (
    <Tag color={MATCH_COLORS[status]} style={{ marginInlineEnd: 0 }}>
      {label ?? MATCH_STATUS_LABELS[status]}
    </Tag>
  );
}

export const APPLICATION_STATUS_COLORS: Record<PolicyApplicationStatus, string> = {
  draft: 'default',
  submitted: 'gold',
  returned: 'magenta',
  first_passed: 'blue',
  approved: 'geekblue',
  publicity: 'cyan',
  paid: 'green',
  rejected: 'red',
  withdrawn: 'default',
};
export function ApplicationStatusTag({ status, label }: { status: PolicyApplicationStatus; label?: string }) {
  return <CaseStatusTag color={APPLICATION_STATUS_COLORS[status]}>{label ?? POLICY_APPLICATION_STATUS_LABELS[status]}</CaseStatusTag>;
}

const GRANT_COLORS: Record<GrantStatus, string> = { awaiting: 'gold', paid: 'green', cancelled: 'default', expired: 'default' };
export function GrantStatusTag({ status }: { status: GrantStatus }) {
  return (
    <Tag color={GRANT_COLORS[status]} style={{ marginInlineEnd: 0 }}>
      {GRANT_STATUS_LABELS[status]}
    </Tag>
  );
}

/** An amount estimated, granted, approved or paid: the exact fen through the contract's formatter ("74,074.07元"), or — for unknown. */
export function Money({ fen, strong = false }: { fen: number | null | undefined; strong?: boolean }) {
  const text = fen === null || fen === undefined ? '—' : formatYuan(fen);
  return strong ? <strong className="yq-money">{text}</strong> : <span className="yq-money">{text}</span>;
}

/** The list of data an enterprise should supply, with years. */
export function MissingList({ items, prefix = '请补充:' }: { items: MissingItem[]; prefix?: ReactNode }) {
  if (items.length === 0) return null;
  return (
    <div className="yq-missing">
      <span className="yq-missing-label">{prefix}</span>
      {items.map((m) => (
        <Tag key={`${m.kind}:${m.key}:${m.year ?? ''}`} color="orange" style={{ marginInlineEnd: 4 }}>
          {missingText(m)}
        </Tag>
      ))}
    </div>
  );
}

const MARK_SUFFIX = /\s*(✓|✗|\?(数据不全))\s*$/;

function OutcomeIcon({ node }: { node: TraceNode }) {
  if (node.outcome === 'true') return <CheckCircleFilled className="yq-trace-icon ok" aria-label="满足" />;
  if (node.outcome === 'false') return <CloseCircleFilled className="yq-trace-icon bad" aria-label="不满足" />;
  if (node.outcome === 'unknown') return <QuestionCircleFilled className="yq-trace-icon unknown" aria-label="数据不全" />;
  return <MinusCircleOutlined className="yq-trace-icon value" />;
}

function TraceItem({ node, depth }: { node: TraceNode; depth: number }) {
  // a bare number as the amount or the cap is money (fen) by definition
  const money = node.op === 'num' && typeof node.value === 'number' && (node.path === 'benefit.cap' || node.path === 'benefit.amount');
  const text = money ? `${node.path === 'benefit.cap' ? '上限' : '金额'}:${formatRuleMoney(node.value as number)}` : node.text.replace(MARK_SUFFIX, '');
  // A condition's sentence already names the values it compared: only nested conditions and
  // computed figures open below it. Under a computed figure, its inputs show (bare numbers do not).
  const children = (node.children ?? []).filter((c) =>
    node.outcome !== undefined ? c.outcome !== undefined || (c.children?.length ?? 0) > 0 : c.op !== 'num',
  );
  const showChildren = children.length > 0;
  return (
    <li className={`yq-trace-node outcome-${node.outcome ?? 'value'}`}>
      <div className="yq-trace-line">
        <OutcomeIcon node={node} />
        <span className="yq-trace-text">{text}</span>
      </div>
      {showChildren && depth < 12 && (
        <ul className="yq-trace-children">
          {children.map((c, i) => (
            <TraceItem key={`${c.path}:${i}`} node={c} depth={depth + 1} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** The evaluation trace as a tree: ✓ held, ✗ failed, ? data missing, • a computed value. */
export function TraceTree({ trace }: { trace: TraceNode[] }) {
  return (
    <ul className="yq-trace" aria-label="计算过程">
      {trace.map((n, i) => (
        <TraceItem key={`${n.path}:${i}`} node={n} depth={0} />
      ))}
    </ul>
  );
}

type ProgressInput = Pick<PolicyApplicationDetail, 'status' | 'step' | 'submittedAt' | 'paidAt' | 'publicityEndsAt'> & Partial<PolicyApplicationDetail>;

/** 申报 → 初审 → 复审 → 公示 → 拨付, each step with its time once reached. */
export function applicationSteps(a: ProgressInput): CaseStepsProps {
  const short = (iso: string | null | undefined) => (iso ? toParkTime(iso).format('MM-DD HH:mm') : undefined);
  const failed = a.status === 'rejected' || a.status === 'withdrawn';
  const returned = a.status === 'returned';
  const current = a.status === 'paid' ? POLICY_APPLICATION_STEPS.length : a.step;
  const contents: (string | undefined)[] = [
    a.status === 'draft' ? '待提交' : returned ? '退回补正' : short(a.submittedAt),
    a.firstReviewedAt ? short(a.firstReviewedAt) : a.status === 'submitted' ? '审核中' : undefined,
    a.secondReviewedAt ? short(a.secondReviewedAt) : a.status === 'first_passed' ? '审核中' : undefined,
    a.status === 'publicity' && a.publicityEndsAt ? `至 ${short(a.publicityEndsAt)}` : a.status === 'approved' ? '待公示' : a.publicityStartsAt ? short(a.publicityStartsAt) : undefined,
    a.paidAt ? short(a.paidAt) : a.status === 'publicity' ? '公示期满后拨付' : undefined,
  ];
  return {
    current: Math.min(current, POLICY_APPLICATION_STEPS.length - 1),
    status: failed || returned ? 'error' : a.status === 'paid' ? 'finish' : 'process',
    items: POLICY_APPLICATION_STEPS.map((title, i) => ({
      title: i === 0 && returned ? '补正' : i === Math.min(current, 4) && a.status === 'rejected' ? '未通过' : title,
      content: contents[i],
    })),
  };
}

/** An application as a phone card opening `to`: its number and status, `title`, a meta line, then `children`. */
export function ApplicationCardFrame({ a, to, title, meta, children }: { a: PolicyApplicationSummary; to: string; title: ReactNode; meta: ReactNode; children?: ReactNode }) {
  return (
    <CaseCard to={to} number={a.number} numberClassName="yq-app-number" status={<ApplicationStatusTag status={a.status} label={a.statusLabel} />} title={title} className="yq-app-card" meta={meta}>
      {children}
    </CaseCard>
  );
}

/** A background job's progress bar (matching after publish, a rematch); calls onDone once when it ends. */
export function JobProgressBar({ jobId, label, onDone }: { jobId: string; label: string; onDone?: (ok: boolean) => void }) {
  const job = useJob(jobId);
  const j = job.data;
  const done = useRef(false);
  useEffect(() => {
    if (!j || done.current || j.status === 'running') return;
    done.current = true;
    onDone?.(j.status === 'done');
  }, [j, onDone]);
  if (!j) return <Progress percent={0} size="small" status="active" />;
  if (j.status === 'failed') return <Alert type="error" showIcon title={`${label}失败:${j.error?.message ?? '未知原因'}`} />;
  const percent = j.status === 'done' ? 100 : j.total > 0 ? Math.floor((j.processed / j.total) * 100) : 0;
  return (
    <div className="yq-job">
      <span className="yq-job-label">
        {label}
        {j.status === 'done' ? '已完成' : j.total > 0 ? `:${j.processed.toLocaleString('zh-CN')} / ${j.total.toLocaleString('zh-CN')}` : '…'}
      </span>
      <Progress percent={percent} size="small" status={j.status === 'done' ? 'success' : 'active'} />
    </div>
  );
}

export function WhenTip({ at, children }: { at: string | null | undefined; children: ReactNode }) {
  return <Tooltip title={at ? formatDateTime(at) : undefined}>{children}</Tooltip>;
}

const STAGES = new Map(LISTING_STAGE_OPTIONS.map((o) => [o.value, o.label]));

/** A payment period as people read it: 2026年度, 2026年上半年, 2026年第3季度, 一次性, 阶段:股改. */
export function periodText(key: string | null | undefined): string {
  if (!key) return '—';
  if (key === 'once') return '一次性';
  if (key.startsWith('stage:')) return `阶段:${STAGES.get(key.slice(6)) ?? key.slice(6)}`;
  let m = /^(\d{4})#(\d+)$/.exec(key);
  if (m) return `${m[1]}年度 第${m[2]}期`;
  m = /^(\d{4})-H([12])$/.exec(key);
  if (m) return `${m[1]}年${m[2] === '1' ? '上' : '下'}半年`;
  m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (m) return `${m[1]}年第${m[2]}季度`;
  m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m) return `${m[1]}年${Number(m[2])}月`;
  if (/^\d{4}$/.test(key)) return `${key}年度`;
  return key;
}
