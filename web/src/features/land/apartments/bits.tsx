import { Tag } from 'antd';
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import {
  APARTMENT_APPLICATION_STATUS_COLORS,
  APARTMENT_APPLICATION_STATUS_LABELS,
  type ApartmentApplicationRow,
  type ApartmentApplicationStatus,
  type ApartmentRuleResult,
} from '@yuanqi/contract';
import type { CaseStepsProps } from '../../../components/case-kit';
import { formatDate, formatDateTime } from '../../../components/format';

export function ApartmentStatusTag({ status }: { status: ApartmentApplicationStatus }) {
  return (
    <Tag color={APARTMENT_APPLICATION_STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid="apartment-status">
      {APARTMENT_APPLICATION_STATUS_LABELS[status]}
    </Tag>
  );
}

/** The application's progress like a parcel tracker: 提交 → 审查/轮候 → 配房 → 入住 → 退房. */
export function apartmentSteps(a: Pick<ApartmentApplicationRow, 'status' | 'submittedAt' | 'score' | 'queuePosition' | 'allocatedOn' | 'moveInOn' | 'moveOutOn' | 'unitLabel'>): CaseStepsProps {
  const ended = a.status === 'rejected' || a.status === 'withdrawn';
  const current = { submitted: 0, waitlisted: 1, rejected: 1, withdrawn: 1, allocated: 2, moved_in: 3, moved_out: 4 }[a.status];
  return {
    current,
    status: ended ? 'error' : a.status === 'moved_out' ? 'finish' : 'process',
    items: [
      { title: '提交申请', content: formatDateTime(a.submittedAt) },
      {
        title: a.status === 'rejected' ? '未通过' : a.status === 'withdrawn' ? '已撤回' : '轮候',
        content: a.status === 'waitlisted' ? `第 ${a.queuePosition ?? '—'} 位 · ${a.score} 分` : a.status === 'rejected' ? '不符合入住条件' : `${a.score} 分`,
      },
      { title: '配房', content: a.allocatedOn ? `${a.unitLabel ?? ''} ${formatDate(a.allocatedOn)}` : undefined },
      { title: '入住', content: a.moveInOn ? formatDate(a.moveInOn) : undefined },
      { title: '退房', content: a.moveOutOn ? formatDate(a.moveOutOn) : undefined },
    ],
  };
}

export function RuleResultLine({ r }: { r: ApartmentRuleResult }) {
  const icon = r.passed ? <CheckCircleFilled style={{ color: '#52c41a' }} /> : <CloseCircleFilled style={{ color: r.effect === 'require' ? '#ff4d4f' : '#bfbfbf' }} />;
  return (
    <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start', padding: '6px 0', borderBottom: '1px solid #f0f0f0' }} data-testid="rule-result">
      <span style={{ marginTop: 2 }}>{icon}</span>
      <div style={{ flex: 1, minWidth: 0 }}>
        <div>
          <strong>{r.label}</strong>{' '}
          <Tag style={{ marginInlineStart: 4 }} color={r.effect === 'require' ? 'blue' : 'purple'}>
            {r.effect === 'require' ? '必须满足' : `加 ${r.points} 分`}
          </Tag>
        </div>
        <div style={{ fontSize: 12, color: '#667085' }}>
          条件:{r.condition};实际:{r.actual}
        </div>
      </div>
      <span style={{ whiteSpace: 'nowrap', color: r.passed ? '#389e0d' : r.effect === 'require' ? '#cf1322' : '#98a2b3' }}>{r.passed ? (r.effect === 'score' ? `+${r.points}` : '符合') : '不符合'}</span>
    </div>
  );
}
