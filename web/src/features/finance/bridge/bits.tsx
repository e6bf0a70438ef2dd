import { Descriptions, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import {
  bridgeAddDays,
  computeBridgeFee,
  formatDailyRatePpm,
  formatYuan,
  type BridgeLoanDetail,
  type BridgeLoanStatusValue,
  type BridgeLoanSummary,
} from '@yuanqi/contract';
import type { CaseStepsProps } from '../../../components/case-kit';
import { formatDateTime, parkToday } from '../../../components/format';

const STATUS_COLORS: Record<BridgeLoanStatusValue, string> = {
  submitted: 'gold',
  bank_confirmed: 'blue',
  approved: 'cyan',
  disbursed: 'processing',
  repaid: 'green',
  rejected: 'red',
  withdrawn: 'default',
  bank_declined: 'volcano',
};

export const yuan = (fen: number | null | undefined) => (fen === null || fen === undefined ? '—' : formatYuan(fen, { symbol: true }));

export function BridgeStatusTag({ loan }: { loan: Pick<BridgeLoanSummary, 'status' | 'statusLabel' | 'overdue' | 'needsLeader' | 'leaderApproved'> }) {
  const awaitingLeader = loan.status === 'approved' && loan.needsLeader && !loan.leaderApproved;
  return (
    <span style={{ display: 'inline-flex', gap: 4, flexWrap: 'wrap' }}>
      <Tag color={STATUS_COLORS[loan.status]} style={{ marginInlineEnd: 0 }}>
        {awaitingLeader ? '待领导审批' : loan.statusLabel}
      </Tag>
      {loan.overdue && (
        <Tag color="red" style={{ marginInlineEnd: 0 }}>
          逾期
        </Tag>
      )}
    </span>
  );
}

/** The due date, red when overdue, with the days left while the loan runs. */
export function DueText({ loan }: { loan: Pick<BridgeLoanSummary, 'status' | 'dueOn' | 'overdue'> }) {
  if (!loan.dueOn) return <Typography.Text type="secondary">放款后确定</Typography.Text>;
  if (loan.status !== 'disbursed') return <span>{loan.dueOn}</span>;
  const today = parkToday();
  const left = Math.round((Date.parse(`${loan.dueOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  return (
    <Typography.Text type={loan.overdue || left < 0 ? 'danger' : left <= 3 ? 'warning' : undefined}>
      {loan.dueOn}
      {left >= 0 ? `(剩 ${left} 天)` : `(已逾期 ${-left} 天)`}
    </Typography.Text>
  );
}

/**
 * The fee as the same function the server charges with (computeBridgeFee): final once repaid; while
 * the loan runs, what repaying today and on the due date would cost; before disbursement, an
 * estimate for the days asked with the terms a disbursement today would take.
 */
export function BridgeFeeBox({ loan }: { loan: BridgeLoanDetail }) {
  const t = loan.terms;
  const base = { principalFen: loan.amountFen, dailyRatePpm: t.dailyRatePpm, penaltyRatePpm: t.penaltyRatePpm, maxDays: t.maxDays };
  const today = parkToday();
  const rows: { label: string; value: ReactNode }[] = [];
  if (loan.status === 'repaid' && loan.feeFen !== null) {
    rows.push({ label: '使用天数', value: `${loan.daysUsed} 天` });
    rows.push({ label: '转贷费(实收)', value: <strong className="yq-bridge-fee">{yuan(loan.feeFen)}</strong> });
    if (loan.penaltyFen) rows.push({ label: '逾期费(实收)', value: <Typography.Text type="danger">{yuan(loan.penaltyFen)}</Typography.Text> });
  } else if (loan.status === 'disbursed' && loan.disbursedOn) {
    const now = computeBridgeFee({ ...base, disbursedOn: loan.disbursedOn, repaidOn: today < loan.disbursedOn ? loan.disbursedOn : today });
    const atDue = computeBridgeFee({ ...base, disbursedOn: loan.disbursedOn, repaidOn: loan.dueOn! });
    rows.push({ label: '今日归还预计', value: <strong className="yq-bridge-fee">{yuan(now.totalFen)}</strong> });
    rows.push({ label: '', value: <Typography.Text type="secondary">已用 {now.daysUsed} 天{now.penaltyFen ? `,含逾期费 ${yuan(now.penaltyFen)}` : ''}</Typography.Text> });
    rows.push({ label: '到期日归还', value: `${yuan(atDue.totalFen)}(${atDue.daysUsed} 天)` });
  } else if (!['rejected', 'withdrawn', 'bank_declined'].includes(loan.status)) {
    const est = computeBridgeFee({ ...base, disbursedOn: today, repaidOn: bridgeAddDays(today, loan.daysRequested) });
    rows.push({ label: `预计转贷费(${loan.daysRequested} 天)`, value: <strong className="yq-bridge-fee">{yuan(est.feeFen)}</strong> });
  }
  return (
    <Descriptions column={1} size="small" styles={{ label: { width: 120 } }}>
      {rows.map((r, i) => (
        <Descriptions.Item key={i} label={r.label || undefined}>
          {r.value}
        </Descriptions.Item>
      ))}
      <Descriptions.Item label="日费率">
        {formatDailyRatePpm(t.dailyRatePpm)}
        <Typography.Text type="secondary">{loan.termsFixed ? '(放款日确定)' : '(现行,按放款日确定)'}</Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label="最长使用">{t.maxDays} 天</Descriptions.Item>
      <Descriptions.Item label="逾期日费率">{formatDailyRatePpm(t.penaltyRatePpm)}</Descriptions.Item>
    </Descriptions>
  );
}

/** 申请 → 银行承诺 → 审批 (→ 领导审批) → 放款 → 归还 */
export function bridgeSteps(loan: BridgeLoanDetail, compact = false): CaseStepsProps {
  const closed = loan.status === 'rejected' || loan.status === 'withdrawn' || loan.status === 'bank_declined';
  const items = [
    { title: '提交申请', content: formatDateTime(loan.filedAt) },
    { title: loan.status === 'bank_declined' ? '银行未承诺' : '银行承诺续贷', content: loan.bankConfirmedAt ? formatDateTime(loan.bankConfirmedAt) : '待贷款银行确认' },
    { title: '审批', content: loan.officerApprovedAt ? formatDateTime(loan.officerApprovedAt) : '金融服务专员' },
    ...(loan.needsLeader ? [{ title: '领导审批', content: loan.leaderApprovedAt ? formatDateTime(loan.leaderApprovedAt) : '大额须领导审批' }] : []),
    { title: '放款', content: loan.disbursedOn ?? undefined },
    { title: '归还', content: loan.repaidOn ?? (loan.dueOn ? `到期 ${loan.dueOn}` : undefined) },
  ];
  const idx = (name: string) => items.findIndex((i) => i.title === name);
  let current = 0;
  if (loan.status === 'submitted' || loan.status === 'bank_declined') current = 1;
  else if (loan.status === 'bank_confirmed') current = 2;
  else if (loan.status === 'approved') current = loan.needsLeader && !loan.leaderApproved ? idx('领导审批') : idx('放款');
  else if (loan.status === 'disbursed') current = idx('归还');
  else if (loan.status === 'repaid') current = items.length - 1;
  else if (closed) current = loan.bankConfirmedAt ? 2 : 1;
  return { items, current, compact, status: loan.status === 'repaid' ? 'finish' : closed || loan.overdue ? 'error' : 'process' };
}
