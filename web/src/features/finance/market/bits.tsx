import { Button, Card, Tag, Typography } from 'antd';
import { CheckCircleFilled } from '@ant-design/icons';
import { formatRateBp, type NeedStatus, type NeedView, type OfferStatus, type OfferView } from '@yuanqi/contract';
import { WorkdayCountdownTag } from '../../../components/Countdown';
import { formatDate, formatDateTime, formatWan } from '../../../components/format';
import './market.css';

const OFFER_COLORS: Record<OfferStatus, string> = {
  pending: 'default',
  interested: 'blue',
  materials_requested: 'orange',
  approved: 'green',
  declined: 'red',
  disbursed: 'cyan',
  superseded: 'default',
};
const NEED_COLORS: Record<NeedStatus, string> = { open: 'blue', chosen: 'gold', disbursed: 'green', withdrawn: 'default', closed: 'default' };

export function OfferStatusTag({ o }: { o: Pick<OfferView, 'status' | 'statusLabel' | 'chosen'> }) {
  return (
    <Tag color={OFFER_COLORS[o.status]} style={{ marginInlineEnd: 0 }}>
      {o.chosen && o.status === 'approved' ? '已选定·待放款' : o.statusLabel}
    </Tag>
  );
}

export function NeedStatusTag({ n }: { n: Pick<NeedView, 'status' | 'statusLabel'> }) {
  return (
    <Tag color={NEED_COLORS[n.status]} style={{ marginInlineEnd: 0 }}>
      {n.statusLabel}
    </Tag>
  );
}

/** The answer's deadline: a countdown while unanswered, else when and whether on time. */
export function OfferDeadline({ o }: { o: OfferView }) {
  if (o.remainingWorkingDays !== null || o.overdue) {
    return (
      <span style={{ display: 'inline-flex', gap: 6, alignItems: 'center', flexWrap: 'wrap' }}>
        <WorkdayCountdownTag remaining={o.remainingWorkingDays} overdue={o.overdue} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDate(o.dueAt)} 前答复
        </Typography.Text>
      </span>
    );
  }
  if (o.answeredAt) {
    return (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatDateTime(o.answeredAt)} 答复{o.answeredOnTime === false ? <Tag color="red" style={{ marginInlineStart: 4 }}>逾期答复</Tag> : ''}
      </Typography.Text>
    );
  }
  return null;
}

/** "从提交到放款 4 个工作日" */
export function WorkingDaysBadge({ days }: { days: number }) {
  return (
    <span className="yq-wd-badge" data-testid="working-days">
      从提交到放款 <b>{days}</b> 个工作日{days <= 5 ? '(一周内)' : ''}
    </span>
  );
}

/** One institution's answer as a card: amount, rate, term, state, deadline, reason; the firm's 选择此方案 on an approved one. */
export function OfferCard({ o, onChoose, choosing }: { o: OfferView; onChoose?: (o: OfferView) => void; choosing?: boolean }) {
  const terms = o.approvedAmountFen !== null;
  const out = o.status === 'declined' || o.status === 'superseded';
  return (
    <Card size="small" className={`yq-offer-card${o.chosen ? ' is-chosen' : ''}${out ? ' is-out' : ''}`} data-testid="offer-card">
      <div className="yq-offer-head">
        <div className="yq-offer-bank">
          {o.chosen && <CheckCircleFilled style={{ color: '#52c41a', marginInlineEnd: 4 }} />}
          {o.bankName}
        </div>
        <OfferStatusTag o={o} />
      </div>
      {terms ? (
        <div className="yq-offer-terms">
          <div>
            <div className="k">批准金额</div>
            <div className="v">{formatWan(o.approvedAmountFen)}</div>
          </div>
          <div>
            <div className="k">年利率</div>
            <div className="v">{formatRateBp(o.approvedRateBp ?? 0)}</div>
          </div>
          <div>
            <div className="k">期限</div>
            <div className="v">{o.approvedTermMonths}个月</div>
          </div>
        </div>
      ) : (
        <div className="yq-offer-note">
          {o.status === 'pending' && '等待该机构答复'}
          {o.status === 'interested' && '该机构有意向,正在审查'}
          {o.status === 'materials_requested' && (
            <>
              <b>需补充材料:</b>
              {o.materialsNote}
            </>
          )}
          {o.status === 'declined' && (
            <>
              <b>拒绝原因:</b>
              {o.declineReason}
            </>
          )}
          {o.status === 'superseded' && '未选用(需求已选定其他方案或已撤回)'}
        </div>
      )}
      {o.status === 'disbursed' && (
        <div className="yq-offer-note">
          已放款 <b>{formatWan(o.disbursedAmountFen)}</b>({o.disbursedOn})
        </div>
      )}
      <OfferDeadline o={o} />
      {onChoose && o.status === 'approved' && !o.chosen && (
        <Button type="primary" block loading={choosing} onClick={() => onChoose(o)}>
          选择此方案
        </Button>
      )}
    </Card>
  );
}
